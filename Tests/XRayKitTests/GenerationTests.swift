import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// What each topology's artifacts must say, checked field by field (the golden files pin the bytes).
@Suite struct GenerationTests {
    static let header = "version: 1\nproject: shop\nregion: us-east-1\naccount: \"123456789012\"\n"

    func generate(_ yaml: String) throws -> [String: String] {
        let files = Generator.generate(try ModelDecoder.decode(Self.header + yaml, file: "m.yaml").model)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    }

    func json(_ text: String?) throws -> [String: Any] {
        let data = Data(try #require(text).utf8)
        let object = try JSONSerialization.jsonObject(with: data)
        return try #require(object as? [String: Any])
    }

    func containers(_ task: [String: Any]) -> [String: [String: Any]] {
        let list = task["containerDefinitions"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as! String, $0) })
    }

    func environment(_ container: [String: Any]?) -> [String: String] {
        let list = container?["environment"] as? [[String: String]] ?? []
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"]!, $0["value"]!) })
    }

    /// `outputs:` chooses the whole-setup files; the provider pin follows the resources used.
    @Test func outputsChooseTemplateAndTerraform() throws {
        let service = "services:\n  - name: api\n    platform: ecs-fargate\n    image: public.ecr.aws/nginx/nginx:1.27\n"
        let both = try generate(service)
        #expect(both["cloudformation.yaml"] != nil && both["terraform/main.tf"] != nil)
        #expect(both["terraform/versions.tf"]?.contains("version = \">= 5.29.0, < 7.0.0\"") == true)
        let terraformOnly = try generate("outputs: [terraform]\n" + service)
        #expect(terraformOnly["cloudformation.yaml"] == nil && terraformOnly["terraform/main.tf"] != nil)
        #expect(terraformOnly["README.md"]?.contains("Either deploy") == false)
        #expect(terraformOnly["README.md"]?.contains("## With Terraform") == true)
        let neither = try generate("outputs: []\n" + service)
        #expect(neither.keys.allSatisfy { $0 != "cloudformation.yaml" && !$0.hasPrefix("terraform/") })
        let search = try generate("agent: {kind: adot}\ntraces: {export: otlp, transaction_search: {indexing_percentage: 5}}\n" + service)
        // Transaction Search is the account's: in account/terraform/, applied once per account; the
        // project's configuration keeps the older provider it needs.
        #expect(search["account/terraform/versions.tf"]?.contains("version = \">= 6.46.0, < 7.0.0\"") == true)
        #expect(search["account/terraform/main.tf"]?.contains("resource \"aws_xray_indexing_rule\"") == true)
        #expect(search["account/terraform/main.tf"]?.contains("desired_sampling_percentage = 5") == true)
        #expect(search["terraform/versions.tf"]?.contains("version = \">= 5.29.0, < 7.0.0\"") == true)
        #expect(search["terraform/main.tf"]?.contains("aws_xray_indexing_rule") == false)
    }

    /// The layout `terraform fmt` leaves: single-line attributes in a run share one `=` column, a
    /// multi-line value or a nested block stands apart, strings are escaped (`${` doubled).
    @Test func hclIsLaidOutAsTerraformFmtLeavesIt() {
        let text = HCLWriter.render([HCLBlock("resource", ["aws_x", "y"], [
            .attribute("name", .string("a${b}\"c\"")),
            .attribute("retention_in_days", .int(30)),
            .attribute("policy", .call("jsonencode", [.object([("Version", .string("2012-10-17")), ("aws:x", .list([.int(1)]))])])),
            .attribute("role", .expression("aws_iam_role.r.id")),
            .block(HCLBlock("rule", [], [.attribute("x", .double(0.5))])),
        ])])
        #expect(text == """
            resource "aws_x" "y" {
              name              = "a$${b}\\"c\\""
              retention_in_days = 30

              policy = jsonencode({
                Version = "2012-10-17"
                "aws:x" = [1]
              })

              role = aws_iam_role.r.id

              rule {
                x = 0.5
              }
            }

            """)
    }

    @Test func bridgeSidecarLinksAndAddressesTheAgentByName() throws {
        let files = try generate("services:\n  - {name: api, platform: ecs-ec2-sidecar, image: a:1, memory_reservation: 256, port: 80}\n")
        let task = try json(files["api/task-definition.json"])
        let byName = containers(task)
        #expect(task["networkMode"] as? String == "bridge")
        #expect(byName["api"]?["links"] as? [String] == ["xray-daemon"])
        #expect(environment(byName["api"])["AWS_XRAY_DAEMON_ADDRESS"] == "xray-daemon:2000")
        let agentPorts = byName["xray-daemon"]?["portMappings"] as? [[String: Any]]
        #expect(agentPorts?.first?["containerPort"] as? Int == 2000)
        #expect(agentPorts?.first?["protocol"] as? String == "udp")
        #expect(agentPorts?.first?["hostPort"] as? Int == 0, "a dynamic host port")
        #expect(byName["xray-daemon"]?["command"] as? [String] == ["-m", "24", "-l", "info"])
        #expect(environment(byName["xray-daemon"])["AWS_REGION"] == "us-east-1")
        #expect(byName["xray-daemon"]?["memoryReservation"] as? Int == 256)
        #expect(task["taskRoleArn"] as? String == "arn:aws:iam::123456789012:role/shop-api-task-role")
        #expect(task["executionRoleArn"] == nil, "EC2 tasks need no execution role by default")
    }

    @Test func awsvpcSidecarUsesNeitherLinksNorANameBasedAddress() throws {
        let files = try generate("services:\n  - {name: api, platform: ecs-ec2-sidecar, network_mode: awsvpc, image: a:1, memory_reservation: 256, port: 80}\n")
        let byName = containers(try json(files["api/task-definition.json"]))
        #expect(byName["api"]?["links"] == nil)
        #expect(environment(byName["api"])["AWS_XRAY_DAEMON_ADDRESS"] == nil)
        for container in byName.values {
            for mapping in container["portMappings"] as? [[String: Any]] ?? [] {
                let host = mapping["hostPort"] as? Int
                #expect(host == nil || host == mapping["containerPort"] as? Int)
            }
        }
    }

    @Test func fargateGetsAValidSizeThatFitsBothAndBothRoles() throws {
        let files = try generate("services:\n  - {name: api, platform: ecs-fargate, image: a:1, cpu: 256, memory_reservation: 600, port: 80}\n")
        let task = try json(files["api/task-definition.json"])
        #expect(task["requiresCompatibilities"] as? [String] == ["FARGATE"])
        #expect(task["networkMode"] as? String == "awsvpc")
        let cpu = Int(task["cpu"] as? String ?? "") ?? 0, memory = Int(task["memory"] as? String ?? "") ?? 0
        #expect(FargateTaskSize.isValid(cpu: cpu, memory: memory))
        #expect(cpu >= 256 + 32 && memory >= 600 + 256)
        #expect(cpu == 512 && memory == 1024, "the smallest size that fits")
        #expect(task["executionRoleArn"] as? String == "arn:aws:iam::123456789012:role/shop-api-execution-role")
        #expect(containers(task)["xray-daemon"]?["command"] as? [String] == ["-m", "24", "-l", "info", "-o"])
        // The execution role gets only ECS's managed policy, never X-Ray permissions.
        #expect(files["iam/shop-api-execution-role.policy.json"] == nil)
        #expect(files["README.md"]?.contains("attach-role-policy --role-name shop-api-execution-role --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy") == true)
    }

    @Test func daemonTopologyPublishesUDPAndTCPAndAppsUseTheBridgeGateway() throws {
        let files = try generate("cluster: c1\nservices:\n  - {name: api, platform: ecs-ec2-daemon, image: a:1, memory_reservation: 256}\n  - {name: host-app, platform: ecs-ec2-daemon, network_mode: host, image: a:1, memory_reservation: 256}\n")
        let agent = try json(files["xray-daemon/task-definition.json"])
        let ports = (containers(agent)["xray-daemon"]?["portMappings"] as? [[String: Any]] ?? [])
            .map { "\($0["hostPort"] as? Int ?? -1)/\($0["protocol"] as? String ?? "")" }
        #expect(Set(ports) == ["2000/udp", "2000/tcp"])
        let service = try json(files["xray-daemon/service.json"])
        #expect(service["schedulingStrategy"] as? String == "DAEMON")
        #expect(service["cluster"] as? String == "c1")
        #expect(service["taskDefinition"] as? String == agent["family"] as? String)
        let app = containers(try json(files["api/task-definition.json"]))
        #expect(app.keys.sorted() == ["api"], "no agent of its own")
        #expect(environment(app["api"])["AWS_XRAY_DAEMON_ADDRESS"] == "172.17.0.1:2000")
        #expect(environment(containers(try json(files["host-app/task-definition.json"]))["host-app"])["AWS_XRAY_DAEMON_ADDRESS"] == nil)
    }

    @Test func taskRolePolicyIsExactlyTheFiveXRayActionsOnStar() throws {
        let files = try generate("services:\n  - {name: api, platform: ecs-fargate, image: a:1}\n")
        let policy = try json(files["iam/shop-api-task-role.policy.json"])
        let statements = policy["Statement"] as? [[String: Any]] ?? []
        #expect(statements.count == 1)
        #expect(Set(statements.first?["Action"] as? [String] ?? []) == Set(IAMPolicies.xrayWriteActions))
        #expect(statements.first?["Resource"] as? String == "*")
        let trust = try json(files["iam/shop-api-task-role.trust.json"])
        let statement = (trust["Statement"] as? [[String: Any]])?.first
        #expect((statement?["Principal"] as? [String: String])?["Service"] == "ecs-tasks.amazonaws.com")
        #expect(((statement?["Condition"] as? [String: Any])?["StringEquals"] as? [String: String])?["aws:SourceAccount"] == "123456789012")
    }

    @Test func crossAccountRoleGetsAssumeRoleOnlyAndTheTargetTrustsTheSources() throws {
        let files = try generate("agent:\n  cross_account_role: arn:aws:iam::999988887777:role/writer\nservices:\n  - {name: api, platform: ecs-fargate, image: a:1}\n")
        let source = try json(files["iam/shop-api-task-role.policy.json"])
        let statement = (source["Statement"] as? [[String: Any]])?.first
        #expect(statement?["Action"] as? String == "sts:AssumeRole")
        #expect(statement?["Resource"] as? String == "arn:aws:iam::999988887777:role/writer")
        let target = try json(files["iam/writer.trust.json"])
        let principal = ((target["Statement"] as? [[String: Any]])?.first?["Principal"] as? [String: Any])?["AWS"]
        #expect(principal as? [String] == ["arn:aws:iam::123456789012:role/shop-api-task-role"])
        #expect(files["iam/writer.policy.json"]?.contains("xray:PutTraceSegments") == true)
        #expect(files["xray-daemon/cfg.yaml"]?.contains("RoleARN: arn:aws:iam::999988887777:role/writer") == true)
        #expect(containers(try json(files["api/task-definition.json"]))["xray-daemon"]?["command"] as? [String]
                == ["-m", "24", "-l", "info", "-o", "-r", "arn:aws:iam::999988887777:role/writer"])
    }

    @Test func otherAgentsReceiveXRayAndOTLPWithInlineConfig() throws {
        let adot = try generate("agent: {kind: adot}\nservices:\n  - {name: api, platform: ecs-ec2-sidecar, image: a:1, memory_reservation: 256}\n")
        let collector = containers(try json(adot["api/task-definition.json"]))["aws-otel-collector"]
        let config = try #require(environment(collector)["AOT_CONFIG_CONTENT"])
        let parsed = try #require(try YAMLLoader.load(config, file: "aot"))
        #expect(parsed["receivers"]?["awsxray"]?["endpoint"]?.scalar?.text == "0.0.0.0:2000")
        #expect(parsed["receivers"]?["awsxray"]?["transport"]?.scalar?.text == "udp")
        #expect(parsed["receivers"]?["awsxray"]?["proxy_server"]?["endpoint"]?.scalar?.text == "0.0.0.0:2000")
        #expect(parsed["receivers"]?["otlp"] != nil)
        #expect(adot["xray-daemon/cfg.yaml"] == nil)

        let cw = try generate("agent: {kind: cloudwatch-agent}\nservices:\n  - {name: api, platform: ecs-ec2-sidecar, image: a:1, memory_reservation: 256}\n")
        let agent = containers(try json(cw["api/task-definition.json"]))["cloudwatch-agent"]
        let cwConfig = try json(environment(agent)["CW_CONFIG_CONTENT"])
        let xray = ((cwConfig["traces"] as? [String: Any])?["traces_collected"] as? [String: Any])?["xray"] as? [String: Any]
        #expect(xray?["bind_address"] as? String == "0.0.0.0:2000")
        #expect((xray?["tcp_proxy"] as? [String: String])?["bind_address"] == "0.0.0.0:2000")
        #expect(environment(containers(try json(cw["api/task-definition.json"]))["api"])["AWS_XRAY_DAEMON_ADDRESS"] == "cloudwatch-agent:2000")
    }

    @Test func beanstalkLambdaAPIGatewayAndEC2() throws {
        let files = try generate("""
            services:
              - {name: web, platform: elastic-beanstalk, instance_profile: custom-profile, daemon_config: {log_level: warn}}
              - {name: fn, platform: lambda, function_name: my-fn}
              - {name: api, platform: api-gateway, rest_api_id: a1b2c3d4e5, stage: prod}
              - {name: box, platform: ec2, os: ubuntu}

            """)
        let eb = try #require(files["web/.ebextensions/xray-daemon.config"])
        #expect(eb.contains("aws:elasticbeanstalk:xray:\n    XRayEnabled: true"))
        #expect(eb.contains("/etc/amazon/xray/cfg.yaml:\n    mode: \"000644\""))
        #expect(eb.contains("LogLevel: warn") && eb.contains("Version: 2"))
        // A named instance profile exists: its role only gains the daemon's permissions.
        #expect(files["iam/custom-profile.trust.json"] == nil)
        #expect(files["iam/custom-profile.policy.json"]?.contains("xray:PutTraceSegments") == true)
        #expect(eb.contains("AWS_XRAY_TRACING_NAME: web"))

        // The function keeps its role: tracing on, and the upload permission added to that role.
        let lambda = try json(files["fn/lambda-tracing.json"])
        #expect((lambda["TracingConfig"] as? [String: String])?["Mode"] == "Active")
        #expect(lambda["Role"] == nil)
        #expect(files["fn/role-policy.json"]?.contains("xray:PutTraceSegments") == true)
        let readme = try #require(files["README.md"])
        #expect(readme.contains("ROLE_NAME=$(aws lambda get-function-configuration --region us-east-1 --function-name my-fn --query Role --output text"))
        #expect(readme.contains("aws iam put-role-policy --role-name \"$ROLE_NAME\" --policy-name xray --policy-document file://fn/role-policy.json"))

        let stage = try json(files["api/apigateway-stage-patch.json"])
        let operation = (stage["patchOperations"] as? [[String: String]])?.first
        #expect(operation == ["op": "replace", "path": "/tracingEnabled", "value": "true"])

        let script = try #require(files["box/user-data.sh"])
        #expect(script.hasPrefix("#!/bin/bash\n"))
        #expect(script.contains("aws-xray-daemon${SUFFIX}-3.x.deb") && script.contains("systemctl enable xray"))
        #expect(script.contains("if ! dpkg -s xray"), "installs only once")
    }

    @Test func samplingRulesAreOrderedAndLocalRulesSkipServiceMatchers() throws {
        let files = try generate("""
            sampling:
              default: {reservoir: 2, rate: 0.1}
              rules:
                - {name: b, priority: 5, reservoir: 1, rate: 0.5, path: /b}
                - {name: a, priority: 5, reservoir: 1, rate: 0.5, path: /a}
                - {name: svc, priority: 1, reservoir: 1, rate: 1, service: billing}
            services:
              - {name: fn, platform: lambda, function_name: f}

            """)
        let data = Data(try #require(files["sampling/rules.json"]).utf8)
        let rules = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: [String: Any]]])
        #expect(rules.map { $0["SamplingRule"]?["RuleName"] as? String } == ["shop-svc", "shop-a", "shop-b"])
        #expect(rules.allSatisfy { $0["SamplingRule"]?["ResourceARN"] as? String == "*" && $0["SamplingRule"]?["Version"] as? Int == 1 })
        let local = try json(files["sampling/local-rules.json"])
        #expect((local["rules"] as? [[String: Any]])?.map { $0["description"] as? String } == ["shop-a", "shop-b"])
        #expect((local["default"] as? [String: Any])?["fixed_target"] as? Int == 2)
        #expect(files["sampling/default-rule.json"]?.contains("\"RuleName\": \"Default\"") == true)
    }
}

/// A single artifact from flags is asked of the one generator that makes it; it must be exactly
/// the file a whole generation of the same small model writes.
@Suite struct SingleArtifactTests {
    /// One request per artifact, and the path the whole generation writes it to (the conformance
    /// test feeds the same requests to AWS's validators).
    static var cases: [(SingleArtifact, SingleArtifact.Request, String)] {
        func request(_ service: [String: String], roleFor: String = "agent", agent: [String: String] = [:]) -> SingleArtifact.Request {
            var request = SingleArtifact.Request()
            request.account = "123456789012"
            request.service = service
            request.roleFor = roleFor
            request.agent = agent
            request.rule = ["name": "health", "priority": "1", "reservoir": "0", "rate": "0.5", "path": "/health"]
            return request
        }
        return [
            (.taskDefinition, request(["name": "api", "platform": "ecs-fargate", "image": "nginx:1.27", "port": "8080"], agent: ["kind": "adot"]), "api/task-definition.json"),
            (.taskDefinition, request(["name": "web", "platform": "ecs-ec2-sidecar", "image": "nginx:1.27", "memory_reservation": "256"]), "web/task-definition.json"),
            (.daemonService, request([:]), "xray-daemon/service.json"),
            (.policy, request(["name": "api"]), "iam/api-task-role.policy.json"),
            (.policy, request(["name": "fn"], roleFor: "lambda"), "iam/fn-execution-role.policy.json"),
            (.trustPolicy, request(["name": "api"]), "iam/api-task-role.trust.json"),
            (.trustPolicy, request(["name": "box"], roleFor: "ec2"), "iam/box-instance-role.trust.json"),
            (.daemonConfig, request([:], agent: ["buffer_mb": "16", "cross_account_role": "arn:aws:iam::999988887777:role/w"]), "xray-daemon/cfg.yaml"),
            (.samplingRules, request([:]), "sampling/rules.json"),
            (.lambdaTracing, request(["name": "fn"]), "fn/lambda-tracing.json"),
            (.ebextensions, request(["name": "web", "log_level": "warn"]), "web/.ebextensions/xray-daemon.config"),
        ]
    }

    @Test func eachArtifactEqualsTheModelsFile() throws {
        for (artifact, request, path) in Self.cases {
            let model = try ModelDecoder.decode(LocatedNode(artifact.modelTree(request).0, at: SourceLocation(file: "flags", line: 1, column: 1))).model
            let file = try #require(Generator.generate(model).first { $0.path == path }, "\(artifact) \(path)")
            #expect(try artifact.render(request) == file.contents, "\(artifact.rawValue)")
        }
        // An agent without cfg.yaml has no daemon-config to print.
        var adot = SingleArtifact.Request()
        adot.agent = ["kind": "adot"]
        #expect(throws: DiagnosticsError.self) { try SingleArtifact.daemonConfig.render(adot) }
    }
}
