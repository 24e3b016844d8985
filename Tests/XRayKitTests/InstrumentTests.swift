import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct InstrumentTests {
    func instrument(_ text: String, path: String = "task.json", _ options: Instrumenter.Options = .init()) throws -> Instrumenter.Result {
        try Instrumenter.instrument(path: path, data: Data(text.utf8), options: options)
    }

    /// The result lints without errors, and instrumenting it again changes nothing.
    func expectCleanAndStable(_ result: Instrumenter.Result, path: String, _ options: Instrumenter.Options = .init(),
                              allowing allowed: Set<String> = []) throws {
        let document = DocumentLoader.load(path: path, data: Data(result.text.utf8))
        let errors = Linter.lint([document]).filter { $0.severity == .error && !allowed.contains($0.rule) }
        #expect(errors.isEmpty, "\(errors.map { "\($0.rule) \($0.message)" })")
        let again = try instrument(result.text, path: path, options)
        #expect(again.changes.isEmpty, "\(again.changes)")
        #expect(again.text == result.text)
    }

    static let bridgeTask = #"{"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/web", "containerDefinitions": [{"name": "web", "image": "web:1", "memoryReservation": 256}, {"name": "worker", "image": "worker:1", "memoryReservation": 128}]}"#

    @Test func addsASidecarInBridgeMode() throws {
        let result = try instrument(Self.bridgeTask)
        let task = try #require(try JSONSerialization.jsonObject(with: Data(result.text.utf8)) as? [String: Any])
        let containers = try #require(task["containerDefinitions"] as? [[String: Any]])
        #expect(containers.map { $0["name"] as? String } == ["web", "worker", "xray-daemon"])
        for app in containers.prefix(2) {
            #expect(app["links"] as? [String] == ["xray-daemon"])
            #expect((app["environment"] as? [[String: String]])?.contains(["name": "AWS_XRAY_DAEMON_ADDRESS", "value": "xray-daemon:2000"]) == true)
        }
        #expect(result.warnings.isEmpty)
        try expectCleanAndStable(result, path: "task.json")
    }

    /// `--agent adot --export otlp`: from the daemon, or from an ADOT collector on the awsxray
    /// exporter, to the same task sending OTLP to X-Ray; again, nothing changes.
    @Test func migratesToOTLP() throws {
        let otlp = Instrumenter.Options(agent: .adot, region: "eu-west-1", export: .otlp)
        let fromDaemon = try instrument(try instrument(Self.bridgeTask).text, path: "task.json", otlp)
        let fromADOT = try instrument(try instrument(Self.bridgeTask, path: "task.json", .init(agent: .adot)).text, path: "task.json", otlp)
        for result in [fromDaemon, fromADOT] {
            let config = try #require(result.text.range(of: #""AOT_CONFIG_CONTENT""#).map { String(result.text[$0.upperBound...].prefix(1500)) })
            #expect(config.contains("traces_endpoint: https://xray.eu-west-1.amazonaws.com/v1/traces"))
            #expect(config.contains("authenticator: sigv4auth") && config.contains("exporters: [otlphttp]"))
            #expect(result.warnings.contains { $0.contains("unless Transaction Search is on") })
            try expectCleanAndStable(result, path: "task.json", otlp)
        }
        #expect(fromADOT.changes.contains { $0.contains("now sends OTLP to X-Ray") })
        // The two routes give the same containers and variables (an added variable may sit elsewhere in the list).
        func variables(_ text: String) throws -> [String: [String: String]] {
            let task = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let containers = try #require(task["containerDefinitions"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: containers.map { container in
                (container["name"] as? String ?? "", Dictionary(uniqueKeysWithValues: ((container["environment"] as? [[String: String]]) ?? []).map { ($0["name"] ?? "", $0["value"] ?? "") }))
            })
        }
        #expect(try variables(fromDaemon.text) == variables(fromADOT.text))
    }

    /// The library refuses what the CLI refuses: OTLP with the daemon, or ADOT without the region.
    @Test func otlpNeedsAnOTLPAgentAndForADOTTheRegion() {
        #expect(throws: Instrumenter.Problem.self) { try instrument(Self.bridgeTask, path: "task.json", .init(export: .otlp)) }
        #expect(throws: Instrumenter.Problem.self) { try instrument(Self.bridgeTask, path: "task.json", .init(agent: .adot, export: .otlp)) }
        #expect((try? instrument(Self.bridgeTask, path: "task.json", .init(agent: .cloudwatchAgent, export: .otlp))) != nil)
    }

    @Test func awsvpcNeedsNoLinksAndWarnsWithoutATaskRole() throws {
        let text = #"{"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "512", "memory": "1024", "containerDefinitions": [{"name": "api", "image": "api:1", "links": ["xray"], "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "xray:2000"}]}, {"name": "xray", "image": "amazon/aws-xray-daemon:3.6.6"}]}"#
        let result = try instrument(text, .init(agent: .adot, region: "eu-west-1"))
        #expect(result.changes.contains { $0.contains("replaced the xray-daemon container 'xray' with adot") })
        #expect(result.changes.contains { $0.contains("removed AWS_XRAY_DAEMON_ADDRESS") })
        #expect(!result.text.contains("\"links\""))
        #expect(result.text.contains("region: eu-west-1"))
        #expect(result.warnings.contains { $0.contains("no taskRoleArn") })
        // The missing task role is the one error left, and the warning said so.
        try expectCleanAndStable(result, path: "task.json", .init(agent: .adot, region: "eu-west-1"), allowing: ["XR107"])
    }

    @Test func daemonMode() throws {
        let result = try instrument(Self.bridgeTask, .init(mode: .daemon))
        #expect(result.text.contains("172.17.0.1:2000"))
        #expect(!result.text.contains("xray-daemon\""))
        let awsvpc = #"{"family": "a", "networkMode": "awsvpc", "containerDefinitions": [{"name": "a", "image": "a:1"}]}"#
        #expect(throws: Instrumenter.Problem.self) { try instrument(awsvpc, .init(mode: .daemon)) }
    }

    @Test func templateGetsTracingAndThePolicy() throws {
        let template = """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  TaskRoleArn: !GetAtt TaskRole.Arn
                  ContainerDefinitions:
                    - Name: api
                      Image: api:1
                      MemoryReservation: 256
              TaskRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: ecs-tasks.amazonaws.com}
                        Action: sts:AssumeRole
                        Condition: {StringEquals: {"aws:SourceAccount": "123456789012"}}
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: a.h
                  Role: !GetAtt FnRole.Arn
                  Code: {ZipFile: "def h(e, c): pass"}
              FnRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole

            """
        let result = try instrument(template, path: "template.yaml")
        #expect(result.changes.contains("TaskRole: attached AWSXRayDaemonWriteAccess"))
        #expect(result.changes.contains("Fn: active tracing"))
        #expect(result.changes.contains("FnRole: attached AWSXRayDaemonWriteAccess"))
        #expect(result.text.contains("Fn::GetAtt"))
        try expectCleanAndStable(result, path: "template.yaml")
    }

    @Test func refusesOtherKinds() {
        #expect(throws: Instrumenter.Problem.self) { try instrument("Version: 2\nRegion: us-east-1\n", path: "cfg.yaml") }
        #expect(throws: Instrumenter.Problem.self) { try instrument("{\"family\": ", path: "task.json") }
    }
}

extension InstrumentTests {
    /// `aws ecs describe-task-definition` output becomes input RegisterTaskDefinition takes; the
    /// conformance validator (botocore) checks the same shape for generated task definitions.
    @Test func describeOutputBecomesRegisterInput() throws {
        let described = """
            {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", "family": "web",
             "revision": 3, "status": "ACTIVE", "compatibilities": ["EC2", "FARGATE"], "requiresAttributes": [{"name": "ecs.capability.task-eni"}],
             "registeredAt": "2026-11-01T10:00:00Z", "registeredBy": "arn:aws:iam::123456789012:user/ops",
             "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024",
             "taskRoleArn": "arn:aws:iam::123456789012:role/web",
             "containerDefinitions": [{"name": "web", "image": "web:1", "memoryReservation": 256}]}}
            """
        let result = try instrument(described)
        let task = try #require(try JSONSerialization.jsonObject(with: Data(result.text.utf8)) as? [String: Any])
        #expect(task["taskDefinition"] == nil)
        for field in Instrumenter.readOnlyTaskFields { #expect(task[field] == nil, "\(field) is left") }
        #expect(task["family"] as? String == "web")
        #expect((task["containerDefinitions"] as? [[String: Any]])?.count == 2)
        #expect(result.changes.contains("unwrapped describe-task-definition output into RegisterTaskDefinition input"))
    }
}

extension InstrumentTests {
    /// A Fargate task sized for its app alone grows to the smallest size that holds the agent too,
    /// so the result is a task ECS registers (XR122 would call the other one an error).
    @Test func aFargateTaskGrowsToHoldTheAgent() throws {
        let task = #"{"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512", "taskRoleArn": "arn:aws:iam::123456789012:role/web", "containerDefinitions": [{"name": "web", "image": "web:1", "cpu": 256, "memoryReservation": 512}]}"#
        let before = Linter.lint([DocumentLoader.load(path: "task.json", data: Data(task.utf8))])
        #expect(!before.contains { $0.rule == "XR122" })
        let result = try instrument(task)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.text.utf8)) as? [String: Any])
        #expect(object["cpu"] as? String == "512" && object["memory"] as? String == "1024", "\(object["cpu"] ?? "") \(object["memory"] ?? "")")
        #expect(result.changes.contains { $0.contains("task size 256/512 → 512/1024") })
        try expectCleanAndStable(result, path: "task.json")
    }
}

extension InstrumentTests {
    /// JSON keeps its key order and indentation: the diff is the change, not the whole file.
    @Test func jsonKeepsOrderAndIndentation() throws {
        let original = "{\n    \"family\": \"web\",\n    \"taskRoleArn\": \"arn:aws:iam::123456789012:role/web\",\n    \"networkMode\": \"awsvpc\",\n    \"containerDefinitions\": [\n        {\n            \"name\": \"web\",\n            \"image\": \"web:1\",\n            \"memoryReservation\": 256\n        }\n    ]\n}\n"
        let result = try instrument(original)
        let lines = result.text.split(separator: "\n").map(String.init)
        // The first lines are the original's, byte for byte: order and four-space indentation kept.
        #expect(Array(lines.prefix(8)) == Array(original.split(separator: "\n").map(String.init).prefix(8)), "\(result.text)")
        #expect(result.text.contains("\n            \"dependsOn\": [\n"))
        try expectCleanAndStable(result, path: "task.json")
    }

    /// YAML that a rewrite would change beyond the edit is not rewritten in place.
    @Test func yamlWithCommentsOrShortTagsIsNotRewrittenInPlace() async throws {
        let binary = try #require(TestSupport.xrayctl)
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let template = "# the web task\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties: {AssumeRolePolicyDocument: {}}\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      TaskRoleArn: !GetAtt Role.Arn\n      ContainerDefinitions: [{Name: web, Image: \"web:1\"}]\n"
        let file = work.appendingPathComponent("template.yaml")
        try Data(template.utf8).write(to: file)
        let refused = try await TestSupport.run(binary, ["instrument", file.path, "--in-place"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("would lose its comments and the short form of its tags"))
        #expect(TestSupport.read(file) == template, "untouched")
        let written = try await TestSupport.run(binary, ["instrument", file.path, "-o", work.appendingPathComponent("out.yaml").path])
        #expect(written.status == 0)
    }
}

extension InstrumentTests {
    static func containers(_ text: String) throws -> [String: [String: Any]] {
        let task = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let list = try #require(task["containerDefinitions"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as? String ?? "", $0) })
    }

    /// Moving from the daemon to ADOT keeps the daemon's logs and its `essential`, and says so;
    /// the result has no XR124 (an agent without logs beside containers with them).
    @Test func aReplacedAgentKeepsItsLogsAndEssential() throws {
        let task = #"{"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/web", "containerDefinitions": [{"name": "web", "image": "web:1", "memoryReservation": 256, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web"}}}, {"name": "xray", "image": "amazon/aws-xray-daemon:3.6.6", "essential": false, "memoryReservation": 64, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/xray", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "xray"}}}]}"#
        let options = Instrumenter.Options(agent: .adot, region: "eu-west-1", export: .otlp)
        let result = try instrument(task, options)
        let agent = try #require(try Self.containers(result.text)["aws-otel-collector"])
        #expect(agent["essential"] as? Bool == false)
        let logs = try #require(agent["logConfiguration"] as? [String: Any])
        #expect((logs["options"] as? [String: String])?["awslogs-group"] == "/ecs/xray")
        #expect(result.changes.contains { $0.contains("with adot ('aws-otel-collector'), essential: false as before") }, "\(result.changes)")
        #expect(result.changes.contains { $0.contains("keeps the log configuration of 'xray'") })
        let findings = Linter.lint([DocumentLoader.load(path: "task.json", data: Data(result.text.utf8))])
        #expect(!findings.contains { $0.rule == "XR124" })
        try expectCleanAndStable(result, path: "task.json", options)
    }

    /// An agent that had no logs (or a new one) logs like the first app container, under its own
    /// stream prefix; a FireLens router is not the example; `essential` absent stays absent.
    @Test func anAgentWithoutLogsLogsLikeTheApps() throws {
        let task = #"{"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/web", "containerDefinitions": [{"name": "log-router", "image": "fluent-bit:1", "memoryReservation": 50, "firelensConfiguration": {"type": "fluentbit"}, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/router", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "log-router"}}}, {"name": "web", "image": "web:1", "memoryReservation": 256, "logConfiguration": {"logDriver": "awsfirelens", "options": {"Name": "cloudwatch_logs", "log_group_name": "/ecs/web", "log_stream_prefix": "web/", "region": "eu-west-1"}}}, {"name": "xray-daemon", "image": "amazon/aws-xray-daemon:3.6.6", "memoryReservation": 64}]}"#
        let before = Linter.lint([DocumentLoader.load(path: "task.json", data: Data(task.utf8))])
        #expect(before.contains { $0.rule == "XR124" })
        let options = Instrumenter.Options(agent: .cloudwatchAgent)
        let result = try instrument(task, options)
        let agent = try #require(try Self.containers(result.text)["cloudwatch-agent"])
        #expect(agent["essential"] == nil)
        let logs = try #require(agent["logConfiguration"] as? [String: Any])
        #expect(logs["logDriver"] as? String == "awsfirelens")
        #expect((logs["options"] as? [String: String])?["log_stream_prefix"] == "cloudwatch-agent/")
        #expect(result.changes.contains { $0.contains("cloudwatch-agent logs like 'web' (awsfirelens, stream prefix cloudwatch-agent/)") }, "\(result.changes)")

        // Added to a task that had no agent: the app's awslogs, the agent's prefix.
        let plain = #"{"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/web", "containerDefinitions": [{"name": "web", "image": "web:1", "memoryReservation": 256, "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web"}}}]}"#
        let added = try instrument(plain)
        let daemon = try #require(try Self.containers(added.text)["xray-daemon"])
        let options2 = try #require((daemon["logConfiguration"] as? [String: Any])?["options"] as? [String: String])
        #expect(options2 == ["awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "xray-daemon"])
        try expectCleanAndStable(added, path: "task.json")
        #expect(!Linter.lint([DocumentLoader.load(path: "task.json", data: Data(added.text.utf8))]).contains { $0.rule == "XR124" })
    }

    /// In a template the keys are CloudFormation's (LogConfiguration, Options).
    @Test func templateAgentsGetLogsInPascalCase() throws {
        let template = """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: awsvpc
                  ContainerDefinitions:
                    - Name: api
                      Image: api:1
                      LogConfiguration:
                        LogDriver: awslogs
                        Options: {awslogs-group: /ecs/api, awslogs-region: eu-west-1, awslogs-stream-prefix: api}
                    - Name: xray
                      Image: amazon/aws-xray-daemon:3.6.6
                      Essential: false

            """
        let result = try instrument(template, path: "template.yaml", .init(agent: .adot, region: "eu-west-1"))
        #expect(result.text.contains("awslogs-stream-prefix: aws-otel-collector"), "\(result.text)")
        #expect(result.text.contains("LogConfiguration:") && !result.text.contains("logConfiguration"))
        #expect(result.text.contains("Essential: false"))
    }
}

extension InstrumentTests {
    /// With OTLP export to ADOT the warnings name the command that turns Transaction Search on and
    /// the permission the task role now needs; a template's own role gets it (no XR214 after).
    @Test func otlpNamesTransactionSearchCommandAndPutSpans() throws {
        let otlp = Instrumenter.Options(agent: .adot, region: "eu-west-1", export: .otlp)
        let result = try instrument(Self.bridgeTask, path: "task.json", otlp)
        #expect(result.warnings.contains { $0.contains("xrayctl generate transaction-search --region eu-west-1") }, "\(result.warnings)")
        #expect(result.warnings.contains { $0.contains("needs xray:PutSpans") && $0.contains("CloudWatch-OTLP-UsingADOT.html") })
        // The CloudWatch agent does not call the OTLP endpoint: no PutSpans warning.
        let cloudwatch = try instrument(Self.bridgeTask, path: "task.json", .init(agent: .cloudwatchAgent, export: .otlp))
        #expect(!cloudwatch.warnings.contains { $0.contains("PutSpans") })
        #expect(cloudwatch.warnings.contains { $0.contains("xrayctl generate transaction-search --region REGION") })

        let template = """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: awsvpc
                  TaskRoleArn: {"Fn::GetAtt": [TaskRole, Arn]}
                  ContainerDefinitions:
                    - Name: api
                      Image: api:1
                      MemoryReservation: 256
              TaskRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: ecs-tasks.amazonaws.com}
                        Action: sts:AssumeRole
                        Condition: {StringEquals: {"aws:SourceAccount": "123456789012"}}
                  ManagedPolicyArns:
                    - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess

            """
        let before = try instrument(template, path: "template.yaml", .init(agent: .adot, region: "eu-west-1"))
        let rules = { (text: String) in Linter.lint([DocumentLoader.load(path: "template.yaml", data: Data(text.utf8))]).map(\.rule) }
        // ADOT on the X-Ray API needs no PutSpans; sending to the OTLP endpoint does.
        #expect(!rules(before.text).contains("XR214"))
        let moved = try instrument(before.text, path: "template.yaml", otlp)
        #expect(moved.changes.contains("TaskRole: allowed xray:PutSpans (the collector now sends spans to X-Ray's OTLP endpoint)"), "\(moved.changes)")
        #expect(!moved.warnings.contains { $0.contains("PutSpans") })
        #expect(!rules(moved.text).contains("XR214"))
        try expectCleanAndStable(moved, path: "template.yaml", otlp)
        // The same template with the collector's new configuration but the old role: XR214.
        let withoutGrant = moved.text.replacingOccurrences(of: "xray:PutSpans", with: "xray:GetSamplingRules")
        #expect(rules(withoutGrant).contains("XR214"))
    }
}
