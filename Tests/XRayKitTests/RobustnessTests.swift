import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// No input crashes or hangs the linter: every one gets findings or nothing.
@Suite struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func lint(_ data: Data, path: String = "input.json") -> [Finding] {
        var document = DocumentLoader.load(path: path, data: data)
        document.explicitlyNamed = true
        return Linter.lint([document])
    }

    func lint(_ text: String, path: String = "input.json") -> [Finding] { lint(Data(text.utf8), path: path) }

    @Test func emptyAndWhitespaceFiles() {
        for text in ["", " ", "\n\n", "---\n", "# only a comment\n", "null", "[]", "{}"] {
            let findings = lint(text)
            #expect(findings.allSatisfy { ["XR001", "XR002"].contains($0.rule) }, "\(text.debugDescription): \(findings)")
        }
        #expect(lint("").first?.message == "the file is empty")
    }

    @Test func invalidUTF8AndNULBytes() {
        let invalid = lint(Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x0A, 0xFF, 0xFE, 0x7D]))
        #expect(invalid.map(\.rule) == ["XR001"])
        #expect(invalid.first.map { "\($0.location.line):\($0.location.column)" } == "2:1")
        let nul = lint(Data("{\"a\": \"b\u{0}\"}".utf8))
        #expect(nul.map(\.rule) == ["XR001"])
        #expect(nul.first?.location.column == 9)
    }

    @Test func deepNesting() {
        let depth = 200_000
        for text in [String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
                     String(repeating: "{\"a\": ", count: depth) + "1" + String(repeating: "}", count: depth),
                     String(repeating: "- ", count: depth) + "x\n"] {
            let findings = lint(text)
            #expect(findings.map(\.rule) == ["XR001"])
            #expect(findings.first?.message.contains("nesting deeper than") == true)
        }
        // Just under the limit is fine.
        let ok = String(repeating: "[", count: YAMLLoader.maxDepth) + String(repeating: "]", count: YAMLLoader.maxDepth)
        #expect(lint(ok).allSatisfy { $0.rule == "XR002" })
    }

    @Test func aliasBomb() {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for (index, name) in "bcdefghij".enumerated() {
            let previous = index == 0 ? "a" : String("bcdefghij"[String.Index(utf16Offset: index - 1, in: "bcdefghij")])
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        let findings = lint(lines.joined(separator: "\n") + "\n", path: "bomb.yaml")
        #expect(findings.map(\.rule) == ["XR001"])
        #expect(findings.first?.message.contains("expands to more than") == true)
    }

    @Test func hugeNumbersAndOddScalars() {
        let text = #"{"family": "x", "cpu": "1e400", "memory": 99999999999999999999999999, "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "portMappings": [{"containerPort": 1e999, "hostPort": -99999999999999999999}], "command": ["-m", "99999999999999999999999"]}]}"#
        _ = lint(text)
        let segment = #"{"name": "a", "id": "0000000000000000", "trace_id": "1-00000000-000000000000000000000000", "start_time": 1e308, "end_time": -1e308, "annotations": {"n": 1e999}}"#
        _ = lint(segment)
    }

    @Test func randomBytes() {
        var generator = SeededGenerator(state: 42)
        for _ in 0..<300 {
            let count = Int.random(in: 0..<400, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = lint(Data(bytes))
            // Printable noise with YAML punctuation reaches further into the parser.
            let punctuation = Array("{}[]:,-?&*!|>'\"%@`#\n \t abc123")
            let text = String((0..<count).map { _ in punctuation.randomElement(using: &generator)! })
            _ = lint(text, path: "noise.yaml")
        }
    }

    /// Every example, fixture and broken setup with its values replaced by values of other types.
    @Test func wrongTypesEverywhere() throws {
        var generator = SeededGenerator(state: 7)
        var sources: [URL] = []
        for folder in ["examples", "Tests/XRayKitTests/Golden"] {
            let root = TestSupport.path(folder)
            sources += TestSupport.files(under: root).filter { $0.hasSuffix(".json") && !$0.hasSuffix("expected-report.json") }
                .map { root.appendingPathComponent($0) }
        }
        #expect(sources.count > 50)
        func mutate(_ value: Any, _ generator: inout SeededGenerator) -> Any {
            if Int.random(in: 0..<6, using: &generator) == 0 {
                let replacements: [Any] = [NSNull(), true, 0, -1, 1.5e300, "", "x", [Any](), [String: Any](), ["a": [1, "b"]], [[["deep"]]]]
                return replacements.randomElement(using: &generator)!
            }
            if let object = value as? [String: Any] { return object.mapValues { mutate($0, &generator) } }
            if let array = value as? [Any] { return array.map { mutate($0, &generator) } }
            return value
        }
        for source in sources {
            guard let data = try? Data(contentsOf: source), let object = try? JSONSerialization.jsonObject(with: data) else { continue }
            for _ in 0..<4 {
                let mutated = try JSONSerialization.data(withJSONObject: mutate(object, &generator), options: .fragmentsAllowed)
                _ = lint(mutated, path: source.lastPathComponent)
            }
        }
    }

    @Test func duplicateKeysAreFindingsAndTheRestIsLinted() {
        let text = "Version: 2\nRegion: us-east-1\nRegion: us-west-2\nLogging:\n  LogLevel: loud\n  LogLevel: warn\n"
        let findings = lint(text, path: "cfg.yaml")
        #expect(findings.filter { $0.rule == "XR003" }.map(\.location.line) == [3, 6])
        #expect(findings.contains { $0.rule == "XR506" }, "linting goes on after a duplicate key")
    }
}
