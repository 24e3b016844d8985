import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Readers that hung, took quadratic (or exponential) time, or memory out of proportion to their
/// input. Each complexity test uses an input on which the old code took minutes; it asserts what
/// the findings are, not how long they took (speed is measured in benchmarks).
@Suite struct HardeningReadersTests {
    func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    func lint(_ text: String, _ name: String, rules: Set<String>? = nil) -> [Finding] {
        Linter.lint(DocumentLoader.loadAll(path: name, data: Data(text.utf8)), options: LintOptions(enabledOnly: rules))
    }

    /// Where each occurrence of `needle` is in `text`, as `line:column` (1-based, columns in characters).
    func locations(of needle: String, in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            line.range(of: needle).map { "\(index + 1):\(line[..<$0.lowerBound].count + 1)" }
        }
    }

    // MARK: folder walks

    /// `a/b -> ../c` and `c/d -> ../a` make a loop the walk followed for ever; a link to a file and
    /// a named pipe (which a read would wait on) sit beside them.
    @Test func folderWalksFollowALinkLoopOnceAndReadEachFileOnce() throws {
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let task = #"{"family": "api", "containerDefinitions": [{"name": "api", "image": "api:1"}]}"#
        _ = try write(task, "a/x.json", in: root)
        _ = try write(task, "c/y.json", in: root)
        _ = try write("aws-xray-sdk==2.14.0\n", "a/requirements.txt", in: root)
        _ = try write("print('no wiring')\n", "a/app.py", in: root)
        _ = try write("module example.com/c\n\nrequire github.com/aws/aws-xray-sdk-go v1.8.4\n", "c/go.mod", in: root)
        let files = FileManager.default
        try files.createSymbolicLink(atPath: root.appendingPathComponent("a/b").path, withDestinationPath: "../c")
        try files.createSymbolicLink(atPath: root.appendingPathComponent("c/d").path, withDestinationPath: "../a")
        try files.createSymbolicLink(atPath: root.appendingPathComponent("link.json").path, withDestinationPath: "a/x.json")
        #expect(mkfifo(root.appendingPathComponent("pipe.json").path, 0o600) == 0)

        let base = root.path
        #expect(FileCollector.walk(base) == [base + "/a/x.json", base + "/c/y.json"])
        let documents = try FileCollector.collect([base])
        #expect(documents.map(\.path).sorted() == [base + "/a/x.json", base + "/c/y.json"])

        // doctor's project scan: the applications once each, named by their own folders.
        let applications = ProjectScan.applications(under: base)
        #expect(applications.map(\.manifest) == [base + "/a/requirements.txt", base + "/c/go.mod"])
        let scan = ProjectScan.scan(base, today: Date(timeIntervalSince1970: 1_780_000_000))
        #expect(scan.files == 4, "two task definitions and two applications")
        #expect(scan.findings.allSatisfy { !$0.location.file.contains("/b/") && !$0.location.file.contains("/d/") },
                "\(scan.findings.map(\.location.file))")
    }

    // MARK: ignore globs

    /// Seven `**` against forty folders tried every split of the path for each `**` in turn.
    @Test func ignoreGlobsWithManyDoubleStarsMatchInPolynomialTime() {
        let glob = "**/a/**/a/**/a/**/a/**/a/**/a/**/b"
        let folders = String(repeating: "a/", count: 40)
        #expect(!LintConfigFile.matches(glob, folders + "c"))
        #expect(LintConfigFile.matches(glob, folders + "b"))
        #expect(!LintConfigFile.matches(glob, "a/a/a/a/a/b"), "six a's are needed")
        #expect(LintConfigFile.matches(glob, "a/a/a/a/a/a/b"))
    }

    @Test(arguments: [
        ("**", "a/b/c.json", true), ("**", "", true), ("*.json", "a.json", true), ("*.json", "a/b.json", false),
        ("**/*.json", "b.json", true), ("**/*.json", "a/b/c.json", true), ("a/**", "a", true), ("a/**", "a/b/c", true),
        ("a/**/c", "a/c", true), ("a/**/c", "a/b/b/c", true), ("a/**/c", "a/b/d", false), ("./a/*.yaml", "a/x.yaml", true),
        ("a/?.yaml", "a/x.yaml", true), ("a/?.yaml", "a/xy.yaml", false), ("A/X.yaml", "a/x.yaml", true),
        ("a/b", "a/b/c", false), ("a/b/c", "a/b", false), ("x**y/z", "xay/z", true), ("", "", true), ("", "a", false),
    ])
    func ignoreGlobsKeepTheirMeaning(_ glob: String, _ path: String, _ expected: Bool) {
        #expect(LintConfigFile.matches(glob, path) == expected)
    }

    // MARK: quadratic readers

    /// 1,500 roles, each with a policy (a JSON string) attached by name and an AWS managed policy
    /// attached by name: every attachment searched every resource, every policy re-split the file.
    @Test func terraformPlansJoinRolesAndPoliciesByKey() throws {
        let count = 1_500
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["xray:PutTraceSegment"],"Resource":"*"}]}"#
        var resources: [[String: Any]] = []
        for index in 0..<count {
            func resource(_ type: String, _ name: String, _ values: [String: Any]) -> [String: Any] {
                ["address": "\(type).\(name)", "mode": "managed", "type": type, "name": name, "values": values]
            }
            resources.append(resource("aws_iam_role", "r\(index)", ["name": "role\(index)", "assume_role_policy": trust]))
            resources.append(resource("aws_iam_role_policy", "p\(index)", ["name": "policy\(index)", "role": "role\(index)", "policy": policy]))
            resources.append(resource("aws_iam_role_policy_attachment", "a\(index)",
                                      ["role": "role\(index)", "policy_arn": "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"]))
        }
        let plan: [String: Any] = ["format_version": "1.2", "planned_values": ["root_module": ["resources": resources]]]
        let data = try JSONSerialization.data(withJSONObject: plan, options: [.prettyPrinted, .sortedKeys])
        let documents = DocumentLoader.loadAll(path: "plan.json", data: data)
        let run = LintRun(documents: documents)
        #expect(run.roles.count == count)
        #expect(run.roles.allSatisfy { $0.inlinePolicies.count == 1 && $0.managedPolicies.map(\.arn) == ["arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"] })
        let findings = Linter.lint(documents, options: LintOptions(enabledOnly: ["XR203"]))
        #expect(findings.count == count)
        #expect(Set(findings.compactMap(\.address)) == Set((0..<count).map { "aws_iam_role_policy.p\($0)" }))
    }

    /// 8,000 pipelines: every component reference searched its whole section, rebuilt each time.
    @Test func collectorPipelinesLookComponentsUpByID() {
        let count = 8_000
        var lines = ["receivers:"]
        lines += (0..<count).map { "  otlp/r\($0):\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317" }
        lines += ["processors:", "  batch/unused: {}", "exporters:"]
        lines += (0..<count).map { "  debug/e\($0): {}" }
        lines += ["service:", "  pipelines:"]
        lines += (0..<count).map { "    traces/p\($0):\n      receivers: [otlp/r\($0)]\n      exporters: [debug/e\($0)]" }
        let text = lines.joined(separator: "\n") + "\n"
        let findings = lint(text, "collector.yaml", rules: ["XR513"])
        #expect(findings.map { "\($0.location.line):\($0.location.column) \($0.severity)" } == ["\(4 * count + 3):3 info"],
                "only the unused processor: \(findings.prefix(3).map(\.message))")
    }

    /// 2,000 of each: DaemonSets with their ServiceAccount and ConfigMap, Services selecting them,
    /// apps naming the Services. Each look-up searched every object; each document of the stream
    /// re-read the whole file for suppression comments, and each ConfigMap string re-split it.
    @Test func kubernetesLookUpsAreByNamespaceAndName() {
        let count = 2_000
        let documents = (0..<count).map { index in
            """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: sa\(index), namespace: ns, annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/r\(index)"}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cfg\(index), namespace: ns}
            data:
              config.yaml: |
                Version: 2
                Socket:
                  UDPAddress: 127.0.0.1:2000
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: svc\(index), namespace: ns}
            spec:
              selector: {app: agent\(index)}
              ports: [{port: 2000, protocol: TCP}]
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: d\(index), namespace: ns}
            spec:
              template:
                metadata: {labels: {app: agent\(index)}, annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/r\(index)"}}
                spec:
                  serviceAccountName: sa\(index)
                  volumes: [{name: config, configMap: {name: cfg\(index)}}]
                  containers:
                    - name: xray-daemon
                      image: amazon/aws-xray-daemon:3.3.7
                      command: ["/xray", "-c", "/etc/amazon/xray/cfg.yaml"]
                      ports: [{containerPort: 2000, protocol: UDP}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app\(index), namespace: ns}
            spec:
              template:
                metadata: {labels: {app: app\(index)}}
                spec:
                  containers:
                    - name: api
                      image: api:1
                      env: [{name: AWS_XRAY_DAEMON_ADDRESS, value: "svc\(index).ns:2000"}]
            """
        }
        let text = documents.joined(separator: "\n---\n") + "\n"
        let findings = lint(text, "cluster.yaml", rules: ["XR902", "XR904", "XR905", "XR907"])
        let byRule = Dictionary(grouping: findings, by: \.rule)
        #expect(byRule.mapValues(\.count) == ["XR902": count, "XR904": count, "XR905": count, "XR907": count])
        // XR907 is information only where it found the ServiceAccount, annotated, by namespace and name.
        #expect(byRule["XR907"]?.allSatisfy { $0.severity == .info } == true)
        let accounts = (byRule["XR907"] ?? []).compactMap { finding in
            finding.message.range(of: "ServiceAccount sa").map { "ns/" + String(finding.message[$0.lowerBound...].dropFirst("ServiceAccount ".count).prefix { $0 != "," }) }
        }
        #expect(Set(accounts) == Set((0..<count).map { "ns/sa\($0)" }), "each DaemonSet found its own ServiceAccount")
        #expect(Set(byRule["XR905"]?.map { "\($0.location.line):\($0.location.column)" } ?? [])
                == Set(locations(of: "127.0.0.1:2000", in: text)), "located inside each ConfigMap's block")
    }

    /// A 40 KB rules file of costly patterns: every rule against every earlier one, each pair up
    /// to its own budget. The file now has one budget; where it runs out, XR606 says so once.
    @Test func shadowedRulesShareOneBudgetPerFile() throws {
        var generator = RobustnessTests.SeededGenerator(state: 606)
        let rules = (0..<170).map { index -> String in
            // A letter after `*` and a run of `?`: thousands of states per pair, some past the pair's limit.
            let host = "*" + ["a", "b"].randomElement(using: &generator)! + String(repeating: "?", count: 12)
                + String((0..<3).map { _ in ["a", "b", "?"].randomElement(using: &generator)! })
            return #"{"SamplingRule": {"RuleName": "r\#(index)", "Priority": \#(index + 1), "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "\#(host)", "HTTPMethod": "*", "URLPath": "*", "Version": 1}}"#
        }
        let text = "[" + rules.joined(separator: ",\n") + "]\n"
        #expect(text.utf8.count > 35_000)
        let findings = lint(text, "rules.json", rules: ["XR606"])
        let stopped = findings.filter { $0.message.contains("stopped comparing") }
        #expect(stopped.count == 1, "\(findings.map(\.message).prefix(3))")
        #expect(stopped.first?.severity == .info)
        // An ordinary file is compared in full, well within the budget.
        var ordinary: [SamplingRule] = []
        for index in 0..<100 {
            var rule = SamplingRule(name: "rule\(index)", priority: index + 1, fixedRate: 0.05, reservoir: 1)
            rule.serviceName = ["api", "web", "worker-*", "*"][index % 4]
            rule.urlPath = "/v\(index % 7)/orders/\(index % 3 == 0 ? "*" : "list")"
            rule.httpMethod = ["GET", "POST", "*"][index % 3]
            ordinary.append(rule)
        }
        let analysis = SamplingShadowing.analyse(SamplingRuleSet(kind: .centralized, rules: ordinary))
        #expect(analysis.stoppedAt == nil)
        #expect(analysis.shadows.map(\.rule.name) == SamplingShadowing.analyse(SamplingRuleSet(kind: .centralized, rules: ordinary), budget: .max).shadows.map(\.rule.name))
    }

    /// 2,000 roles whose policies are JSON in `|` blocks: each policy view split the whole file
    /// into lines to place its tree; the lines are now found once per file.
    @Test func policiesWrittenAsStringsArePlacedWithoutResplittingTheFile() {
        let count = 2_000
        let roles = (0..<count).map { index in
            """
              Role\(index):
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: |
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
                  Policies:
                    - PolicyName: xray
                      PolicyDocument: |
                        {"Version": "2012-10-17",
                         "Statement": [{"Effect": "Allow", "Resource": "*",
                           "Action": ["xray:PutTraceSegment"]}]}
            """
        }
        let text = "Resources:\n" + roles.joined(separator: "\n") + "\n"
        let findings = lint(text, "template.yaml", rules: ["XR203"])
        #expect(findings.count == count)
        #expect(Set(findings.map { "\($0.location.line):\($0.location.column)" }) == Set(locations(of: "\"xray:PutTraceSegment\"", in: text)))
    }

    // MARK: embedded documents

    /// A string that expands to `nodes` through aliases, as YAML flow (so also where JSON is expected).
    static func aliasBomb(last: Int) -> String {
        var parts = ["\"a\": &a [" + Array(repeating: "x", count: 9).joined(separator: ", ") + "]"]
        var previous = "a"
        for name in ["b", "c", "d", "e"] {
            parts.append("\"\(name)\": &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
            previous = name
        }
        parts.append("\"f\": [" + Array(repeating: "*e", count: last).joined(separator: ", ") + "]")
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// Forty policies of a few hundred bytes, each expanding to just under the limit of one parse:
    /// each got a fresh budget (about 14 GB in all). One budget for the file refuses it as a whole.
    @Test func embeddedDocumentsShareTheFileBudget() throws {
        let bomb = Self.aliasBomb(last: 18)
        let single = YAMLPrepass.scan(bomb, budget: .max)
        #expect(single.problem == nil && single.expandedNodes > NodeBudget.perFile * 9 / 10 && single.expandedNodes < NodeBudget.perFile)
        let roles = (0..<40).map { index in
            """
              Role\(index):
                Type: AWS::IAM::Role
                Properties:
                  Policies:
                    - PolicyName: p
                      PolicyDocument: '\(bomb)'
            """
        }
        let text = "Resources:\n" + roles.joined(separator: "\n") + "\n"
        #expect(text.utf8.count < 20_000)
        let documents = DocumentLoader.loadAll(path: "template.yaml", data: Data(text.utf8))
        let findings = Linter.lint(documents)
        #expect(findings.map { "\($0.location) \($0.rule)" } == ["template.yaml:1:1 XR001"], "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("expand to more than 2000000 nodes in all") == true)
        #expect(documents[0].nodeBudget.isExhausted)

        // One such string alone is read as before; the same string read by several views counts once.
        let small = Self.aliasBomb(last: 2)
        let escaped = small.replacingOccurrences(of: "\"", with: "\\\"")
        let task = #"{"family": "api", "networkMode": "awsvpc", "containerDefinitions": [{"name": "otel", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0", "environment": [{"name": "AOT_CONFIG_CONTENT", "value": "\#(escaped)"}]}]}"#
        let taskDocuments = DocumentLoader.loadAll(path: "task.json", data: Data(task.utf8))
        #expect(taskDocuments[0].loadFindings.isEmpty)
        #expect(LintRun(documents: taskDocuments).collectorConfigs.count == 1)
        #expect(!Linter.lint(taskDocuments).contains { $0.rule == "XR001" })
        #expect(!taskDocuments[0].nodeBudget.isExhausted)
    }

    // MARK: configuration discovery

    /// Outside a repository, a `.xrayctl.yaml` in a folder above the one linted turned every rule off.
    @Test func configurationIsLookedForUpToTheRepositoryRootOnly() throws {
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let base = root.standardizedFileURL.path
        _ = try write("enable-only: [XR005]\n", ".xrayctl.yaml", in: root)
        let project = root.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        #expect(LintConfigFile.find(from: project.path) == nil, "no repository: only the folder's own")
        #expect(LintConfigFile.find(from: root.path) == base + "/.xrayctl.yaml")

        // In a repository: the nearest from the folder up to the root, not above it.
        let repository = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let sub = repository.appendingPathComponent("deploy/ecs")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        #expect(LintConfigFile.find(from: sub.path) == nil)
        _ = try write("disable: [XR104]\n", "repo/.xrayctl.yaml", in: root)
        #expect(LintConfigFile.find(from: sub.path) == base + "/repo/.xrayctl.yaml")
        _ = try write("disable: [XR105]\n", "repo/deploy/.xrayctl.yaml", in: root)
        #expect(LintConfigFile.find(from: sub.path) == base + "/repo/deploy/.xrayctl.yaml")
    }

    @Test func verboseNamesTheConfigurationAndOneThatTurnsEverythingOffIsWarnedAbout() async throws {
        let xrayctl = try #require(TestSupport.xrayctl)
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try write(#"{"family": "api", "containerDefinitions": [{"name": "api", "image": "api:1"}]}"#, "task.json", in: root)

        let none = try await TestSupport.run(xrayctl, ["lint", "-v", "task.json"], in: root)
        #expect(none.stderr.contains("xrayctl: no .xrayctl.yaml read"), "\(none.stderr)")

        let config = try write("fail-on: warning\nenable-only: [XR005]\n", ".xrayctl.yaml", in: root)
        let named = try await TestSupport.run(xrayctl, ["lint", "-v", "task.json"], in: root)
        #expect(named.stderr.contains("xrayctl: configuration \(config.standardizedFileURL.path)"), "\(named.stderr)")
        #expect(named.stderr.contains("\(config.standardizedFileURL.path):2:14: warning: this configuration turns off every rule but the input checks"),
                "\(named.stderr)")
        // Without -v the warning still shows; --enable-only on the command line replaces the file's list.
        let quiet = try await TestSupport.run(xrayctl, ["lint", "task.json"], in: root)
        #expect(quiet.stderr.contains("turns off every rule but the input checks"))
        #expect(!quiet.stderr.contains("xrayctl: configuration"))
        let chosen = try await TestSupport.run(xrayctl, ["lint", "--enable-only", "XR110", "task.json"], in: root)
        #expect(!chosen.stderr.contains("turns off every rule"), "\(chosen.stderr)")
        // A file that leaves rules on says nothing.
        _ = try write("disable: [XR104]\n", ".xrayctl.yaml", in: root)
        #expect(try await TestSupport.run(xrayctl, ["lint", "task.json"], in: root).stderr.isEmpty)
    }

    // MARK: standard input

    /// `lint -` read all of standard input before looking at its size: endless input never ended.
    @Test func standardInputIsReadOnlyUpToTheLimit() async throws {
        let xrayctl = try #require(TestSupport.xrayctl)
        let result = try await TestSupport.run("/bin/sh", ["-c", "exec \"$0\" lint - < /dev/zero", xrayctl])
        #expect(result.status == 1, "\(result.stderr)")
        let message = "error: the file is over 20 MB; xrayctl reads files up to 20 MB"
        #expect(result.stdout.contains("-:1:1: " + message), "\(result.stdout)")

        // The same finding as a file of that size named on the command line.
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.json")
        try Data(repeating: UInt8(ascii: " "), count: DocumentLoader.maximumSize + 5).write(to: big)
        let documents = try FileCollector.collect([big.path])
        let finding = try #require(documents.first?.loadFindings.first)
        #expect(finding.rule == "XR001" && "\(finding.location)" == "\(big.path):1:1")
        #expect(result.stdout.contains("-:1:1: error: " + finding.message), "\(result.stdout)")
        #expect(finding.message.hasPrefix(message.dropFirst("error: ".count)))

        // A pipe that is never closed: reading stops at the limit instead of waiting for its end.
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(repeating: 1, count: 3_000))
        var data = Data()
        try BoundedRead.read(pipe.fileHandleForReading, limit: 2_001, into: &data)
        #expect(data.count == 2_001)
        try pipe.fileHandleForWriting.close()
        try pipe.fileHandleForReading.close()
    }
}
