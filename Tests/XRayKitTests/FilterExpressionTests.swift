import Foundation
import Testing
@testable import XRayCore
@testable import XRayKit

/// The X-Ray filter-expression parser against AWS's documented examples, against expressions X-Ray
/// rejects, and under a seeded fuzzer.
@Suite struct FilterExpressionTests {
    struct Documented: Decodable {
        struct Forms: Decodable { var placeholder: String; var replacement: String; var texts: [String] }
        struct Misprinted: Decodable { var as_printed: String; var closed: String }
        var source: String
        var examples: [String]
        var also_documented: [String]
        var forms: Forms
        var misprinted: Misprinted
    }

    static let documented: Documented = {
        let url = TestSupport.path("Tests/XRayKitTests/Fixtures/filter-expressions/aws-documented.json")
        return try! JSONDecoder().decode(Documented.self, from: Data(contentsOf: url))
    }()

    @Test func acceptsEveryDocumentedExample() {
        let documented = Self.documented
        let all = documented.examples + documented.also_documented + [documented.misprinted.closed]
            + documented.forms.texts.map { $0.replacingOccurrences(of: documented.forms.placeholder, with: documented.forms.replacement) }
        #expect(all.count >= 35)
        for text in all {
            #expect(throws: Never.self, "\(text) (\(documented.source))") { try FilterExpression.parse(text) }
        }
    }

    @Test func theMisprintedExampleFailsAtItsEnd() {
        let text = Self.documented.misprinted.as_printed
        #expect(throws: FilterExpressionError.self) { try FilterExpression.parse(text) }
        do { _ = try FilterExpression.parse(text) } catch {
            #expect(error.offset == text.count)
            #expect(error.message.contains("'}'"))
        }
    }

    @Test func readsStructure() throws {
        let parsed = try FilterExpression.parse("ok !partial duration <3")
        #expect(parsed == .and(.and(.condition(.init(name: "ok", annotationKey: nil, offset: 0), nil),
                                     .not(.condition(.init(name: "partial", annotationKey: nil, offset: 4), nil))),
                                .condition(.init(name: "duration", annotationKey: nil, offset: 12), .init(op: "<", value: .number(3)))))
        let or = try FilterExpression.parse("fault OR error AND throttle")
        guard case .or(_, .and) = or else { Issue.record("AND binds tighter than OR: \(or)"); return }
        let edge = try FilterExpression.parse("edge(id(name: \"a\", type: \"AWS::Lambda\"), \"b\") { fault }")
        #expect(edge == .edge(.init(name: "a", type: "AWS::Lambda"), .init(name: "b", type: nil),
                              .condition(.init(name: "fault", annotationKey: nil, offset: 48), nil)))
    }

    @Test func findsAnnotationUses() throws {
        let parsed = try FilterExpression.parse("service(\"api\") { fault } AND annotation.account = \"1\" OR !annotation[tenant_id]")
        #expect(parsed.annotationUses.map(\.key) == ["account", "tenant_id"])
        #expect(parsed.annotationUses.map(\.offset) == [29, 58])
        #expect(try FilterExpression.parse("annotation[\"a.b\"] = 1").annotationUses.map(\.key) == ["a.b"])
    }

    /// Expressions that are not the language, each with the offset the error must name.
    static let rejected: [(text: String, offset: Int, says: String)] = [
        ("", 0, "empty"),
        ("responsetime >", 14, "expected a value"),
        ("responsetime CONTAINS \"a\"", 13, "does not apply to a number keyword"),
        ("http.url > 5", 9, "does not apply to a string keyword"),
        ("http.status = \"200\"", 14, "compares with a number"),
        ("ok = 1", 5, "compares with true or false"),
        ("responstime > 5", 0, "did you mean 'responsetime'"),
        ("service(\"api\" { fault }", 14, "expected ')'"),
        ("service(api) { fault }", 8, "quoted service name"),
        ("edge(\"a\") { fault }", 8, "expected ','"),
        ("(fault OR error", 15, "to close the '('"),
        ("fault OR", 8, "expected a keyword"),
        ("AND fault", 0, "needs a condition"),
        ("fault )", 6, "unexpected ')'"),
        ("service() { }", 10, "holds no filter"),
        ("http.url = \"abc", 11, "no closing"),
        ("rootcause.fault.span { last }", 0, "a root cause is a service"),
        ("rootcause.latency.service { last }", 0, "root causes are"),
        ("id(name: \"a\")", 0, "inside service"),
        ("service(id(nom: \"a\")) { fault }", 11, "id() takes name"),
        ("annotation.count CONTAINS 3", 26, "compares with a quoted string"),
        ("rootcause.json = #[{\"a\" 1}]", 18, "not valid JSON"),
        ("rootcause.json = #[{\"a\": ]", 17, "'#[' is not closed"),
        ("fault ; error", 6, "unexpected character ';'"),
        ("duration > 5s", 12, "runs into 's'"),
        (String(repeating: "(", count: 100) + "fault" + String(repeating: ")", count: 100), 65, "nested more than 64"),
    ]

    @Test func rejectsWithTheOffset() {
        for (text, offset, says) in Self.rejected {
            do {
                let parsed = try FilterExpression.parse(text)
                Issue.record("accepted '\(text)' as \(parsed)")
            } catch {
                #expect(error.offset == offset, "'\(text)': \(error.message)")
                #expect(error.message.contains(says), "'\(text)': \(error.message)")
            }
        }
    }

    /// The filter `doctor --verify` sends to GetTraceSummaries is the language too, and reads its annotation.
    @Test func doctorsOwnFilterParses() throws {
        let trace = VerifyTrace(at: Date(timeIntervalSince1970: 1_795_000_000))
        let parsed = try FilterExpression.parse(trace.filterExpression)
        #expect(parsed.annotationUses.map(\.key) == [VerifyTrace.annotationKey])
        #expect(parsed == .condition(.init(name: "annotation", annotationKey: "xrayctl_verify", offset: 0), .init(op: "=", value: .string(trace.nonce))))
        #expect(trace.traceID.hasPrefix("1-6afd86c0-") && trace.otlpTraceID.count == 32)
    }

    @Test func placesOffsetsInTheFile() {
        let start = SourceLocation(file: "xray.yaml", line: 7, column: 24)
        let plain = LocatedNode.Scalar(text: "fault OR nope", kind: .string, isQuoted: false)
        let quoted = LocatedNode.Scalar(text: "fault OR nope", kind: .string, isQuoted: true)
        let block = LocatedNode.Scalar(text: "fault\nOR nope", kind: .string, isQuoted: false)
        #expect(start.within(plain, offset: 9) == SourceLocation(file: "xray.yaml", line: 7, column: 33))
        #expect(start.within(quoted, offset: 9) == SourceLocation(file: "xray.yaml", line: 7, column: 34))
        #expect(start.within(block, offset: 9) == start)
        // Walking the written line: each escape is one character of the text.
        let escaped = LocatedNode.Scalar(text: "service(\"a\") x", kind: .string, isQuoted: true)
        let line: Substring = #"    FilterExpression: "service(\"a\") x""#
        #expect(SourceLocation(file: "t.yaml", line: 3, column: 23).within(escaped, offset: 13, line: line) == SourceLocation(file: "t.yaml", line: 3, column: 39))
    }

    /// Mutations of the documented examples: the parser answers every one (an expression or an error
    /// inside the text), without trapping; every loop consumes input, so it cannot hang.
    @Test func fuzzedExpressionsNeverTrap() {
        var random = RobustnessTests.SeededGenerator(state: FuzzTests.seed)
        let seeds = Self.documented.examples + Self.rejected.map(\.text)
        let alphabet = Array("()[]{}\"\\#!=<>,:.&| \n\tANDORNOTservice edge id annotation 0123456789-éx")
        for _ in 0..<(FuzzTests.iterations * 10) {
            var characters = Array(seeds.randomElement(using: &random) ?? "")
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                switch Int.random(in: 0..<4, using: &random) {
                case 0 where !characters.isEmpty: characters.remove(at: Int.random(in: 0..<characters.count, using: &random))
                case 1: characters.insert(alphabet.randomElement(using: &random)!, at: Int.random(in: 0...characters.count, using: &random))
                case 2 where !characters.isEmpty:
                    characters[Int.random(in: 0..<characters.count, using: &random)] = alphabet.randomElement(using: &random)!
                default:
                    let other = Array(seeds.randomElement(using: &random) ?? "")
                    characters.insert(contentsOf: other.prefix(Int.random(in: 0...other.count, using: &random)),
                                      at: Int.random(in: 0...characters.count, using: &random))
                }
            }
            let text = String(characters)
            do { _ = try FilterExpression.parse(text) } catch {
                #expect(error.offset >= 0 && error.offset <= text.count, "'\(text)': \(error)")
            }
        }
    }
}
