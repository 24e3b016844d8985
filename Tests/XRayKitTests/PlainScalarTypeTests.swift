import Foundation
import Testing
import Yams
@testable import XRayCore

/// `PlainScalarType` must give every text the type Yams's default resolver gives it: that resolver
/// (seven ICU regular expressions) is the reference the byte-by-byte rules replace.
@Suite struct PlainScalarTypeTests {
    static func resolverType(_ text: String) -> PlainScalarType {
        switch Resolver.default.resolveTag(of: Node(text)) {
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .merge: return .merge
        case .null: return .null
        case .timestamp: return .timestamp
        case .value: return .value
        default: return .string
        }
    }

    /// Texts at the edge of each rule: every alternative, and one step off it.
    static let edges = [
        "", "~", "~x", "null", "Null", "NULL", "nULL", "nul", "yes", "Yes", "YES", "yEs", "no", "on", "ON", "off", "Off", "true", "FALSE", "y", "n",
        "0", "7", "-0", "+7", "10", "123456", "1_000", "_1", "1__", "00", "007", "08", "0_", "0o", "0o7", "0o8", "-0o17", "0b", "0b1", "0b102", "+0b1_0",
        "0x", "0x1F", "0xg", "-0x_a", "0X1", "1:30", "1:3", "1:60", "1:05:59", "0:30", "1:", ":30", "1:300", "-1:30", "1_0:5",
        "1.5", "1.", ".5", "._", ".", "-.5", "+.5", "0.05", "08.5", "1e3", "1E+3", "1e", "1e+", "1.5e-3", ".5e3", ".5e+3", ".5e", "1_.e3", "1.5e3.2",
        "1:30.5", "1:30.", "-1:30.5_", "1:30.5.0", ".inf", "-.inf", "+.Inf", ".INF", ".iNf", ".inff", ".nan", "-.nan", ".NaN", ".NAN", ".nAn",
        "<<", "<", "<<<", "=", "==",
        "2026-12-06", "2012-10-17", "2012-1-17", "2012-10-1x", "20121017", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
        "2001-12-15T02:59:43.1Z", "2001-12-15 2:59:43.10", "2001-12-14  \t21:59:43", "2001-1-1T1:00:00", "2001-1-1", "2001-12-14T21:59:43 Z",
        "2001-12-14T21:59:43  ", "2001-12-14T21:59:43+05:0", "2001-12-14T21:59:43+5:00", "2001-12-14T21:59:43.+05", "2001-12-14T121:59:43",
        "2026-12-06 10:00:00.5.1", "1\n", "1\r\n", "1\r", "\n", "yes\n", "1\u{85}", "1\u{2028}", "1\u{2029}", "1\u{0B}", "1\u{0C}", "1\n\n", "1 ",
        " 1", "1\t", "- 1", "-", "+", "-m", "-jar", "+x", "1.2.3", "10.0.0.1", "172.17.0.1:2000", "/path", "*", "${A}", "{{x}}", "½", "1\u{301}", "٣",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0", "1s", "10m", "0.5s",
    ]

    @Test func edgesTakeTheResolversType() {
        for text in Self.edges {
            #expect(PlainScalarType(text) == Self.resolverType(text), "\(text.debugDescription)")
        }
        // Each type is reached, so the comparison above covers every rule.
        let reached = Set(Self.edges.map { "\(PlainScalarType($0))" })
        #expect(reached == ["bool", "int", "float", "merge", "null", "timestamp", "value", "string"])
    }

    /// Random texts over the characters the rules look at, with a bias towards numbers' shapes.
    @Test func generatedTextsTakeTheResolversType() {
        var random = SplitMix64(state: 0x5CA1AB1E)
        let alphabet = Array("0123456789012345_.:+-eE").map(String.init) + ["b", "o", "x", "a", "F", "T", "t", "Z", " ", "\t", "inf", "nan", "~", "<", "=", "\n"]
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let length = Int(random.next() % 12)
            var text = ""
            for _ in 0..<length { text += alphabet[Int(random.next() % UInt64(alphabet.count))] }
            if PlainScalarType(text) != Self.resolverType(text) { mismatches.append(text.debugDescription) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// Texts built from the rules' own pieces, so that long matches (timestamps, sexagesimals,
    /// exponents) are common rather than rare.
    @Test func textsBuiltFromTheRulesPiecesTakeTheResolversType() {
        var random = SplitMix64(state: 0xD1CE)
        let pieces = ["", "-", "+", "0", "1", "9", "12", "59", "60", "007", "_", ".", ":", ":5", ":05", ":65", "e", "E+", "e-3", "0b", "0o", "0x", "1F",
                      "2001", "-12", "-1", "-14", "T", "t", " ", "\t", "21:59:43", "1:00:00", ".10", "Z", "+05:00", "-5", ".inf", ".nan"]
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let count = 1 + Int(random.next() % 6)
            let text = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            if PlainScalarType(text) != Self.resolverType(text) { mismatches.append(text.debugDescription) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
    }

    /// What the loader makes of the types: timestamps, `<<` and `=` stay text.
    @Test func loaderKinds() {
        #expect(YAMLLoader.scalar("2012-10-17", tag: "", quoted: false).kind == .string)
        #expect(YAMLLoader.scalar("1s", tag: "", quoted: false).kind == .string)
        #expect(YAMLLoader.scalar("0x1F", tag: "", quoted: false).kind == .int)
        #expect(YAMLLoader.scalar("1e3", tag: "", quoted: false).kind == .float)
        #expect(YAMLLoader.scalar("~", tag: "", quoted: false).kind == .null)
        #expect(YAMLLoader.scalar("Off", tag: "", quoted: false).kind == .bool)
        #expect(YAMLLoader.scalar("1", tag: "", quoted: true).kind == .string)
        #expect(YAMLLoader.scalar("1", tag: "!Ref", quoted: false).kind == .string)
    }
}
