import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// One test per class of failure the adversarial pass found: numbers at the edges, colliding
/// roles, writes outside the output or half done, injection, hangs and wrong answers.
@Suite struct HardeningTests {
    func xrayctl(_ arguments: [String], in directory: URL? = nil) async throws -> TestSupport.ProcessResult {
        try await TestSupport.run(try #require(TestSupport.xrayctl), arguments, in: directory ?? TestSupport.repoRoot)
    }

    func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    func lint(_ text: String, _ name: String = "input.json") -> [Finding] {
        Linter.lint([DocumentLoader.load(path: name, data: Data(text.utf8))])
    }

    // MARK: numbers at the edges

    @Test(arguments: ["1e300 vcpu", "nan", "inf vcpu", "99999999999999999999999"])
    func fargateSizesBeyondAnyNumberAreFindings(_ cpu: String) {
        let findings = lint("""
            {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "\(cpu)", "memory": "nan gb",
             "containerDefinitions": [{"name": "api", "image": "api:1"}]}
            """)
        #expect(findings.map(\.rule) == ["XR108"], "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("is no Fargate task cpu") == true)
    }

    @Test func samplingNumbersBeyondRangeAreRefusedOrWarned() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        func rules(_ rate: String) throws -> URL {
            try write("""
                {"SamplingRule": {"RuleName": "a", "Priority": 1, "FixedRate": \(rate), "ReservoirSize": 1, "ServiceName": "*",
                 "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "ResourceARN": "*", "Version": 1}}
                """, "rules-\(rate).json", in: work)
        }
        for rate in ["NaN", "Infinity", "1e999"] {
            for format in ["text", "json"] {
                let result = try await xrayctl(["sampling", "match", "--rules", try rules(rate).path, "--service", "a", "--format", format])
                #expect(result.status == 2, "\(rate) \(format): \(result.stderr)")
                #expect(result.stderr.contains(":1:64: error: rule 'a': the rate must be a number from 0 to 1"), "\(result.stderr)")
            }
        }
        // A finite rate X-Ray would reject is answered as written, with a warning.
        for format in ["text", "json"] {
            let big = try await xrayctl(["sampling", "match", "--rules", try rules("1e17").path, "--service", "a", "--format", format])
            #expect(big.status == 0, "\(big.stderr)")
            #expect(big.stderr.contains("warning: rule 'a': X-Ray accepts a number from 0 to 1 as the rate, found 1e17"))
        }
        let traffic = try write("[{\"service\": \"a\", \"rps\": 1e308}]", "traffic.json", in: work)
        let simulate = try await xrayctl(["sampling", "simulate", "--rules", try rules("0.5").path, "--traffic", traffic.path])
        #expect(simulate.status == 2)
        #expect(simulate.stderr.contains("rps must be a number of requests per second from 0 to 1000000000"))
        try Data("[{\"service\": \"a\", \"rps\": 10}]".utf8).write(to: traffic)
        for flags in [["--price-per-million", "inf"], ["--free-traces", "inf"], ["--days", "nan"], ["--hosts", "99999999"]] {
            let result = try await xrayctl(["sampling", "simulate", "--rules", try rules("0.5").path, "--traffic", traffic.path] + flags)
            #expect(result.status == 64, "\(flags): \(result.stderr)")
        }
        // A rate far above 1 records every request, never more (and never infinity).
        let clamped = try await xrayctl(["sampling", "simulate", "--rules", try rules("1e300").path, "--traffic", traffic.path, "--format", "json"])
        #expect(clamped.status == 0)
        #expect(clamped.stdout.contains("\"traces_per_second\": 10"), "\(clamped.stdout)")
    }

    @Test(arguments: ["1e20", "inf", "nan", "-inf"])
    func generateRejectsRatesOutsideTheRange(_ rate: String) async throws {
        let result = try await xrayctl(["generate", "sampling-rules", "--project", "p", "--rule-name", "a", "--rate", rate, "--priority", "1", "--reservoir", "1"])
        #expect(result.status == 2 || result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("rate"), "\(result.stderr)")
    }

    @Test func instrumentRefusesNumbersItCannotKeep() throws {
        for number in ["1e999", "123456789012345678901234567890"] {
            let text = "{\"family\": \"a\", \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"a:1\", \"memory\": \(number)}]}"
            #expect(throws: Instrumenter.Problem.self) {
                try Instrumenter.instrument(path: "td.json", data: Data(text.utf8), options: .init())
            }
        }
        // YAML's own hexadecimal integers are not "too large".
        let yaml = "family: a\ncontainerDefinitions:\n  - name: a\n    image: a:1\n    memory: 0x200\n"
        #expect(throws: Never.self) { try Instrumenter.instrument(path: "td.yaml", data: Data(yaml.utf8), options: .init()) }
    }

    @Test func nonFiniteNumbersNeverStopTheEncoder() {
        #expect(CanonicalJSON.compact(JSONValue.array([.double(.nan), .double(.infinity), .double(1.5)])) == "[null,null,1.5]")
    }

    // MARK: shared and colliding roles

    static let header = "version: 1\nproject: shop\nregion: us-east-1\naccount: \"123456789012\"\n"

    @Test func servicesSharingAnExistingRoleGetOnePolicy() throws {
        let model = Self.header + """
            services:
              - {name: a, platform: lambda, function_name: fa, role: "arn:aws:iam::123456789012:role/shared"}
              - {name: b, platform: lambda, function_name: fb, role: "arn:aws:iam::123456789012:role/shared"}
              - {name: c, platform: elastic-beanstalk, instance_profile: web-profile}
              - {name: d, platform: elastic-beanstalk, instance_profile: web-profile}
            """
        let files = Generator.generate(try ModelDecoder.decode(model, file: "xray.yaml").model)
        #expect(Set(files.map(\.path)).count == files.count)
        #expect(files.filter { $0.path.hasPrefix("iam/shared.") }.map(\.path) == ["iam/shared.policy.json"])
        #expect(files.filter { $0.path.hasPrefix("iam/web-profile.") }.map(\.path) == ["iam/web-profile.policy.json"])
        let readme = try #require(files.first { $0.path == "README.md" }?.contents)
        #expect(readme.components(separatedBy: "put-role-policy --role-name shared ").count == 2, "one command for the shared role")
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try ArtifactWriter(directory: work).write(files, force: false)
    }

    @Test(arguments: [
        ("services:\n  - {name: api, platform: ecs-fargate, image: a/b:1, port: 80}\n  - {name: shop-api, platform: ecs-fargate, image: a/b:1, port: 80}\n",
         "xray.yaml:7:5: error: services 'api' and 'shop-api' both become 'shop-api'"),
        ("services:\n  - {name: api, platform: ecs-fargate, image: a/b:1, port: 80}\n  - {name: y, platform: lambda, function_name: fy, role: \"arn:aws:iam::123456789012:role/shop-api-task-role\"}\n",
         "xray.yaml:7:5: error: service 'y' needs the role 'shop-api-task-role'"),
        ("agent: {cross_account_role: \"arn:aws:iam::210987654321:role/shop-api-task-role\"}\nservices:\n  - {name: api, platform: ecs-fargate, image: a/b:1, port: 80}\n",
         "xray.yaml:7:5: error: agent.cross_account_role names the role 'shop-api-task-role'"),
        // The ECS roles the check reads without generating the task: the execution role, the
        // existing task role a service names, and the DAEMON service's task role.
        ("services:\n  - {name: api, platform: ecs-fargate, image: a/b:1, port: 80}\n  - {name: y, platform: lambda, function_name: fy, role: \"arn:aws:iam::123456789012:role/shop-api-execution-role\"}\n",
         "xray.yaml:7:5: error: service 'y' needs the role 'shop-api-execution-role'"),
        ("services:\n  - {name: api, platform: ecs-fargate, image: a/b:1, port: 80}\n  - {name: y, platform: ecs-fargate, image: a/b:1, port: 80, task_role: \"arn:aws:iam::123456789012:role/shop-api-task-role\"}\n",
         "xray.yaml:7:5: error: service 'y' needs the role 'shop-api-task-role'"),
        ("services:\n  - {name: api, platform: ecs-ec2-daemon, image: a/b:1, port: 80}\n  - {name: y, platform: lambda, function_name: fy, role: \"arn:aws:iam::123456789012:role/shop-xray-daemon-task-role\"}\n",
         "xray.yaml:7:5: error: service 'y' needs the role 'shop-xray-daemon-task-role'"),
    ])
    func collidingRolesAreLocatedErrors(_ services: String, _ expected: String) throws {
        let text = Self.header + services
        #expect(throws: DiagnosticsError.self) { try ModelDecoder.decode(text, file: "xray.yaml") }
        do {
            _ = try ModelDecoder.decode(text, file: "xray.yaml")
        } catch {
            #expect(error.diagnostics.contains { $0.description.hasPrefix(expected) }, "\(error.diagnostics)")
        }
        // lint (XR004) refuses the same model at the same place.
        let findings = Linter.lint([DocumentLoader.load(path: "xray.yaml", data: Data(text.utf8))])
        #expect(findings.contains { $0.rule == "XR004" && "\($0.location): error: \($0.message)".hasPrefix(expected) }, "\(findings.map(\.message))")
    }

    /// The collision check asks ECS services for their roles without generating their tasks; it
    /// must see exactly the roles generation plans, in the same order, for every model shipped.
    @Test(arguments: TestSupport.allModels.map(\.name))
    func theRoleCheckSeesTheRolesGenerationPlans(name: String) throws {
        let url = try #require(TestSupport.allModels.first { $0.name == name }).url
        let model = try ModelDecoder.decode(TestSupport.read(url) ?? "", file: url.lastPathComponent).model
        let context = GenerationContext(model: model)
        for service in model.services {
            #expect(Generator.rolePlans(service, context) == Generator.platformOutput(service, context).roles, "\(service.name)")
        }
    }

    // MARK: writes stay inside the output, all or nothing

    static let files = [GeneratedFile("iam/a.json", "1\n"), GeneratedFile("b.json", "2\n"), GeneratedFile("c/d/e.json", "3\n")]

    @Test func aSymbolicLinkInsideTheOutputIsNeverFollowed() throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out"), victim = work.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try write("secret\n", "a.json", in: victim)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("iam").path, withDestinationPath: "../victim")
        for force in [false, true] {
            #expect(throws: ArtifactWriter.WriteError.self) { try ArtifactWriter(directory: out).write(Self.files, force: force) }
        }
        #expect(TestSupport.read(victim.appendingPathComponent("a.json")) == "secret\n")
        #expect(TestSupport.files(under: out) == [], "nothing written")
        // A link to a file is refused too.
        try FileManager.default.removeItem(at: out.appendingPathComponent("iam"))
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("b.json").path, withDestinationPath: "../victim/a.json")
        #expect(throws: ArtifactWriter.WriteError.self) { try ArtifactWriter(directory: out).write(Self.files, force: true) }
        #expect(TestSupport.read(victim.appendingPathComponent("a.json")) == "secret\n")
    }

    @Test(arguments: ["../victim/notes.txt", "/tmp/xrayctl-never/notes.txt", "a/../../victim/notes.txt", "./b.json"])
    func aTamperedManifestIsNeverActedOn(_ entry: String) throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        let notes = try write("keep\n", "victim/notes.txt", in: work)
        _ = try ArtifactWriter(directory: out).write(Self.files, force: false)
        let manifestURL = out.appendingPathComponent(ArtifactWriter.manifestName)
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        var entries = manifest["files"] as? [String: String] ?? [:]
        entries[entry] = "0"
        manifest["files"] = entries
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
        for force in [false, true] {
            #expect(throws: ArtifactWriter.WriteError.unsafeManifest(manifestURL.path, entry: entry)) {
                try ArtifactWriter(directory: out).write([Self.files[0]], force: force)
            }
        }
        #expect(TestSupport.read(notes) == "keep\n")
    }

    @Test func aBlockedPathWritesNothing() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        _ = try write("in the way\n", "c", in: work)
        #expect(throws: ArtifactWriter.WriteError.self) { try ArtifactWriter(directory: work).write(Self.files, force: true) }
        #expect(TestSupport.files(under: work) == ["c"], "no file and no manifest written")
        // Through the CLI: exit 2, and the message says nothing was written.
        let model = TestSupport.path("examples/scorekeep/xray.yaml").path
        try FileManager.default.removeItem(at: work.appendingPathComponent("c"))
        _ = try write("x\n", "iam", in: work)
        let result = try await xrayctl(["generate", model, "--out", work.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("nothing was written") && result.stderr.contains("is a file where a folder must go"), "\(result.stderr)")
        #expect(TestSupport.files(under: work) == ["iam"])
    }

    @Test func concurrentRunsTakeTurns() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let one = (0..<40).map { GeneratedFile("one/\($0).json", "\($0)\n") }
        let two = (0..<40).map { GeneratedFile("two/\($0).json", "\($0)\n") }
        await withTaskGroup(of: Void.self) { group in
            for (index, files) in [one, two, one, two].enumerated() {
                group.addTask { _ = try? ArtifactWriter(directory: work).write(files, force: index > 1) }
            }
        }
        // Whichever ran last, the folder holds exactly one model's files and a manifest naming them.
        let onDisk = TestSupport.files(under: work).filter { $0 != ArtifactWriter.manifestName }
        #expect(onDisk == one.map(\.path).sorted() || onDisk == two.map(\.path).sorted(), "\(onDisk.prefix(5))")
        #expect(try ArtifactWriter(directory: work).drift(onDisk.first?.hasPrefix("one") == true ? one : two).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func instrumentInPlaceKeepsModeAndLinksAndLeavesUnchangedFilesAlone() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let task = try write("{\"family\": \"api\", \"networkMode\": \"awsvpc\", \"containerDefinitions\": [{\"name\": \"api\", \"image\": \"api:1\"}]}\n",
                             "real/task.json", in: work)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: task.path)
        let link = work.appendingPathComponent("link.json")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real/task.json")
        let first = try await xrayctl(["instrument", link.path, "--in-place"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real/task.json", "still a link")
        #expect(TestSupport.read(task)?.contains("xray-daemon") == true, "the target was changed")
        #expect(try FileManager.default.attributesOfItem(atPath: task.path)[.posixPermissions] as? Int == 0o600)
        let before = try FileManager.default.attributesOfItem(atPath: task.path)
        let second = try await xrayctl(["instrument", task.path, "--in-place"])
        #expect(second.status == 0)
        #expect(second.stderr.contains("nothing to change"))
        let after = try FileManager.default.attributesOfItem(atPath: task.path)
        #expect(after[.systemFileNumber] as? Int == before[.systemFileNumber] as? Int, "the file was not replaced")
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)
    }

    @Test func aCustomRoleResourceIsNotGivenThePolicyOnEveryRun() throws {
        let template = """
            Resources:
              Role:
                Type: Custom::RoleMaker
                Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:maker}
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: awsvpc
                  TaskRoleArn: !GetAtt Role.Arn
                  ContainerDefinitions: [{Name: api, Image: "api:1"}]
            """
        let once = try Instrumenter.instrument(path: "t.yaml", data: Data(template.utf8), options: .init())
        #expect(!once.text.contains("AWSXRayDaemonWriteAccess"))
        #expect(once.warnings.contains { $0.contains("Role is Custom::RoleMaker, not an AWS::IAM::Role") })
        let twice = try Instrumenter.instrument(path: "t.yaml", data: Data(once.text.utf8), options: .init())
        #expect(twice.changes.isEmpty, "\(twice.changes)")
    }

    // MARK: injection

    @Test(arguments: [
        ("encryption: {kms_key: \"alias/x$(touch /tmp/p);echo\"}\nservices:\n  - {name: x, platform: lambda, function_name: fx}\n", "kms_key must be"),
        ("services:\n  - {name: x, platform: lambda, function_name: fx, role: \"arn:aws:iam::123456789012:role/r;id\"}\n", "role must be an IAM role ARN"),
        ("services:\n  - {name: x, platform: lambda, function_name: fx, role: \"arn:aws:iam::123456789012:role/r$(id)\"}\n", "role must be an IAM role ARN"),
        ("services:\n  - {name: x, platform: lambda, function_name: \"arn:aws:lambda:us-east-1:123456789012:function:x;id\"}\n", "function_name must be"),
        ("services:\n  - {name: x, platform: ec2, instance_role: \"arn:aws:iam::123456789012:role/a\\nb\"}\n", "instance_role must be an IAM role ARN"),
        ("cluster: \"c; rm -rf ~\"\nservices:\n  - {name: x, platform: lambda, function_name: fx}\n", "cluster must be"),
        ("services:\n  - {name: x, platform: elastic-beanstalk, instance_profile: \"p`id`\"}\n", "instance_profile is the instance profile's name"),
    ])
    func hostileValuesAreLocatedErrors(_ body: String, _ expected: String) {
        do {
            _ = try ModelDecoder.decode(Self.header + body, file: "xray.yaml")
            Issue.record("accepted: \(body)")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains(expected) && $0.location.line > 4 }, "\(error.diagnostics)")
        }
    }

    @Test func everyShellWordIsQuotedSoTheShellReadsItBack() async throws {
        let sh = try #require(TestSupport.which("sh"))
        for value in ["plain-name", "a b", "it's", "$(touch /tmp/xrayctl-pwned)", "`id`", "a;b|c&d", "x\ny", "", "*", "~root", "\\"] {
            let result = try await TestSupport.run(sh, ["-c", "printf %s \(Shell.quote(value))"])
            #expect(result.stdout == value, "\(value.debugDescription) came back as \(result.stdout.debugDescription)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/xrayctl-pwned"))
    }

    @Test func readmeCommandsQuoteValidButUnusualNames() throws {
        // Valid by AWS's grammars, and awkward for a shell: + = , @ in role and profile names.
        let model = Self.header + """
            encryption: {kms_key: "alias/team/x_y-z"}
            services:
              - {name: a, platform: lambda, function_name: fa, role: "arn:aws:iam::123456789012:role/ops/a+b=c,d@e"}
              - {name: b, platform: elastic-beanstalk, instance_profile: "p+q=r,s@t.u"}
            """
        let files = Generator.generate(try ModelDecoder.decode(model, file: "xray.yaml").model)
        let readme = try #require(files.first { $0.path == "README.md" }?.contents)
        let commands = readme.split(separator: "\n").filter { $0.hasPrefix("aws ") }
        #expect(commands.contains { $0.contains("--role-name a+b=c,d@e ") })
        for command in commands {
            for dangerous in ["$(", "`", ";", "&&", "||", "\n"] { #expect(!command.contains(dangerous), "\(command)") }
        }
    }

    // MARK: hangs and memory

    @Test func aliasTreesAsKeysAreRefusedQuickly() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x]"]
        for level in 1..<12 { lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 8).joined(separator: ", ") + "]") }
        let values = lines.joined(separator: "\n") + "\n"
        let keys = values + "k: {? *a11 : 1, ? *a10 : 2}\n"
        for text in [values, keys] {
            let document = DocumentLoader.load(path: "bomb.yaml", data: Data(text.utf8))
            #expect(document.loadFindings.map(\.rule) == ["XR001"])
            #expect(document.loadFindings.first?.message.contains("through its aliases") == true)
        }
        let complex = DocumentLoader.load(path: "k.yaml", data: Data("a: &a [1]\nb: {? *a : 1}\n".utf8))
        #expect(complex.loadFindings.first?.message.contains("a mapping key that is a list or a mapping") == true)
        #expect(complex.loadFindings.first?.location.line == 2)
    }

    @Test func aLargePlainDocumentIsToldItIsLarge() throws {
        let text = (0..<3000).map { "k\($0): v" }.joined(separator: "\n")
        #expect(throws: Diagnostic.self) { try YAMLLoader.load(text, file: "big.yaml", options: .init(nodeBudget: 1000)) }
        do {
            _ = try YAMLLoader.load(text, file: "big.yaml", options: .init(nodeBudget: 1000))
        } catch {
            #expect(error.message.contains("has more than 1000 nodes"), "\(error.message)")
            #expect(!error.message.contains("alias"))
        }
    }

    @Test func aFileLargerThanAnySetupIsRefusedBeforeParsing() {
        let data = Data(repeating: UInt8(ascii: "a"), count: DocumentLoader.maximumSize + 1)
        let document = DocumentLoader.load(path: "huge.yaml", data: data)
        #expect(document.loadFindings.map(\.rule) == ["XR001"])
        #expect(document.loadFindings.first?.message.contains("xrayctl reads files up to 20 MB") == true)
    }

    @Test func everyDuplicateKeyIsFoundInOnePass() {
        let count = 20_000
        let text = "Resources:\n" + (0..<count).map { "  R\($0 % (count / 2)): {Type: AWS::SNS::Topic}" }.joined(separator: "\n") + "\n"
        let document = DocumentLoader.load(path: "dups.yaml", data: Data(text.utf8))
        #expect(document.loadFindings.filter { $0.rule == "XR003" }.count == count / 2)
        #expect(document.loadFindings.first { $0.rule == "XR003" }?.location.line == count / 2 + 2)
        // Fewer repeats than there are marks: the file is still read and linted.
        let small = DocumentLoader.load(path: "d.yaml", data: Data("a: 1\nb: {x: 1, \"x\": 2}\nc:\n  d: 1\n  d: 2\n  d: 3\n".utf8))
        #expect(small.loadFindings.map { "\($0.location.line):\($0.location.column)" } == ["2:11", "5:3", "6:3"])
        #expect(small.root?["c"]?.pairs?.count == 3)
    }

    @Test func costlyShadowingIsUndecidedNotSlow() {
        let pattern = "*a" + String(repeating: "?", count: 20)
        #expect(WildcardPattern.containment(pattern, pattern + "b") == nil || WildcardPattern.containment(pattern, pattern + "b") == false)
        #expect(WildcardPattern.containment("*a*" + String(repeating: "?", count: 20), pattern) == nil)
        #expect(WildcardPattern.containment(pattern, pattern) == true, "identical patterns are decided at once")
        #expect(WildcardPattern.containment("api*", "api-prod") == true, "ordinary patterns keep their exact answer")
        let rules = """
            [{"SamplingRule": {"RuleName": "a", "Priority": 1, "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "*a*\(String(repeating: "?", count: 20))", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}},
             {"SamplingRule": {"RuleName": "b", "Priority": 2, "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "\(pattern)", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}}]
            """
        let findings = lint(rules, "rules.json")
        #expect(findings.map { "\($0.rule) \($0.severity)" } == ["XR606 info"], "\(findings.map(\.message))")
    }

    // MARK: doctor: bounded answers, validated regions, no secrets echoed, one verdict

    // A streaming answer's deadline is timed: DaemonProbeXCTests, away from the parallel run.

    @Test func anUnresolvableDaemonAddressIsOneError() async {
        let result = await DaemonProbe.run(flag: "999.999.999.999:2000", environment: [:], timeout: 1)
        #expect(result.findings.map { "\($0.rule) \($0.severity)" } == ["XR803 error"], "\(result.findings.map(\.message))")
    }

    static func doctorEnvironment(_ extra: [String: String]) -> [String: String] {
        // A home with no ~/.aws: a path that does not exist, so nothing is left behind.
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("xrayctl-no-home-\(UUID().uuidString)")
        return ["HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { _, new in new }
    }

    @Test(arguments: ["us east 1", "a%zz", "evil.example#", "us-east-1.evil.example"])
    func aRegionThatIsNoHostLabelIsAnError(_ region: String) async {
        let result = await AccountChecks.run(.init(environment: Self.doctorEnvironment(
            ["AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secretsecretsecret", "AWS_REGION": region]),
            endpoint: nil, role: nil, timeout: 1, today: Date()))
        #expect(result.findings.map(\.rule) == ["XR807"])
        #expect(result.findings.first?.message.contains("is not an AWS region code") == true)
    }

    @Test func junkAndEchoedSecretsFromAnEndpoint() async throws {
        let secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYSECRETKEY", token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN"
        let junk = try LoopbackListener(tcp: .respond { _ in "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot json!" })
        let echo = try LoopbackListener(tcp: .respond { request in
            let body = "{\"__type\": \"Echo\", \"message\": \(String(reflecting: request.replacingOccurrences(of: "\r\n", with: " ")))}"
            return "HTTP/1.1 400 Bad Request\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        })
        defer { junk.stop(); echo.stop() }
        let environment = Self.doctorEnvironment(["AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE", "AWS_SECRET_ACCESS_KEY": secret,
                                                  "AWS_SESSION_TOKEN": token, "AWS_REGION": "us-east-1"])
        let junkResult = await AccountChecks.run(.init(environment: environment, endpoint: URL(string: "http://127.0.0.1:\(junk.port)"),
                                                       role: nil, timeout: 3, today: Date()))
        #expect(junkResult.findings.contains { $0.rule == "XR806" && $0.severity == .error && $0.message.contains("not X-Ray's JSON") },
                "\(junkResult.findings.map(\.message))")
        let echoResult = await AccountChecks.run(.init(environment: environment, endpoint: URL(string: "http://127.0.0.1:\(echo.port)"),
                                                       role: "arn:aws:iam::123456789012:role/r", timeout: 3, today: Date()))
        let text = (echoResult.findings.map { $0.message + ($0.fix ?? "") } + echoResult.notes).joined(separator: "\n")
        #expect(text.contains("x-amz-security-token") || text.contains("X-Amz-Security-Token"), "the echo reached the output")
        #expect(!text.contains(token) && !text.contains(secret) && !text.contains("AKIAEXAMPLEEXAMPLE"))
    }

    @Test func aProfileWithAKeyButNoSecretIsNamed() async throws {
        let home = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        _ = try write("[work]\naws_access_key_id = AKIAEXAMPLEEXAMPLE\n", ".aws/credentials", in: home)
        let result = await AccountChecks.run(.init(environment: ["HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "work", "AWS_REGION": "us-east-1"],
                                                   endpoint: nil, role: nil, timeout: 1, today: Date()))
        #expect(result.findings.first?.message.contains(".aws/credentials, profile work, has aws_access_key_id but no aws_secret_access_key") == true,
                "\(result.findings.map(\.message))")
    }

    // MARK: wrong answers about input

    @Test func aModelMissingItsProjectIsStillAModel() {
        let findings = lint("version: 1\nregion: us-east-1\nservices:\n  - {name: x, platform: lambda, function_name: fx}\n", "xray.yaml")
        #expect(findings.map(\.rule) == ["XR004"])
        #expect(findings.first?.message.contains("project") == true)
    }

    @Test func utf16AndUTF32FilesWithAByteOrderMarkAreRead() {
        let text = "{\"family\": \"api\", \"containerDefinitions\": [{\"name\": \"api\", \"image\": \"api\"}]}\n"
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .utf32BigEndian] {
            let bom: [UInt8] = switch encoding {
            case .utf16LittleEndian: [0xFF, 0xFE]
            case .utf16BigEndian: [0xFE, 0xFF]
            case .utf32LittleEndian: [0xFF, 0xFE, 0, 0]
            default: [0, 0, 0xFE, 0xFF]
            }
            let document = DocumentLoader.load(path: "td.json", data: Data(bom) + text.data(using: encoding)!)
            #expect(document.kind == .taskDefinition, "\(encoding)")
            #expect(document.loadFindings.isEmpty)
        }
        let broken = DocumentLoader.load(path: "td.json", data: Data([0xFF, 0xFE, 0x41]))
        #expect(broken.loadFindings.first?.message.contains("save it as UTF-8") == true)
    }
}
