import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// A seeded mutation fuzzer over the inputs xrayctl reads: the document loader and linter, the
/// model reader and generator, the sampling reader/matcher/shadowing check, `instrument`, and the
/// readers of HTTP answers. Deterministic for a seed; a crash fails the whole test run.
/// `swift test` runs a short pass; `scripts/fuzz.sh ITERATIONS SEED` a long one.
@Suite struct FuzzTests {
    static var iterations: Int { Int(ProcessInfo.processInfo.environment["XRAYCTL_FUZZ_ITERATIONS"] ?? "") ?? 120 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["XRAYCTL_FUZZ_SEED"] ?? "") ?? 16 }

    /// Every example, template and fixture, and the regression inputs (which once crashed).
    static let seeds: [(name: String, data: Data)] = {
        var seeds: [(String, Data)] = []
        for folder in ["examples", "templates", "Tests/XRayKitTests/Fixtures"] {
            let root = TestSupport.path(folder)
            guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walk where ["json", "yaml", "yml", "config"].contains(url.pathExtension) {
                if let data = try? Data(contentsOf: url) { seeds.append((url.lastPathComponent, data)) }
            }
        }
        return seeds.sorted { $0.0 < $1.0 }
    }()

    static var regressions: [(name: String, data: Data)] {
        seeds.filter { name, _ in
            FileManager.default.fileExists(atPath: TestSupport.path("Tests/XRayKitTests/Fixtures/fuzz/\(name)").path)
        }
    }

    // MARK: targets

    static func lint(_ name: String, _ data: Data) {
        let document = DocumentLoader.load(path: name, data: data)
        // YAML (and editors) count CR, LF and CRLF as line breaks; a parser may point just past the end.
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }).count
        for finding in Linter.lint([document]) {
            #expect(finding.location.line >= 1 && finding.location.column >= 1, "\(name): \(finding.message)")
            // Decoded UTF-16 files have fewer lines than bytes suggest, never more.
            #expect(finding.location.line <= max(lines, 1) + 1, "\(name): \(finding.location) beyond the file; input (base64): \(data.base64EncodedString())")
        }
    }

    static func model(_ name: String, _ data: Data) {
        do {
            let result = try ModelDecoder.decode(String(decoding: data, as: UTF8.self), file: name)
            let files = Generator.generate(result.model)
            #expect(Set(files.map(\.path)).count == files.count, "\(name): two generated files share a path")
        } catch {
            #expect(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { $0.location.line >= 1 }, "\(name)")
        }
    }

    static func sampling(_ name: String, _ data: Data) {
        guard let set = try? SamplingInput.rules(path: name, data: data) else { return }
        for request in [SamplingRequest(), SamplingRequest(service: "api", host: "a.example", method: "GET", path: "/health"),
                        SamplingRequest(service: "*", serviceType: "?", path: "")] {
            _ = SamplingReports.matchText(request, SamplingMatcher.match(request, in: set))
            _ = SamplingReports.matchJSON(request, SamplingMatcher.match(request, in: set))
        }
        _ = SamplingShadowing.shadowed(in: set)
        let traffic = [TrafficEntry(request: SamplingRequest(service: "api"), rps: 100)]
        let result = SamplingSimulator.simulate(set, traffic: traffic, hosts: 3, days: 30)
        #expect(result.tracesPerMonth.isFinite, "\(name)")
        _ = SamplingReports.simulationText(result) + SamplingReports.simulationJSON(result)
    }

    static func instrument(_ name: String, _ data: Data) {
        for agent in [AgentSpec.Kind.xrayDaemon, .adot] {
            guard let result = try? Instrumenter.instrument(path: name, data: data, options: .init(agent: agent)) else { continue }
            // What it writes, it can read again, and a second run changes nothing.
            let again = try? Instrumenter.instrument(path: name, data: Data(result.text.utf8), options: .init(agent: agent))
            #expect(again != nil, "\(name): instrument's own output is unreadable")
        }
    }

    static func httpAnswer(_ name: String, _ data: Data) {
        for status in [200, 400, 500] {
            _ = AWSClient.failure(AWSClient.Response(status: status, body: data))
        }
        _ = XMLValues(data).values
    }

    static let targets: [(String, @Sendable (String, Data) -> Void)] = [
        ("lint", lint), ("model", model), ("sampling", sampling), ("instrument", instrument), ("http", httpAnswer),
    ]

    // MARK: tests

    @Test func regressionInputsStayFixed() {
        #expect(Self.regressions.count >= 8)
        for (name, data) in Self.regressions {
            for (_, target) in Self.targets { target(name, data) }
        }
    }

    @Test(arguments: targets.map(\.0))
    func mutatedInputs(_ target: String) {
        let run = Self.targets.first { $0.0 == target }!.1
        var random = SplitMix64(state: Self.seed &+ UInt64(target.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        let seeds = Self.seeds
        for _ in 0..<Self.iterations {
            let (name, data) = seeds[Int(random.next() % UInt64(seeds.count))]
            let other = seeds[Int(random.next() % UInt64(seeds.count))].data
            run(name, Mutator.mutate(data, splicing: other, random: &random))
        }
    }
}

/// The suite's deterministic generator (SplitMix64), so a failing seed can be run again.
typealias SplitMix64 = RobustnessTests.SeededGenerator

/// Byte-level mutations, plus tokens that have broken parsers and arithmetic before.
enum Mutator {
    static let tokens: [String] = [
        "1e999", "-1e999", "NaN", "Infinity", "1e300", "99999999999999999999999", "-1", "0", "0x7fffffffffffffff", "1.5",
        "*", "?", "**?*", "*a*????????????????????", "&a ", "*a ", "? ", "<<: *a", "---\n", "...\n", "!Ref ", "!Sub ",
        "\"", "'", "{", "}", "[", "]", ",", ":", "\n  ", "\t", "\u{FEFF}", "\u{E000}", "\\u0000", "$(id)", "`id`", "; rm -rf ~",
        "../../", "/etc/passwd", "arn:aws:iam::123456789012:role/", "alias/", "null", "~", "true", "yes",
        String(repeating: "a", count: 300), String(repeating: "[", count: 50),
    ]

    static func mutate(_ data: Data, splicing other: Data, random: inout SplitMix64) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<(1 + Int(random.next() % 4)) {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
            switch random.next() % 6 {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(1 << (random.next() % 8))
            case 1:
                let token = tokens[Int(random.next() % UInt64(tokens.count))]
                bytes.insert(contentsOf: Array(token.utf8), at: position)
            case 2 where !bytes.isEmpty:
                let length = min(Int(random.next() % 32) + 1, bytes.count - min(position, bytes.count - 1))
                bytes.removeSubrange(min(position, bytes.count - 1)..<min(position, bytes.count - 1) + length)
            case 3 where !other.isEmpty:
                let start = Int(random.next() % UInt64(other.count))
                let piece = other[other.startIndex + start..<other.startIndex + min(other.count, start + Int(random.next() % 200) + 1)]
                bytes.insert(contentsOf: piece, at: position)
            case 4 where bytes.count > 1:
                let start = min(position, bytes.count - 1)
                let piece = bytes[start..<min(bytes.count, start + Int(random.next() % 64) + 1)]
                bytes.insert(contentsOf: piece, at: start)
            default:
                // Replace a number written in the file with one at the edges.
                if let digit = bytes.indices.dropFirst(position).first(where: { (48...57).contains(bytes[$0]) }) {
                    let token = ["1e999", "NaN", "-1", "99999999999999999999", "1e17"][Int(random.next() % 5)]
                    bytes.replaceSubrange(digit...digit, with: Array(token.utf8))
                }
            }
        }
        return Data(bytes)
    }
}
