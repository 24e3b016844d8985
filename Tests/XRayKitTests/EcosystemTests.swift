import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// What wires xrayctl into other tools, validated by those tools' own checkers.
@Suite(.tags(.slow), PythonTools.available(PythonTools.ecosystem))
struct EcosystemTests {
    func python(_ arguments: [String]) async throws -> TestSupport.ProcessResult {
        try await TestSupport.run(try #require(TestSupport.which("python3")), arguments, in: TestSupport.repoRoot)
    }

    @Test func preCommitHooksValidate() async throws {
        try PythonTools.require(PythonTools.ecosystem)
        let result = try await python(["-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // The hooks' file patterns pick what xrayctl reads, and only that.
        let manifest = try #require(try YAMLLoader.load(TestSupport.read(TestSupport.path(".pre-commit-hooks.yaml")) ?? "", file: "hooks"))
        let hooks = Dictionary(uniqueKeysWithValues: (manifest.items ?? []).compactMap { hook in hook["id"]?.text.map { ($0, hook) } })
        let lint = try NSRegularExpression(pattern: try #require(hooks["xrayctl-lint"]?["files"]?.text))
        func matches(_ regex: NSRegularExpression, _ path: String) -> Bool {
            regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
        }
        for path in ["deploy/task-definition.json", "template.yaml", "app/.ebextensions/xray.config", "cfg.yml"] { #expect(matches(lint, path), "\(path)") }
        for path in ["Sources/main.swift", "README.md"] { #expect(!matches(lint, path), "\(path)") }
        let generate = try NSRegularExpression(pattern: try #require(hooks["xrayctl-generate-check"]?["files"]?.text))
        #expect(matches(generate, "xray.yaml") && matches(generate, "infra/xray.yml") && !matches(generate, "myxray.yaml"))
        #expect(hooks["xrayctl-generate-check"]?["entry"]?.text == "xrayctl generate --check")
    }

    /// The README's `.pre-commit-config.yaml` snippet is a valid configuration.
    @Test func readmeSnippetValidates() async throws {
        try PythonTools.require(PythonTools.ecosystem)
        let readme = try #require(TestSupport.read(TestSupport.path("README.md")))
        let snippet = try #require(readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
            .first { $0.hasPrefix("repos:") })
        let folder = TestSupport.TemporaryFolder()
        let config = folder.url.appendingPathComponent(".pre-commit-config.yaml")
        try Data(snippet.utf8).write(to: config)
        let result = try await python(["-m", "pre_commit", "validate-config", config.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test func githubActionValidates() async throws {
        try PythonTools.require(PythonTools.ecosystem)
        let result = try await python(["-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions", "action.yml"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
