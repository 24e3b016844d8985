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

    /// What every finding on any input must be: of a rule in the catalogue, at a severity the rule
    /// declares, in the file linted, at a line and column inside it, with a message. Returns the
    /// problems, one per finding that breaks one of these.
    static func malformed(_ findings: [Finding], path: String, data: Data) -> [String] {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        return findings.compactMap { finding in
            guard let rule = RuleCatalog.rule(finding.rule) else { return "unknown rule \(finding.rule)" }
            if !rule.description.severities.contains(finding.severity) { return "\(finding.rule) at undeclared severity \(finding.severity)" }
            if finding.location.file != path { return "\(finding.rule) in \(finding.location.file), not \(path)" }
            // A parse error may sit just past the last line: libyaml reports the end of the input
            // there when the text does not end with a line break.
            let last = max(lines, 1) + (finding.rule == "XR001" ? 1 : 0)
            if !(1...last).contains(finding.location.line) || finding.location.column < 1 {
                return "\(finding.rule) at \(finding.location.line):\(finding.location.column), outside \(lines) lines"
            }
            if finding.message.isEmpty { return "\(finding.rule) without a message" }
            return nil
        }
    }

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

    /// Numbers past any integer or double type are read as the text they are: the task is still a
    /// task whose other rules run, the out-of-range cpu is named as written, and the segment is
    /// still a segment document.
    @Test func hugeNumbersAndOddScalars() {
        let text = #"{"family": "x", "cpu": "1e400", "memory": 99999999999999999999999999, "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "portMappings": [{"containerPort": 1e999, "hostPort": -99999999999999999999}], "command": ["-m", "99999999999999999999999"]}]}"#
        let task = lint(text)
        #expect(Self.malformed(task, path: "input.json", data: Data(text.utf8)) == [])
        #expect(task.contains { $0.rule == "XR108" && $0.message.hasPrefix("1e400 is no Fargate task cpu") }, "\(task)")
        #expect(task.contains { $0.rule == "XR107" }, "the task's other rules ran: \(task)")
        #expect(!task.contains { $0.rule == "XR001" }, "huge numbers are not a parse error: \(task)")
        let segment = #"{"name": "a", "id": "0000000000000000", "trace_id": "1-00000000-000000000000000000000000", "start_time": 1e308, "end_time": -1e308, "annotations": {"n": 1e999}}"#
        #expect(DocumentLoader.load(path: "input.json", data: Data(segment.utf8)).kind == .segments)
        let findings = lint(segment)
        #expect(Self.malformed(findings, path: "input.json", data: Data(segment.utf8)) == [])
        #expect(!findings.contains { $0.rule == "XR001" }, "\(findings)")
    }

    /// Random bytes and YAML-punctuation noise: every finding well formed; bytes that are not UTF-8
    /// are one XR001 and nothing else; and each input lints to the same findings every time.
    @Test func randomBytes() {
        var generator = SeededGenerator(state: 42)
        var invalid = 0, noiseRules = Set<String>()
        for round in 0..<300 {
            let count = Int.random(in: 0..<400, using: &generator)
            let bytes = Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let findings = lint(bytes)
            #expect(Self.malformed(findings, path: "input.json", data: bytes) == [], "bytes of round \(round)")
            if String(data: bytes, encoding: .utf8) == nil {
                invalid += 1
                #expect(findings.map(\.rule) == ["XR001"], "bytes of round \(round): \(findings)")
            }
            // Printable noise with YAML punctuation reaches further into the parser.
            let punctuation = Array("{}[]:,-?&*!|>'\"%@`#\n \t abc123")
            let text = String((0..<count).map { _ in punctuation.randomElement(using: &generator)! })
            let noise = lint(text, path: "noise.yaml")
            #expect(Self.malformed(noise, path: "noise.yaml", data: Data(text.utf8)) == [], "noise of round \(round): \(text.debugDescription)")
            if round % 10 == 0 { #expect(lint(text, path: "noise.yaml") == noise, "noise of round \(round) linted twice") }
            noiseRules.formUnion(noise.map(\.rule))
        }
        #expect(invalid > 250, "most random byte strings are not UTF-8 (\(invalid) of 300 were)")
        #expect(noiseRules.contains("XR001"), "some noise fails to parse, and says where")
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
        var linted = 0, rules = Set<String>()
        for source in sources {
            guard let data = try? Data(contentsOf: source), let object = try? JSONSerialization.jsonObject(with: data) else { continue }
            for _ in 0..<4 {
                let mutated = try JSONSerialization.data(withJSONObject: mutate(object, &generator), options: .fragmentsAllowed)
                let findings = lint(mutated, path: source.lastPathComponent)
                #expect(Self.malformed(findings, path: source.lastPathComponent, data: mutated) == [], "\(source.path)")
                #expect(!findings.contains { $0.rule == "XR001" }, "\(source.path): valid JSON of the wrong types is no parse error: \(findings.filter { $0.rule == "XR001" })")
                linted += 1
                rules.formUnion(findings.map(\.rule))
            }
        }
        // The mutated documents were still recognised and linted: their rules found things.
        #expect(linted > 200, "\(linted) mutated documents")
        #expect(rules.count > 10, "rules that found something in the mutated documents: \(rules.sorted())")
    }

    @Test func duplicateKeysAreFindingsAndTheRestIsLinted() {
        let text = "Version: 2\nRegion: us-east-1\nRegion: us-west-2\nLogging:\n  LogLevel: loud\n  LogLevel: warn\n"
        let findings = lint(text, path: "cfg.yaml")
        #expect(findings.filter { $0.rule == "XR003" }.map(\.location.line) == [3, 6])
        #expect(findings.contains { $0.rule == "XR506" }, "linting goes on after a duplicate key")
    }
}
