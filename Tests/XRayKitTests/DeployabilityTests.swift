import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// What a person who runs ECS, Beanstalk and Lambda in production would hit when applying the
/// generated setup: one test per defect a review found in setups that applied cleanly.
@Suite struct DeployabilityTests {
    static let header = "version: 1\nproject: pay\nregion: eu-west-1\naccount: \"111122223333\"\n"

    func generate(_ body: String) throws -> [String: String] {
        let model = try ModelDecoder.decode(Self.header + body, file: "xray.yaml").model
        return Dictionary(uniqueKeysWithValues: Generator.generate(model).map { ($0.path, $0.contents) })
    }

    func json(_ text: String?) throws -> [String: Any] {
        let data = Data(try #require(text).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func containers(_ task: [String: Any]) -> [[String: Any]] { task["containerDefinitions"] as? [[String: Any]] ?? [] }

    func apply(_ readme: String) -> [String] {
        let block = readme.components(separatedBy: "or apply everything with the CLI").last ?? readme
        return block.split(separator: "\n").map(String.init).filter { $0.hasPrefix("aws ") || $0.hasPrefix("python3 ") || $0.hasPrefix("ROLE_NAME") }
    }

    // 1. Cross-account placement

    @Test func crossAccountResourcesGoWhereTheTracesLand() throws {
        let files = try generate("""
            agent: {cross_account_role: "arn:aws:iam::444455556666:role/central"}
            encryption: {kms_key: "arn:aws:kms:eu-west-1:444455556666:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}
            sampling: {default: {reservoir: 2, rate: 0.1}, rules: [{name: health, priority: 1, reservoir: 0, rate: 0, path: /health}]}
            services:
              - {name: api, platform: ecs-fargate, image: "nginx:1.27", port: 80}
              - {name: web, platform: elastic-beanstalk}
            """)
        let commands = apply(try #require(files["README.md"]))
        let sampling = commands.filter { $0.contains("create-sampling-rule") }
        #expect(sampling.count == 1 && sampling[0].contains("--profile ACCOUNT_444455556666"), "\(sampling)")
        #expect(commands.filter { $0.contains("update-sampling-rule") }.allSatisfy { $0.contains("--profile ACCOUNT_444455556666") })
        #expect(commands.filter { $0.contains("put-encryption-config") } == ["aws xray put-encryption-config --profile ACCOUNT_444455556666 --region eu-west-1 --cli-input-json file://encryption.json"])
        // The model's own template holds no sampling rules: they would apply to no agent there.
        #expect(!(files["cloudformation.yaml"] ?? "").contains("AWS::XRay::SamplingRule"))
        // Beanstalk's own daemon assumes the role too, and its instance role may do so.
        #expect(files["web/.ebextensions/xray-daemon.config"]?.contains("RoleARN: arn:aws:iam::444455556666:role/central") == true)
        #expect(files["iam/aws-elasticbeanstalk-ec2-role.policy.json"]?.contains("sts:AssumeRole") == true)
        #expect(files["iam/central.trust.json"]?.contains("role/aws-elasticbeanstalk-ec2-role") == true)
    }

    @Test func platformsThatCannotUploadElsewhereAreWarnedAboutAndGetTheirOwnSetup() throws {
        let body = """
            agent: {cross_account_role: "arn:aws:iam::444455556666:role/central"}
            encryption: {kms_key: "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"}
            sampling: {rules: [{name: health, priority: 1, reservoir: 0, rate: 0, path: /health}]}
            services:
              - {name: api, platform: ecs-fargate, image: "nginx:1.27", port: 80}
              - {name: edge, platform: api-gateway, rest_api_id: a1b2c3d4e5, stage: prod}
            """
        let result = try ModelDecoder.decode(Self.header + body, file: "xray.yaml")
        #expect(result.warnings.contains { $0.location.line == 5 && $0.message.contains("traces are split between two accounts") }, "\(result.warnings)")
        let files = Generator.generate(result.model)
        let commands = apply(try #require(files.first { $0.path == "README.md" }?.contents))
        #expect(commands.filter { $0.contains("create-sampling-rule") }.count == 2, "rules in both accounts")
        #expect(commands.filter { $0.contains("put-encryption-config") }.count == 2, "encryption in both accounts")
        // lint says the same (XR004 at warning level).
        let findings = Linter.lint([DocumentLoader.load(path: "xray.yaml", data: Data((Self.header + body).utf8))])
        #expect(findings.map { "\($0.rule) \($0.severity)" } == ["XR004 warning"], "\(findings.map(\.message))")
    }

    @Test func aKeyNamedWithoutItsAccountCannotServeAnotherAccount() {
        let body = """
            agent: {cross_account_role: "arn:aws:iam::444455556666:role/central"}
            encryption: {kms_key: alias/traces}
            services:
              - {name: api, platform: ecs-fargate, image: "nginx:1.27", port: 80}
            """
        do {
            _ = try ModelDecoder.decode(Self.header + body, file: "xray.yaml")
            Issue.record("accepted an alias for another account's traces")
        } catch {
            #expect(error.diagnostics.contains { $0.location.line == 6 && $0.message.contains("give the key's full ARN") }, "\(error.diagnostics)")
        }
    }

    // 2. Roles that exist are kept

    @Test func lambdaKeepsItsRoleUnlessAskedAndTheReadmeSaysWhatGenerateReplaces() throws {
        let kept = try generate("services:\n  - {name: fn, platform: lambda, function_name: pay-fn}\n")
        #expect(try json(kept["fn/lambda-tracing.json"])["Role"] == nil)
        #expect(kept.keys.filter { $0.hasPrefix("iam/") }.isEmpty, "no role is created")
        #expect(kept["cloudformation.yaml"] == nil, "nothing a stack could own")
        #expect(kept["xray-daemon/cfg.yaml"] == nil, "Lambda runs its own daemon")
        let replaced = try generate("services:\n  - {name: fn, platform: lambda, function_name: pay-fn, role: generate}\n")
        #expect(try json(replaced["fn/lambda-tracing.json"])["Role"] as? String == "arn:aws:iam::111122223333:role/pay-fn-execution-role")
        #expect(replaced["README.md"]?.contains("REPLACES the current execution role of pay-fn") == true)
    }

    @Test func namedInstanceProfilesAndInstanceRolesGainPermissionsOnly() throws {
        let files = try generate("""
            services:
              - {name: web, platform: elastic-beanstalk, instance_profile: web-profile}
              - {name: box, platform: ec2, instance_role: "arn:aws:iam::111122223333:role/fleet"}
            """)
        #expect(files["iam/web-profile.trust.json"] == nil && files["iam/fleet.trust.json"] == nil)
        let readme = try #require(files["README.md"])
        #expect(!readme.contains("create-role") && !readme.contains("create-instance-profile"))
        #expect(readme.contains("aws iam put-role-policy --role-name web-profile --policy-name xray"))
        #expect(readme.contains("aws iam put-role-policy --role-name fleet --policy-name xray"))
    }

    // 3. Logs

    @Test func everyContainerLogsToItsServiceGroup() throws {
        let files = try generate("""
            logs: {retention_days: 14}
            services:
              - {name: api, platform: ecs-fargate, image: "nginx:1.27", port: 80}
              - {name: jobs, platform: ecs-ec2-daemon, image: "jobs:1", memory_reservation: 128}
            """)
        for (path, group) in [("api/task-definition.json", "/ecs/pay/api"), ("jobs/task-definition.json", "/ecs/pay/jobs"),
                              ("xray-daemon/task-definition.json", "/ecs/pay/xray-daemon")] {
            for container in containers(try json(files[path])) {
                let configuration = container["logConfiguration"] as? [String: Any]
                #expect(configuration?["logDriver"] as? String == "awslogs", "\(path)")
                #expect(configuration?["options"] as? [String: String] == ["awslogs-group": group, "awslogs-region": "eu-west-1",
                                                                           "awslogs-stream-prefix": container["name"] as? String ?? ""])
            }
        }
        let template = try #require(files["cloudformation.yaml"])
        #expect(template.contains("Type: AWS::Logs::LogGroup") && template.contains("RetentionInDays: 14"))
        #expect(template.contains("awslogs-group: /ecs/pay/api"), "driver options keep their names")
        let commands = apply(try #require(files["README.md"]))
        let create = try #require(commands.firstIndex { $0.contains("create-log-group --region eu-west-1 --log-group-name /ecs/pay/api") })
        let register = try #require(commands.firstIndex { $0.contains("register-task-definition") })
        #expect(create < register)
        #expect(commands.contains("aws logs put-retention-policy --region eu-west-1 --log-group-name /ecs/pay/api --retention-in-days 14"))
    }

    @Test func logsCanBeTurnedOffOrSentThroughFireLens() throws {
        let off = try generate("logs: {driver: none}\nservices:\n  - {name: api, platform: ecs-fargate, image: \"nginx:1.27\", port: 80}\n")
        #expect(containers(try json(off["api/task-definition.json"])).allSatisfy { $0["logConfiguration"] == nil })
        #expect(!(off["README.md"] ?? "").contains("create-log-group"))
        let firelens = try generate("""
            logs: {driver: firelens, router_image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"}
            services:
              - {name: api, platform: ecs-fargate, image: "nginx:1.27", port: 80}
            """)
        let all = containers(try json(firelens["api/task-definition.json"]))
        let router = try #require(all.first { $0["name"] as? String == "log-router" })
        #expect((router["firelensConfiguration"] as? [String: String])?["type"] == "fluentbit")
        #expect(all.filter { ($0["logConfiguration"] as? [String: Any])?["logDriver"] as? String == "awsfirelens" }.count == 2)
        #expect(firelens["iam/pay-api-task-role.policy.json"]?.contains("logs:PutLogEvents") == true, "the router writes with the task role")
        #expect(throws: DiagnosticsError.self) { try ModelDecoder.decode(Self.header + "logs: {driver: firelens}\nservices:\n  - {name: fn, platform: lambda, function_name: f}\n", file: "xray.yaml") }
        #expect(throws: DiagnosticsError.self) { try ModelDecoder.decode(Self.header + "logs: {retention_days: 10}\nservices:\n  - {name: fn, platform: lambda, function_name: f}\n", file: "xray.yaml") }
    }

    // 4. Fargate sizes

    @Test func theAgentGrowingAFargateTaskIsSaid() throws {
        let model = try ModelDecoder.decode(Self.header + "services:\n  - {name: api, platform: ecs-fargate, image: \"nginx:1.27\", cpu: 512, memory_reservation: 1024, port: 80}\n", file: "xray.yaml").model
        #expect(Generator.notices(model).first?.contains("needs a 1024 CPU units / 2048 MiB Fargate task instead of 512 CPU units / 1024 MiB") == true)
        #expect(Generator.generate(model).first { $0.path == "README.md" }?.contents.contains("Fargate bills by task size") == true)
        // The knob the note names keeps the app's own size.
        let small = try ModelDecoder.decode(Self.header + "agent: {cpu: 0, memory_reservation: 64}\nservices:\n  - {name: api, platform: ecs-fargate, image: \"nginx:1.27\", cpu: 512, memory_reservation: 960, port: 80}\n", file: "xray.yaml").model
        #expect(Generator.notices(small).isEmpty)
        #expect(try json(Generator.generate(small).first { $0.path == "api/task-definition.json" }?.contents)["cpu"] as? String == "512")
    }

    // 5. Service names

    @Test func containersNameTheirSegmentsAfterTheService() throws {
        let daemon = try generate("services:\n  - {name: api, platform: ecs-fargate, image: \"nginx:1.27\", port: 80, environment: {OTHER: x}}\n")
        let app = try #require(containers(try json(daemon["api/task-definition.json"])).first { $0["name"] as? String == "api" })
        let environment = (app["environment"] as? [[String: String]] ?? []).reduce(into: [String: String]()) { $0[$1["name"]!] = $1["value"] }
        #expect(environment["AWS_XRAY_TRACING_NAME"] == "api" && environment["OTEL_SERVICE_NAME"] == nil)
        let otel = try generate("agent: {kind: adot}\nservices:\n  - {name: api, platform: ecs-fargate, image: \"nginx:1.27\", port: 80, environment: {AWS_XRAY_TRACING_NAME: custom}}\n")
        let otelApp = try #require(containers(try json(otel["api/task-definition.json"])).first { $0["name"] as? String == "api" })
        let otelEnvironment = (otelApp["environment"] as? [[String: String]] ?? []).reduce(into: [String: String]()) { $0[$1["name"]!] = $1["value"] }
        #expect(otelEnvironment["AWS_XRAY_TRACING_NAME"] == "custom", "the model's own value wins")
        #expect(otelEnvironment["OTEL_SERVICE_NAME"] == "api")
    }

    // 6. Partitions

    @Test func templatesTakeThePartitionFromTheStack() throws {
        let body = "services:\n  - {name: api, platform: ecs-fargate, image: \"nginx:1.27\", port: 80}\n"
        let model = try ModelDecoder.decode("version: 1\nproject: pay\nregion: eu-west-1\n" + body, file: "xray.yaml").model
        let template = try #require(Generator.generate(model).first { $0.path == "cloudformation.yaml" }?.contents)
        #expect(!template.contains("arn:aws:"), "no literal partition")
        #expect(template.contains("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"))
    }

    // 7. An honest README, and only the files the model needs

    @Test func theReadmeDescribesWhatWasGenerated() throws {
        let lambdaOnly = try generate("services:\n  - {name: fn, platform: lambda, function_name: pay-fn}\n")
        let readme = try #require(lambdaOnly["README.md"])
        #expect(!readme.contains("DAEMON") && !readme.contains("cloudformation.yaml"))
        #expect(readme.contains("Nothing here can be a CloudFormation stack"))
        #expect(readme.contains("The Lambda functions the model names exist."))

        let mixed = try generate("""
            services:
              - {name: api, platform: ecs-ec2-sidecar, image: "nginx:1.27", memory_reservation: 128}
              - {name: web, platform: elastic-beanstalk}
              - {name: box, platform: ec2}
              - {name: fn, platform: lambda, function_name: pay-fn}
            """)
        let text = try #require(mixed["README.md"])
        #expect(text.contains("An ECS cluster: `default`"))
        #expect(text.contains("`eb init`"))
        #expect(text.contains("aws ssm get-parameter"))
        #expect(mixed["cloudformation.yaml"]?.contains("AWS::XRay::SamplingRule") == false)
        // After a stack deploy only what the stack cannot do remains, and nothing it did.
        let remaining = text.components(separatedBy: "and then run the steps CloudFormation cannot do here")[1]
            .components(separatedBy: "or apply everything")[0]
        #expect(!remaining.contains("create-role") && !remaining.contains("register-task-definition") && !remaining.contains("create-log-group"))
        #expect(remaining.contains("update-function-configuration") && remaining.contains("eb deploy") && remaining.contains("run-instances"))
    }

    @Test func onPremisesDaemonsGetCredentialsTheirUserCanRead() throws {
        let files = try generate("services:\n  - {name: box, platform: ec2, instance_role: none}\n")
        let script = try #require(files["box/user-data.sh"])
        #expect(script.contains("LocalMode: true"))
        #expect(script.contains("Environment=AWS_SHARED_CREDENTIALS_FILE=/etc/amazon/xray/credentials"))
        #expect(script.contains("install -m 0640 -o root -g"))
        #expect(files["README.md"]?.contains("cannot read `/root/.aws/credentials`") == true)
        #expect(!script.contains("/root/.aws"))
    }
}
