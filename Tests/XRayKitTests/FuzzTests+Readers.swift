import Foundation
import Testing
import Yams
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Fuzz targets for the readers and writers that came with Terraform, Kubernetes and the
/// collectors: each reader draws its seeds from the files of its own kind (a kind with three seed
/// files among two hundred would otherwise get few runs), and each writer must give back, through
/// an independent reader, exactly the text it was handed.
@Suite struct ReaderFuzzTests {
    static var seeds: [(name: String, data: Data)] { FuzzTests.seeds }
    static var seed: UInt64 { FuzzTests.seed }
    static var iterations: Int { FuzzTests.iterations }

    /// The seeds whose text holds one of `markers`, or all seeds when none does (never empty).
    static func seeds(containing markers: [String]) -> [(name: String, data: Data)] {
        let chosen = seeds.filter { _, data in
            let text = String(decoding: data, as: UTF8.self)
            return markers.contains { text.contains($0) }
        }
        return chosen.isEmpty ? seeds : chosen
    }

    /// Every document of a stream linted together, as a folder of manifests would be.
    static func lintStream(_ name: String, _ data: Data) {
        let documents = DocumentLoader.loadAll(path: name, data: data)
        for finding in Linter.lint(documents) {
            #expect(finding.location.line >= 1 && finding.location.column >= 1, "\(name): \(finding.message)")
        }
    }

    /// A collector configuration read where people keep it: as a file, inline in a task
    /// definition's `AOT_CONFIG_CONTENT`, and in a ConfigMap a DaemonSet mounts.
    static func collector(_ name: String, _ data: Data) {
        lintStream(name, data)
        let text = String(decoding: data, as: UTF8.self)
        let task: [String: Any] = [
            "family": "fuzz", "networkMode": "awsvpc",
            "containerDefinitions": [
                ["name": "app", "image": "app:1", "essential": true],
                ["name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1",
                 "environment": [["name": "AOT_CONFIG_CONTENT", "value": text]]],
            ],
        ]
        if let json = try? JSONSerialization.data(withJSONObject: task, options: [.sortedKeys]) {
            lintStream("task-definition.json", json)
        }
        let configMap = YAMLValue.map([
            ("apiVersion", "v1"), ("kind", "ConfigMap"), ("metadata", .map([("name", "collector")])),
            ("data", .map([("config.yaml", .block(text)), ("cfg.yaml", .string(text))])),
        ])
        let daemonSet = YAMLValue.map([
            ("apiVersion", "apps/v1"), ("kind", "DaemonSet"), ("metadata", .map([("name", "collector")])),
            ("spec", .map([("template", .map([("spec", .map([
                ("containers", .list([.map([("name", "collector"), ("image", "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1"),
                                             ("args", .list(["--config=/conf/config.yaml"])),
                                             ("volumeMounts", .list([.map([("name", "conf"), ("mountPath", "/conf")])]))])])),
                ("volumes", .list([.map([("name", "conf"), ("configMap", .map([("name", "collector")]))])])),
            ]))]))])),
        ])
        lintStream("manifests.yaml", Data((YAMLWriter.render(configMap) + "---\n" + YAMLWriter.render(daemonSet)).utf8))
    }

    /// `.xrayctl.yaml`: the reader refuses with a located error or gives a configuration whose
    /// ignore globs answer for any path.
    static func lintConfig(_ name: String, _ data: Data) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xrayctl-fuzz-config-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(LintConfigFile.name).path
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        do {
            guard let config = try LintConfigFile.load(path: path) else { return }
            for file in ["a.json", "deploy/a/b/c/task.json", "../outside.yaml", String(repeating: "a/", count: 40) + "b.json"] {
                let finding = Finding(rule: "XR101", severity: .error, message: "", location: SourceLocation(file: folder.path + "/" + file, line: 1, column: 1),
                                      pointer: "", fix: nil)
                _ = config.ignores(finding)
            }
        } catch {
            #expect(error.location.line >= 1 && error.location.column >= 1, "\(name): \(error.message)")
        }
    }

    /// Strings of every shape: the seed's lines and pieces of them, with the characters that
    /// close or open something in the writers' languages, alone and under combining marks.
    static func hostileStrings(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var strings = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(String.init)
        strings.append(String(text.unicodeScalars.prefix(300).map(Character.init)))
        let marks = ["\u{0301}", "\u{20DD}", "\u{FE0F}", "\u{200D}"]
        for (index, opener) in ["\"", "\\", "\n", "\r\n", "${", "%{", "$${", "%%{", "\t", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}"].enumerated() {
            strings.append(opener + marks[index % marks.count] + text.prefix(20))
            strings.append(String(text.prefix(10)) + opener + "x" + marks[(index + 1) % marks.count])
        }
        return strings
    }

    /// The HCL writer: every string comes back, read by the string-literal rules of HCL's
    /// native syntax specification, as the exact text the model held.
    static func hclWriter(_ name: String, _ data: Data) {
        for text in hostileStrings(data) {
            let quoted = HCLWriter.quoted(text)
            #expect(HCLStringLiteral.read(quoted) == text, "\(name): \(quoted.debugDescription) does not read back as \(text.debugDescription)")
            let key = HCLWriter.key(text)
            #expect(key == text ? HCLStringLiteral.isIdentifier(text) : HCLStringLiteral.read(key) == text, "\(name): key \(key.debugDescription)")
        }
    }

    /// The YAML writer behind Kubernetes manifests, `.ebextensions` and templates: libyaml reads
    /// back every string as it was written, in both styles the writer uses.
    static func yamlWriter(_ name: String, _ data: Data) {
        for text in hostileStrings(data) {
            let document = YAMLWriter.render(.map([("plain", .string(text)), ("block", .block(text))]))
            guard let loaded = try? Yams.load(yaml: document) as? [String: Any] else {
                Issue.record("\(name): the writer's output is not YAML: \(document.debugDescription)")
                continue
            }
            // Yams's reader drops a byte-order mark that opens a scalar, however it is written
            // (libyaml escapes it as \uFEFF); what follows it must come back unchanged.
            let expected = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
            #expect(loaded["plain"] as? String == expected, "\(name): \(text.debugDescription) came back as \(String(describing: loaded["plain"]))")
            #expect(loaded["block"] as? String == expected, "\(name): block \(text.debugDescription) came back as \(String(describing: loaded["block"]))")
        }
    }

    static let readerTargets: [(String, @Sendable (String, Data) -> Void, [(name: String, data: Data)])] = [
        ("terraform-plan", FuzzTests.lint, seeds(containing: ["\"planned_values\"", "\"prior_state\"", "\"format_version\""])),
        ("kubernetes", lintStream, seeds(containing: ["apiVersion:", "\"apiVersion\""])),
        ("collector", collector, seeds(containing: ["receivers:", "AOT_CONFIG_CONTENT", "\"traces_collected\""])),
        ("lint-config", lintConfig, seeds(containing: [LintConfigFile.name, "disable:", "ignore:"])),
        ("hcl-writer", hclWriter, seeds),
        ("yaml-writer", yamlWriter, seeds),
    ]

    @Test(arguments: readerTargets.map(\.0))
    func mutatedReaderInputs(_ target: String) {
        let (_, run, pool) = Self.readerTargets.first { $0.0 == target }!
        var random = SplitMix64(state: Self.seed &+ UInt64(target.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        for _ in 0..<Self.iterations {
            let (name, data) = pool[Int(random.next() % UInt64(pool.count))]
            let other = Self.seeds[Int(random.next() % UInt64(Self.seeds.count))].data
            run(name, Mutator.mutate(data, splicing: other, random: &random))
        }
    }

    /// The oracles themselves: a reader that accepts anything would make the writer targets pass.
    @Test func writerOraclesRejectWhatIsWrong() {
        #expect(HCLStringLiteral.read("\"a\"") == "a")
        #expect(HCLStringLiteral.read("\"$${x} %%{y} \\u00e9\\n\"") == "${x} %{y} é\n")
        #expect(HCLStringLiteral.read("\"${x}\"") == nil, "an interpolation is not a literal")
        #expect(HCLStringLiteral.read("\"a\"b\"") == nil, "a quote ends the string")
        #expect(HCLStringLiteral.read("\"\"\u{0301}\"") == nil, "a quote under a combining mark still ends the string")
        #expect(HCLStringLiteral.read("\"a\nb\"") == nil, "a raw newline is not allowed in a quoted string")
    }
}

/// HCL native syntax's quoted template, read the way its specification writes it (hclsyntax
/// spec, "Template Expressions"): escapes `\n \r \t \" \\ \uNNNN \UNNNNNNNN`, `$${` and `%%{` for
/// a literal `${` and `%{`; an unescaped `${`/`%{` starts an interpolation or directive, which a
/// literal never holds (nil), and neither a raw newline nor an unescaped quote may stand inside.
/// By Unicode scalar, as Terraform's scanner reads bytes, not grapheme clusters.
enum HCLStringLiteral {
    static func read(_ quoted: String) -> String? {
        var scalars = Array(quoted.unicodeScalars)[...]
        guard scalars.popFirst() == "\"", scalars.popLast() == "\"" else { return nil }
        var result = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"", "\n", "\r": return nil
            case "\\":
                guard let escape = scalars.popFirst() else { return nil }
                switch escape {
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "u", "U":
                    let count = escape == "u" ? 4 : 8
                    let digits = String(String.UnicodeScalarView(scalars.prefix(count)))
                    guard digits.count == count, let value = UInt32(digits, radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
                    scalars = scalars.dropFirst(count)
                    result.append(decoded)
                default: return nil
                }
            case "$", "%":
                if scalars.first == scalar && scalars.dropFirst().first == "{" {
                    scalars = scalars.dropFirst(2)
                    result.append(scalar)
                    result.append("{")
                } else if scalars.first == "{" {
                    return nil
                } else {
                    result.append(scalar)
                }
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// An identifier of HCL's native syntax (ASCII subset the writer leaves bare).
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }
}
