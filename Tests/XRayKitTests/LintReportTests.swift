import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// `xrayctl lint` end to end: broken examples, the real-world corpus, generated output, formats.
@Suite struct LintReportTests {
    func xrayctl(_ arguments: [String], in directory: URL = TestSupport.repoRoot) async throws -> TestSupport.ProcessResult {
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary was not built beside the tests")
        return try await TestSupport.run(binary, arguments, in: directory)
    }

    static let brokenBlocks = ["beanstalk", "daemon", "ecs", "eks", "iam", "sampling", "segments", "serverless", "terraform"]

    /// Each broken setup reports exactly what its expected report says (checked by hand when recorded).
    @Test(arguments: brokenBlocks)
    func brokenExampleMatchesExpectedReport(block: String) async throws {
        let result = try await xrayctl(["lint", "examples/broken/\(block)", "--format", "json"])
        #expect(result.status == 1, "broken setups have errors: \(result.stderr)")
        try TestSupport.expectGolden(result.stdout, at: TestSupport.path("examples/broken/\(block)/expected-report.json"))
    }

    @Test func everyRuleBlockIsCoveredByABrokenExample() throws {
        let reports = Self.brokenBlocks.compactMap { TestSupport.read(TestSupport.path("examples/broken/\($0)/expected-report.json")) }.joined()
        for block in ["XR1", "XR2", "XR3", "XR4", "XR5", "XR6", "XR7", "XR9"] {
            #expect(reports.contains("\"\(block)"), "no broken example reports a \(block)xx rule")
        }
    }

    /// Unmodified real-world files (Fixtures/corpus, with their sources and licences): nothing is
    /// called unparseable, no finding is an error, every finding was judged by hand (README there).
    @Test func realWorldCorpus() async throws {
        let result = try await xrayctl(["lint", ".", "--format", "json"], in: TestSupport.path("Tests/XRayKitTests/Fixtures/corpus"))
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = report["findings"] as? [[String: Any]] ?? []
        #expect(!findings.contains { ["XR001", "XR002", "XR003"].contains($0["rule"] as? String) }, "a real-world file was misread")
        #expect(!findings.contains { $0["severity"] as? String == "error" }, "a false error on a real-world file")
        // The judged findings, rule by rule (README.md beside the corpus says why each is true).
        let counts = Dictionary(grouping: findings, by: { $0["rule"] as? String ?? "" }).mapValues(\.count)
        #expect(counts == ["XR110": 12, "XR119": 2, "XR120": 2, "XR201": 6, "XR205": 1, "XR212": 12, "XR305": 3, "XR514": 3, "XR805": 13], "\(counts)")
        #expect((report["summary"] as? [String: Any])?["files"] as? Int == 42)
        #expect((report["skipped"] as? [String])?.count == 1)
        try TestSupport.expectGolden(result.stdout, at: TestSupport.path("Tests/XRayKitTests/Golden/corpus-report.json"))
    }

    /// What `xrayctl generate` writes lints without an error or a warning; an example's output also
    /// without XR201's "not among the linted files" (its roles are all there, in `iam/` and in
    /// `cloudformation.yaml` alike; fixtures may name roles that exist elsewhere).
    @Test func generatedSetupsLintClean() throws {
        for model in TestSupport.allModels {
            let directory = TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            _ = try ArtifactWriter(directory: directory).write(try TestSupport.generate(modelAt: model.url), force: false)
            let documents = try FileCollector.collect([directory.path])
            // Before the X-Ray end of support: from 2027-02-25 XR805 warns about the daemon on purpose.
            let all = Linter.lint(documents, options: LintOptions(today: RuleExampleTests.today))
            let findings = all.filter { $0.severity >= .warning || (model.name.hasPrefix("examples/") && $0.rule == "XR201") }
            #expect(findings.isEmpty, "\(model.name): \(findings.map { "\($0.rule) \($0.location.line):\($0.location.column) \($0.message)" })")
        }
    }

    /// The committed output of every example, linted as a user would (`xrayctl lint DIR`).
    @Test func committedExampleOutputLintsClean() async throws {
        let examples = TestSupport.allModels.filter { $0.name.hasPrefix("examples/") }
        #expect(examples.count >= 8)
        for example in examples {
            let result = try await xrayctl(["lint", "\(example.name)/generated", "--format", "json"])
            #expect(result.status == 0, "\(example.name): \(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let findings = (report["findings"] as? [[String: Any]] ?? []).filter { $0["severity"] as? String != "info" || $0["rule"] as? String == "XR201" }
            #expect(findings.isEmpty, "\(example.name): \(findings)")
        }
    }

    @Test func textFormatAndExitCodes() async throws {
        let text = try await xrayctl(["lint", "examples/broken/daemon"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("examples/broken/daemon/cfg.yaml:9:13: error: 'warning' is not a daemon log level"))
        // The folder's expected-report.json is JSON of no kind xrayctl lints: skipped, and said so.
        #expect(text.stdout.hasSuffix("1 file checked: 4 errors, 2 warnings, 1 info\n1 file skipped (not a kind xrayctl lints); --verbose lists them\n"))
        #expect(try await xrayctl(["lint", "examples/broken/daemon", "-v"]).stdout.hasSuffix("skipped (not a kind xrayctl lints):\n  examples/broken/daemon/expected-report.json\n"))
        #expect(try await xrayctl(["lint", "examples/broken/daemon", "--disable", "XR502,XR506,XR507,XR508"]).status == 0)
        #expect(try await xrayctl(["lint", "examples/broken/daemon", "--enable-only", "XR503"]).status == 0)
        // A cfg.yaml alone does not say which daemon reads it: Version 1 is information there.
        #expect(try await xrayctl(["lint", "examples/broken/daemon", "--enable-only", "XR503", "--fail-on", "warning"]).status == 0)
        #expect(try await xrayctl(["lint", "examples/broken/daemon", "--enable-only", "XR503", "--fail-on", "info"]).status == 1)
        #expect(try await xrayctl(["lint", "examples/scorekeep/generated", "--fail-on", "info"]).status == 1, "XR805 is an info finding")
        #expect(try await xrayctl(["lint", "examples/scorekeep/generated"]).status == 0)
        #expect(try await xrayctl(["lint", "no/such/file.json"]).status == 2)
        #expect(try await xrayctl(["lint", "examples/broken/daemon", "--disable", "XR999"]).status == 64)
        #expect(try await xrayctl(["lint", "Sources/xrayctl"]).status == 2, "a folder with nothing to lint")
    }

    @Test func readsStandardInput() async throws {
        let binary = try #require(TestSupport.xrayctl)
        let result = try await TestSupport.run(binary, ["lint", "-", "--format", "json"], stdin: "Version: 2\nSocket:\n  BufferSizeKB: 64\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("\"file\": \"-\""))
        #expect(result.stdout.contains("\"XR502\""))
    }

    @Test func jsonReportHasTheContractShape() async throws {
        let result = try await xrayctl(["lint", "examples/broken/segments", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["tool"] as? [String: String]) == ["name": "xrayctl", "version": XRayKit.version])
        let findings = try #require(object["findings"] as? [[String: Any]])
        for finding in findings {
            #expect(Set(finding.keys) == ["rule", "severity", "message", "file", "line", "column", "pointer", "fix"])
        }
        #expect(findings.first?["pointer"] as? String == "")
        #expect(findings.contains { $0["pointer"] as? String == "/trace_id" })
        #expect((object["summary"] as? [String: Int]) == ["files": 1, "errors": 3, "warnings": 2, "infos": 0])
    }

    @Test(.tags(.slow), PythonTools.available([.jsonschema]))
    func sarifValidatesAgainstTheSchema() async throws {
        try PythonTools.require([.jsonschema])
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let report = work.appendingPathComponent("report.sarif")
        _ = try await xrayctl(["lint", "examples/broken", "--format", "sarif", "--output", report.path])
        let script = """
            import json, sys
            from jsonschema import Draft7Validator
            schema = json.load(open(sys.argv[1]))
            log = json.load(open(sys.argv[2]))
            errors = [e.message for e in Draft7Validator(schema).iter_errors(log)]
            print(json.dumps({"errors": errors, "results": len(log["runs"][0]["results"]), "rules": len(log["runs"][0]["tool"]["driver"]["rules"])}))
            """
        let result = try await TestSupport.run(TestSupport.which("python3")!, ["-c", script, TestSupport.path("Tests/XRayKitTests/Fixtures/sarif/sarif-schema-2.1.0.json").path, report.path])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        #expect((summary["errors"] as? [String]) == [])
        #expect((summary["results"] as? Int ?? 0) > 40)
        #expect(summary["rules"] as? Int == RuleCatalog.all.count)
    }

    @Test func suppressionByCommentAndConfigFile() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let config = "Version: 2\n# xrayctl:disable=XR506\nLogging:\n  LogLevel: loud\nNoVerifySSL: true # xrayctl:disable=XR509\n"
        try Data(config.utf8).write(to: work.appendingPathComponent("cfg.yaml"))
        let quiet = try await xrayctl(["lint", "cfg.yaml", "--format", "json"], in: work)
        #expect(!quiet.stdout.contains("XR509"), "a comment on the same line suppresses")
        #expect(quiet.stdout.contains("XR506"), "the comment is two lines above the finding, so it does not suppress")
        try Data("disable: [XR506]\n".utf8).write(to: work.appendingPathComponent(".xrayctl.yaml"))
        let configured = try await xrayctl(["lint", "cfg.yaml"], in: work)
        #expect(configured.status == 0)
        try Data("disable: [XR9999]\n".utf8).write(to: work.appendingPathComponent(".xrayctl.yaml"))
        #expect(try await xrayctl(["lint", "cfg.yaml"], in: work).status == 2, "an unknown rule in the config file is an error")
    }

    /// A finding about an embedded daemon config (`… [XR501] [XR912]`) is suppressed by either ID,
    /// in a comment, with --disable and in `.xrayctl.yaml` (`disable:` and `ignore:`), and the summary
    /// counts what was suppressed.
    @Test func embeddedFindingsAreSuppressedByEitherIDAndCounted() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: xray-config, namespace: xray}\ndata:\n  cfg.yaml: |\n    Version: 3\n    NoVerifySSL: true\n"
        let ebextension = "files:\n  /etc/amazon/xray/cfg.yaml:\n    content: |\n      Version: 3\n"
        try FileManager.default.createDirectory(at: work.appendingPathComponent("app/.ebextensions"), withIntermediateDirectories: true)
        try Data(configMap.utf8).write(to: work.appendingPathComponent("agent.yaml"))
        try Data(ebextension.utf8).write(to: work.appendingPathComponent("app/.ebextensions/xray.config"))
        let plain = try await xrayctl(["lint", "."], in: work)
        #expect(plain.stdout.contains("[XR501] [XR912]") && plain.stdout.contains("[XR501] [XR305]"), "\(plain.stdout)")
        #expect(plain.stdout.contains("checked: 2 errors, 1 warning, 0 infos\n"), "nothing suppressed, nothing said: \(plain.stdout)")

        for id in ["XR501", "XR912"] {
            let flag = try await xrayctl(["lint", ".", "--disable", id], in: work)
            #expect(!flag.stdout.contains("[XR501] [XR912]"), "--disable \(id): \(flag.stdout)")
        }
        let flag = try await xrayctl(["lint", ".", "--disable", "XR501"], in: work)
        #expect(flag.status == 0 && flag.stdout.contains("checked: 0 errors, 1 warning, 0 infos, 2 suppressed\n"), "\(flag.stdout)")

        try Data(configMap.replacingOccurrences(of: "Version: 3", with: "Version: 3 # xrayctl:disable=XR501").utf8)
            .write(to: work.appendingPathComponent("agent.yaml"))
        let comment = try await xrayctl(["lint", "agent.yaml"], in: work)
        #expect(!comment.stdout.contains("XR501") && comment.stdout.contains("1 suppressed"), "\(comment.stdout)")

        try Data(configMap.utf8).write(to: work.appendingPathComponent("agent.yaml"))
        try Data("disable: [XR501]\n".utf8).write(to: work.appendingPathComponent(".xrayctl.yaml"))
        let disabled = try await xrayctl(["lint", "."], in: work)
        #expect(!disabled.stdout.contains("XR501") && disabled.stdout.contains("2 suppressed"), "\(disabled.stdout)")
        try Data("ignore:\n  - path: agent.yaml\n    rules: [XR509]\n".utf8).write(to: work.appendingPathComponent(".xrayctl.yaml"))
        let ignored = try await xrayctl(["lint", "agent.yaml"], in: work)
        #expect(!ignored.stdout.contains("XR509") && ignored.stdout.contains("[XR501] [XR912]") && ignored.stdout.contains("1 suppressed"), "\(ignored.stdout)")
    }

    /// Each linted path finds its own `.xrayctl.yaml`, upwards to the repository root: `lint repo` from
    /// the parent honours `repo/.xrayctl.yaml`; outside a repository, only the linted folder's own counts.
    @Test func configIsFoundFromEachLintedPath() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let daemon = "Version: 2\nNoVerifySSL: true\n"
        for folder in ["repo/deploy", "loose/deploy"] {
            try FileManager.default.createDirectory(at: work.appendingPathComponent(folder), withIntermediateDirectories: true)
            try Data(daemon.utf8).write(to: work.appendingPathComponent("\(folder)/cfg.yaml"))
            try Data("disable: [XR509]\n".utf8).write(to: work.appendingPathComponent("\(folder.split(separator: "/")[0])/.xrayctl.yaml"))
        }
        try FileManager.default.createDirectory(at: work.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        #expect(try await xrayctl(["lint", "repo"], in: work).status == 0)
        #expect(try await xrayctl(["lint", "repo/deploy/cfg.yaml"], in: work).status == 0, "from a file, up to the repository root")
        #expect(try await xrayctl(["lint", "loose"], in: work).status == 0, "outside a repository: the linted folder's own")
        let below = try await xrayctl(["lint", "loose/deploy", "--fail-on", "warning"], in: work)
        #expect(below.status == 1 && below.stdout.contains("XR509"), "outside a repository, nothing above the linted folder is read")
        // Two paths, two configurations: each decides for its own files.
        let both = try await xrayctl(["lint", "repo", "loose/deploy", "-v"], in: work)
        #expect(both.stdout.components(separatedBy: "[XR509]").count == 2, "\(both.stdout)")
        #expect(both.stderr.contains("xrayctl: configuration \(work.appendingPathComponent("repo/.xrayctl.yaml").standardizedFileURL.path) (for repo)"), "\(both.stderr)")
    }

    /// The nearest .xrayctl.yaml from the working directory up to the repository root, or --config;
    /// path ignores for files that cannot hold a comment.
    @Test func configIsFoundUpwardsAndIgnoresPaths() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let sub = work.appendingPathComponent("repo/deploy/daemon")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        try Data("Version: 2\nNoVerifySSL: true\n".utf8).write(to: sub.appendingPathComponent("cfg.yaml"))
        try Data("ignore:\n  - path: deploy/**/cfg.yaml\n    rules: [XR509]\n".utf8).write(to: work.appendingPathComponent("repo/.xrayctl.yaml"))
        // A config above the repository root is not read.
        try Data("disable: [XR9999]\n".utf8).write(to: work.appendingPathComponent(".xrayctl.yaml"))
        let found = try await xrayctl(["lint", "cfg.yaml", "--format", "json"], in: sub)
        #expect(found.status == 0, "\(found.stderr)")
        #expect(!found.stdout.contains("XR509"), "the path entry of the nearest config ignores it")
        let other = work.appendingPathComponent("other.yaml")
        try Data("disable: []\n".utf8).write(to: other)
        let explicit = try await xrayctl(["lint", "cfg.yaml", "--format", "json", "--config", other.path], in: sub)
        #expect(explicit.stdout.contains("XR509"), "--config replaces the nearest file")
    }

    /// JSON templates cannot hold comments: CloudFormation Metadata, as cfn-lint reads it.
    @Test func cloudFormationMetadataSuppresses() {
        let template = """
            {"Resources": {
              "Task": {"Type": "AWS::ECS::TaskDefinition", "Metadata": {"xrayctl": {"disable": ["XR110"]}},
                "Properties": {"NetworkMode": "awsvpc", "ContainerDefinitions": [
                  {"Name": "app", "Image": "app:1"}, {"Name": "xray-daemon", "Image": "public.ecr.aws/xray/aws-xray-daemon:latest"}]}},
              "Other": {"Type": "AWS::ECS::TaskDefinition",
                "Properties": {"NetworkMode": "awsvpc", "ContainerDefinitions": [
                  {"Name": "app", "Image": "app:1"}, {"Name": "xray-daemon", "Image": "public.ecr.aws/xray/aws-xray-daemon:latest"}]}}}}
            """
        let findings = Linter.lint([DocumentLoader.load(path: "template.json", data: Data(template.utf8))]).filter { $0.rule == "XR110" }
        #expect(findings.map(\.pointer) == ["/Resources/Other/Properties/ContainerDefinitions/1/Image"])
    }
}
