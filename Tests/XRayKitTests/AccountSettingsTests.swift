import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Issue 26: settings an account has once, Application Signals without ECS, the permissions and the
/// encryption Transaction Search needs, and steps that change what other tools own. Each test names
/// the AWS page the generated output is checked against.
@Suite struct AccountSettingsTests {
    static let lambdaOnly = "Tests/XRayKitTests/Fixtures/models/lambda-signals-encrypted.yaml"
    static let external = "Tests/XRayKitTests/Fixtures/models/account-settings-external.yaml"

    func files(_ model: String) throws -> [String: String] {
        let generated = try TestSupport.generate(modelAt: TestSupport.path(model))
        return Dictionary(uniqueKeysWithValues: generated.map { ($0.path, $0.contents) })
    }

    func model(_ yaml: String) throws -> [String: String] {
        let text = "version: 1\nproject: shop\nregion: us-east-1\naccount: \"123456789012\"\n" + yaml
        let generated = Generator.generate(try ModelDecoder.decode(text, file: "m.yaml").model)
        return Dictionary(uniqueKeysWithValues: generated.map { ($0.path, $0.contents) })
    }

    /// The README's shell blocks of "## Apply": the stack deploy, the steps it leaves, and the whole CLI path.
    func blocks(_ readme: String) -> [String] {
        let apply = readme.components(separatedBy: "## Apply").last?.components(separatedBy: "## Notes").first ?? ""
        return apply.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "```").first ?? "" }
    }

    // MARK: Item 3 — Application Signals on Lambda-only models

    /// "Enable your applications on Lambda" (Amazon CloudWatch User Guide,
    /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Application-Signals-Enable-Lambda.html):
    /// the account is set up once (StartDiscovery, AWS::ApplicationSignals::Discovery) and each
    /// function's execution role gets CloudWatchLambdaApplicationSignalsExecutionRolePolicy.
    @Test func lambdaOnlyApplicationSignalsStartsDiscoveryAndGivesNamedRolesThePolicy() throws {
        let out = try files(Self.lambdaOnly)
        let readme = try #require(out["README.md"])
        let cli = try #require(blocks(readme).last)
        #expect(cli.contains("aws application-signals start-discovery --region us-west-2"))
        #expect(out["account/cloudformation.yaml"]?.contains("Type: AWS::ApplicationSignals::Discovery") == true)
        // No AWS provider resource (5.100 checked): Terraform's remaining steps run it.
        let terraformSteps = try #require(readme.components(separatedBy: "## With Terraform").last)
        #expect(terraformSteps.contains("aws application-signals start-discovery"))

        let policy = "arn:aws:iam::aws:policy/CloudWatchLambdaApplicationSignalsExecutionRolePolicy"
        // The role named by ARN: Terraform attaches the policy by the role's name ...
        let main = try #require(out["terraform/main.tf"])
        #expect(main.contains("role       = \"ledger-api-role\"") && main.contains("CloudWatchLambdaApplicationSignalsExecutionRolePolicy"))
        // ... and the stack path leaves the attachment (a stack cannot attach to a role it does not own) to its CLI steps.
        let remaining = blocks(readme).count == 3 ? blocks(readme)[1] : ""
        #expect(remaining.contains("aws iam attach-role-policy --role-name ledger-api-role --policy-arn \(policy)"))
        #expect(cli.contains("aws iam attach-role-policy --role-name ledger-api-role --policy-arn \(policy)"))
    }

    // MARK: Item 5 — the permissions to turn Transaction Search on

    /// Every statement of the prerequisites policy on "Enable transaction search" (Amazon CloudWatch
    /// User Guide, https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Enable-TransactionSearch.html):
    /// each action on the resource AWS names (narrowed to the model's account and region).
    @Test func enablePermissionsHoldEveryPrerequisiteOfAWSsPage() throws {
        let out = try files(Self.lambdaOnly)
        let data = Data(try #require(out["transaction-search/enable-permissions.json"]).utf8)
        let statements = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["Statement"] as? [[String: Any]])
        func list(_ value: Any?) -> [String] { (value as? [String]) ?? (value as? String).map { [$0] } ?? [] }
        func granted(_ action: String) -> [String] {
            statements.filter { list($0["Action"]).contains(action) }.flatMap { list($0["Resource"]) }
        }
        let role = "arn:aws:iam::123456789012:role/aws-service-role/application-signals.cloudwatch.amazonaws.com/AWSServiceRoleForCloudWatchApplicationSignals"
        let page: [(action: String, resource: String)] = [
            ("xray:GetTraceSegmentDestination", "*"), ("xray:UpdateTraceSegmentDestination", "*"),
            ("xray:GetIndexingRules", "*"), ("xray:UpdateIndexingRule", "*"),
            ("logs:CreateLogGroup", "arn:aws:logs:us-west-2:123456789012:log-group:aws/spans:*"),
            ("logs:CreateLogStream", "arn:aws:logs:us-west-2:123456789012:log-group:/aws/application-signals/data:*"),
            ("logs:PutRetentionPolicy", "arn:aws:logs:us-west-2:123456789012:log-group:aws/spans:*"),
            ("logs:PutResourcePolicy", "*"), ("logs:DescribeResourcePolicies", "*"),
            ("application-signals:StartDiscovery", "*"),
            ("iam:CreateServiceLinkedRole", role), ("iam:GetRole", role),
            ("cloudtrail:CreateServiceLinkedChannel", "arn:aws:cloudtrail:*:123456789012:channel/aws-service-channel/application-signals/*"),
        ]
        for (action, resource) in page {
            #expect(granted(action).contains(resource), "\(action) on \(resource): granted on \(granted(action))")
        }
        // The service-linked role only for Application Signals, as the page's condition says.
        let create = try #require(statements.first { list($0["Action"]).contains("iam:CreateServiceLinkedRole") })
        let condition = (create["Condition"] as? [String: [String: Any]])?["StringLike"]?["iam:AWSServiceName"] as? String
        #expect(condition == "application-signals.cloudwatch.amazonaws.com")
    }

    // MARK: Item 6 — aws/spans under the model's key

    /// X-Ray API reference, CloudWatchLogsConfiguration.SpansLogGroupKmsKeyId: "X-Ray applies the key
    /// only when it creates aws/spans … To set or change the key of the existing log group, use the
    /// CloudWatch Logs AssociateKmsKey operation"; and "Encrypt log data in CloudWatch Logs using AWS
    /// KMS" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html): the key
    /// policy lets `logs.REGION.amazonaws.com` use the key under `kms:EncryptionContext:aws:logs:arn`.
    @Test func spansLogGroupIsEncryptedWithTheModelsKeyOnceActive() throws {
        let out = try files(Self.lambdaOnly)
        let key = "arn:aws:kms:us-west-2:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
        let readme = try #require(out["README.md"])
        let cli = try #require(blocks(readme).last)
        let associate = "aws logs associate-kms-key --region us-west-2 --log-group-name aws/spans --kms-key-id \(key)"
        let lines = cli.split(separator: "\n").map(String.init)
        let at = try #require(lines.firstIndex(of: associate))
        let active = try #require(lines.firstIndex { $0.contains("= ACTIVE ] && break") })
        let keyPolicy = try #require(lines.firstIndex { $0.hasPrefix("aws kms put-key-policy") })
        #expect(active < at && keyPolicy < at, "the key is associated after the key policy allows it and aws/spans exists")

        let data = Data(try #require(out["iam/kms-key-policy-statements.json"]).utf8)
        let statements = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["Statement"] as? [[String: Any]])
        let logs = try #require(statements.first { $0["Sid"] as? String == "CloudWatchLogsEncryptSpans" })
        #expect((logs["Principal"] as? [String: String])?["Service"] == "logs.us-west-2.amazonaws.com")
        let context = (logs["Condition"] as? [String: [String: String]])?["StringEquals"]?["kms:EncryptionContext:aws:logs:arn"]
        #expect(context == "arn:aws:logs:us-west-2:123456789012:log-group:aws/spans")
        #expect((logs["Action"] as? [String])?.contains("kms:GenerateDataKey*") == true)

        // Without Transaction Search, no aws/spans statement and no association.
        let plain = try model("encryption: {kms_key: \(key.replacingOccurrences(of: "us-west-2", with: "us-east-1"))}\nservices:\n  - {name: f, platform: lambda, function_name: f}\n")
        #expect(plain["iam/kms-key-policy-statements.json"]?.contains("aws/spans") == false)
        #expect(plain["README.md"]?.contains("associate-kms-key") == false)
    }

    // MARK: Item 7 — account-wide settings, once per account

    /// The Default sampling rule, the segment destination, the indexing rule and the logs resource
    /// policy are one per account ("Enable transaction search": "Transaction search is configured for
    /// the entire account"). Managed: the template and Terraform hold them apart, in account/, kept when
    /// the stack or configuration goes; the CLI path keeps what is on already.
    @Test func managedAccountSettingsLiveInAccountOutputsThatOutliveTheirStack() throws {
        let out = try files(Self.lambdaOnly)
        let account = try #require(out["account/cloudformation.yaml"])
        // Every resource of the account template is kept when its stack is deleted or replaced.
        let resources = account.components(separatedBy: "\n    Type: AWS::").count - 1
        #expect(resources == 3)
        #expect(account.components(separatedBy: "\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain").count - 1 == resources)
        #expect(out["cloudformation.yaml"]?.contains("TransactionSearchConfig") != true)
        #expect(out["terraform/main.tf"]?.contains("aws_xray_trace_segment_destination") == false)
        let terraform = try #require(out["account/terraform/main.tf"])
        #expect(terraform.components(separatedBy: "prevent_destroy = true").count - 1 == 3)
        let readme = try #require(out["README.md"])
        #expect(readme.contains("--stack-name xray-account-settings --template-file account/cloudformation.yaml"))
    }

    /// The CLI path does not undo another project's settings: with the destination already
    /// CloudWatch Logs and an X-Ray resource policy in place, it changes neither the destination, nor
    /// the indexing rule, nor the resource policy. Run against a stand-in `aws` that records its calls.
    @Test func theStepsKeepTransactionSearchThatIsOnAlready() async throws {
        let bash = try #require(TestSupport.which("bash"))
        let out = try files(Self.lambdaOnly)
        let readme = try #require(out["README.md"])
        let cli = try #require(blocks(readme).last)
        let steps = cli.split(separator: "\n").map(String.init).filter {
            $0.contains("trace-segment-destination") || $0.contains("indexing-rule") || $0.contains("resource-polic")
        }
        #expect(steps.count == 5)
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let calls = folder.appendingPathComponent("calls").path
        func run(destination: String, policies: String) async throws -> [String] {
            let stub = """
                #!/bin/bash
                echo "$*" >> \(calls)
                case "$2" in
                  get-trace-segment-destination) case "$*" in *Destination*) echo \(destination);; *) echo ACTIVE;; esac;;
                  describe-resource-policies) echo "\(policies)";;
                esac
                """
            try? FileManager.default.removeItem(atPath: calls)
            let aws = folder.appendingPathComponent("aws")
            try stub.write(to: aws, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: aws.path)
            let script = "set -euo pipefail\n" + steps.joined(separator: "\n") + "\n"
            let result = try await TestSupport.run(bash, ["-c", script], environment: ["PATH": folder.path + ":/usr/bin:/bin"])
            #expect(result.status == 0, "\(result.stderr)")
            return (TestSupport.read(URL(fileURLWithPath: calls)) ?? "").split(separator: "\n").map { String($0.split(separator: " ").prefix(2).joined(separator: " ")) }
        }
        let fresh = try await run(destination: "XRay", policies: "")
        #expect(fresh.contains("logs put-resource-policy") && fresh.contains("xray update-trace-segment-destination") && fresh.contains("xray update-indexing-rule"))
        let on = try await run(destination: "CloudWatchLogs", policies: "other-project-xray-transaction-search")
        #expect(!on.contains { $0.hasSuffix("put-resource-policy") || $0.hasPrefix("xray update-") }, "\(on)")
    }

    /// `account_settings: external`: nothing account-wide is set or written; each setting is checked.
    @Test func externalAccountSettingsAreCheckedNotSet() throws {
        let out = try files(Self.external)
        #expect(!out.keys.contains { $0.hasPrefix("account/") || $0.hasPrefix("transaction-search/") })
        let readme = try #require(out["README.md"])
        for changed in ["update-trace-segment-destination", "update-indexing-rule", "put-resource-policy", "update-sampling-rule", "start-discovery --region"] {
            #expect(!blocks(readme).joined().contains("aws xray \(changed)") && !blocks(readme).joined().contains("aws logs \(changed)")
                    && !blocks(readme).joined().contains("aws application-signals \(changed)"), "\(changed)")
        }
        let cli = try #require(blocks(readme).last)
        #expect(cli.contains("aws xray get-trace-segment-destination --region eu-west-1 --query Destination --output text)\" = CloudWatchLogs ] || echo"))
        #expect(cli.contains("aws xray get-sampling-rules --region eu-west-1"))
        #expect(cli.contains("reservoir 2, rate 0.1"))
    }

    /// The model key: its two values, the default, and a located error with the choices.
    @Test func accountSettingsIsReadWithLocatedErrors() throws {
        let base = "version: 1\nproject: p\nregion: us-east-1\nservices:\n  - {name: f, platform: lambda, function_name: f}\n"
        #expect(try ModelDecoder.decode(base, file: "m.yaml").model.accountSettings == .managed)
        #expect(try ModelDecoder.decode(base + "account_settings: external\n", file: "m.yaml").model.accountSettings == .external)
        do {
            _ = try ModelDecoder.decode(base + "account_settings: shared\n", file: "m.yaml")
            Issue.record("accepted account_settings: shared")
        } catch {
            let message = error.diagnostics.first?.description ?? ""
            #expect(message.contains("m.yaml:6:19") && message.contains("managed, external"), "\(message)")
        }
    }

    // MARK: Item 8 — steps that change what other tools own

    /// Lambda's `UpdateFunctionConfiguration` and `kubectl patch` change resources Terraform, SAM,
    /// CloudFormation, Helm or Argo CD usually own; their next apply or sync reverts the change. The
    /// lasting change is the owner's one line (Terraform `aws_lambda_function` `tracing_config { mode =
    /// "Active" }`; CloudFormation `AWS::Lambda::Function` `TracingConfig: {Mode: Active}`).
    @Test func stepsThatChangeOwnedResourcesSayWhatToChangeInTheOwner() throws {
        let lambda = try #require(try files(Self.lambdaOnly)["README.md"])
        let lines = lambda.split(separator: "\n").map(String.init)
        for (index, line) in lines.enumerated() where line.contains("lambda-tracing.json") && line.hasPrefix("aws lambda update-function-configuration") {
            #expect(lines[index - 1].contains("tracing_config { mode = \"Active\" }") && lines[index - 1].contains("TracingConfig: {Mode: Active}"))
        }
        let eks = try #require(try files("examples/eks/xray.yaml")["README.md"])
        let eksLines = eks.split(separator: "\n").map(String.init)
        let patch = try #require(eksLines.firstIndex { $0.hasPrefix("kubectl patch deployment") })
        #expect(eksLines[patch - 1].contains("Helm, Argo CD or Flux"))
    }

    // MARK: Should-fix items

    /// After `create-role`, IAM may not know the role yet ("Troubleshooting IAM: changes I make are not
    /// always immediately visible", IAM User Guide): the steps wait for it; and the wait for ACTIVE ends.
    @Test func stepsWaitForNewRolesAndGiveUpOnTransactionSearchAfterTenMinutes() throws {
        for (name, url) in TestSupport.allModels {
            let readme = try #require(try TestSupport.generate(modelAt: url).first { $0.path == "README.md" }?.contents)
            let lines = readme.split(separator: "\n").map(String.init)
            for (index, line) in lines.enumerated() where line.hasPrefix("aws iam create-role") {
                #expect(lines[index + 1].hasPrefix("aws iam wait role-exists"), "\(name): \(line)")
            }
            #expect(!readme.contains("until ["), "\(name): an unbounded wait")
        }
    }

    /// The Terraform configuration's region is the model's, as everywhere else in it: no `region`
    /// variable that would move only the provider; Terraform-only output never names cloudformation.yaml;
    /// a model without an agent (Lambda) is not told to change `agent.kind`.
    @Test func terraformHasNoRegionVariableAndTerraformOnlyOutputNamesNoTemplate() throws {
        for (name, url) in TestSupport.allModels {
            for file in try TestSupport.generate(modelAt: url) where file.path.hasSuffix(".tf") {
                #expect(!file.contents.contains("var.region") && !file.contents.contains("variable \"region\""), "\(name): \(file.path)")
            }
        }
        let terraformOnly = try model("outputs: [terraform]\ntraces: {transaction_search: {}}\nservices:\n  - {name: f, platform: lambda, function_name: f}\n")
        for (path, contents) in terraformOnly {
            #expect(!contents.contains("cloudformation.yaml") && !contents.contains("CloudFormation template"), "\(path)")
        }
        let lambda = try #require(try files("examples/lambda-otel/xray.yaml")["README.md"])
        #expect(!lambda.contains("agent.kind"))
    }

    /// `xrayctl lint` of every generated directory (examples, templates, fixtures) reports no warning
    /// and no error, and never that a role the setup writes is "not among the linted files".
    @Test func lintOfEveryGeneratedDirectoryIsClean() async throws {
        let binary = try #require(TestSupport.xrayctl)
        for (name, url) in TestSupport.allModels {
            let folder = TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            _ = try ArtifactWriter(directory: folder).write(try TestSupport.generate(modelAt: url), force: false)
            let result = try await TestSupport.run(binary, ["lint", folder.path])
            #expect(result.stdout.contains(" 0 errors, 0 warnings"), "\(name): \(result.stdout.suffix(1500))")
            #expect(!result.stdout.contains("not among the linted files"), "\(name): \(result.stdout.suffix(1500))")
        }
    }
}
