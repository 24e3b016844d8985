import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Each class of false (or missing) finding seen on real files, with a realistic file of our own.
@Suite struct LintPrecisionTests {
    func lint(_ files: [(String, String)]) -> [Finding] {
        TestSupport.lint(files)
    }

    func rules(_ findings: [Finding]) -> [String] { findings.map { "\($0.rule)@\($0.location.line)" } }

    // MARK: policies written as JSON strings

    static let stringPolicies = """
        Resources:
          TaskRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: |
                {
                    "Statement": [{
                        "Effect": "Allow",
                        "Principal": { "Service": [ "ecs-tasks.amazonaws.com" ]},
                        "Action": [ "sts:AssumeRole" ]
                    }]
                }
              Policies:
                - PolicyName: xray
                  PolicyDocument: "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": [\\"xray:PutTraceSegment\\"], \\"Resource\\": \\"*\\"}]}"
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              NetworkMode: awsvpc
              TaskRoleArn: !GetAtt TaskRole.Arn
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                - Name: xray-daemon
                  Image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                  Command: ["-m", "16"]
        """

    @Test func policiesWrittenAsJSONStringsAreRead() {
        let findings = lint([("template.yaml", Self.stringPolicies)])
        // The trust is read: no "trusts no service principal".
        #expect(!findings.contains { $0.rule == "XR207" }, "\(findings.map(\.message))")
        // The inline policy is read: its typo is found, at the string's place in the file.
        let typo = findings.first { $0.rule == "XR203" }
        #expect(typo?.message.contains("xray:PutTraceSegment") == true)
        #expect(typo?.location.line == 15)
        #expect(findings.contains { $0.rule == "XR201" }, "the role is evaluated: it cannot upload")
    }

    @Test func blockScalarPoliciesAreLocatedLineByLine() {
        let template = Self.stringPolicies.replacingOccurrences(of: "\"Principal\": { \"Service\": [ \"ecs-tasks.amazonaws.com\" ]}",
                                                                 with: "\"Principal\": { \"Service\": [ \"ecs.amazonaws.com\" ]}")
        let wrong = lint([("template.yaml", template)]).first { $0.rule == "XR207" }
        #expect(wrong != nil)
    }

    // MARK: intrinsics

    @Test func managedPolicyARNsBuiltWithIntrinsicsAreEvaluated() {
        func template(_ policy: String) -> String {
            """
            Resources:
              TaskRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]
                  ManagedPolicyArns:
                    - {"Fn::Join": ["", ["arn:", {Ref: "AWS::Partition"}, ":iam::aws:policy/\(policy)"]]}
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: awsvpc
                  TaskRoleArn: {"Fn::GetAtt": [TaskRole, Arn]}
                  ContainerDefinitions:
                    - {Name: app, Image: "app:1"}
                    - {Name: xray-daemon, Image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6", Command: ["-m", "16"]}
            """
        }
        #expect(!lint([("cdk.template.yaml", template("AWSXRayDaemonWriteAccess"))]).contains { $0.rule.hasPrefix("XR20") })
        let s3Only = lint([("cdk.template.yaml", template("AmazonS3ReadOnlyAccess"))])
        #expect(s3Only.contains { $0.rule == "XR201" && $0.severity == .error }, "\(s3Only.map(\.message))")
        let sub = "!Sub 'arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess'"
        let viaSub = template("X").replacingOccurrences(of: "{\"Fn::Join\": [\"\", [\"arn:\", {Ref: \"AWS::Partition\"}, \":iam::aws:policy/X\"]]}", with: sub)
        #expect(!lint([("t.yaml", viaSub)]).contains { $0.rule.hasPrefix("XR20") })
    }

    // MARK: which container is the agent

    @Test func theCloudWatchAgentIsAnXRayAgentOnlyWhenItCollectsTraces() {
        func task(_ config: String) -> String {
            """
            {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
              {"name": "api", "image": "api:1"},
              {"name": "cwagent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest",
               "environment": [{"name": "CW_CONFIG_CONTENT", "value": \(String(reflecting: config))}]}]}
            """
        }
        let metrics = lint([("taskdef.json", task("{\"metrics\": {\"metrics_collected\": {\"statsd\": {}}}}"))])
        #expect(!metrics.contains { $0.rule.hasPrefix("XR1") }, "a metrics-only agent is no X-Ray agent: \(rules(metrics))")
        let traces = lint([("taskdef.json", task("{\"traces\": {\"traces_collected\": {\"xray\": {}}}}"))])
        #expect(traces.contains { $0.rule == "XR110" })
        #expect(traces.first { $0.rule == "XR110" }?.fix?.contains("public.ecr.aws/cloudwatch-agent/cloudwatch-agent:VERSION") == true,
                "the fix pins the same image")
    }

    @Test func aCollectorWithoutAnXRayReceiverIsNotTreatedAsTheAgent() {
        let otlpOnly = "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  awsxray:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [awsxray]\n"
        let xraySDK = "\"environment\": [{\"name\": \"AWS_XRAY_TRACING_NAME\", \"value\": \"api\"}]"
        func task(app: String, collector: String) -> String {
            """
            {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
              {"name": "api", "image": "api:1"\(app)},
              {"name": "otel", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0", \(collector)}]}
            """
        }
        let inline = "\"environment\": [{\"name\": \"AOT_CONFIG_CONTENT\", \"value\": \(String(reflecting: otlpOnly))}]"
        let findings = lint([("taskdef.json", task(app: ", " + xraySDK, collector: inline))])
        #expect(rules(findings).filter { $0.hasPrefix("XR1") }.map { String($0.prefix(5)) } == ["XR120"], "\(rules(findings))")
        // The same collector beside an app with no X-Ray SDK settings: OpenTelemetry apps need no awsxray receiver.
        #expect(!lint([("taskdef.json", task(app: "", collector: inline))]).contains { $0.rule.hasPrefix("XR1") })
        let fromSSM = "\"secrets\": [{\"name\": \"AOT_CONFIG_CONTENT\", \"valueFrom\": \"otel-config\"}]"
        let unseen = lint([("taskdef.json", task(app: ", " + xraySDK, collector: fromSSM))])
        #expect(unseen.contains { $0.rule == "XR120" && $0.severity == .info && $0.message.contains("unknown") }, "\(rules(unseen))")
        // A file alone: who sends to it is unknown, so everything is info (the receiver's omitted
        // endpoint is localhost since ADOT 0.41; awsxray is the deprecated exporter), and XR120 waits
        // for an X-Ray SDK app among the files linted; its traces pipeline has no batch processor
        // (XR519, info for a file alone, which may be a Lambda layer's).
        let standalone = lint([("collector.yaml", otlpOnly)])
        #expect(standalone.map { "\($0.rule) \($0.severity)" }.sorted() == ["XR511 info", "XR514 info", "XR519 info"])
        let beside = lint([("collector.yaml", otlpOnly), ("app.json", "{\"family\": \"app\", \"containerDefinitions\": [{\"name\": \"app\", \"image\": \"app:1\", \(xraySDK)}]}")])
        #expect(beside.filter { $0.location.file == "collector.yaml" }.map { "\($0.rule) \($0.severity)" }.sorted() == ["XR120 info", "XR511 info", "XR514 info", "XR519 info"])
    }

    /// A metrics-only collector beside apps that do not trace is a setup of its own: info, never an error.
    @Test func aMetricsOnlyCollectorBesideUntracedAppsIsNoError() {
        let metricsOnly = "receivers:\n  awsecscontainermetrics: {}\nexporters:\n  awsemf: {}\nservice:\n  pipelines:\n    metrics:\n      receivers: [awsecscontainermetrics]\n      exporters: [awsemf]\n"
        let task = { (appEnvironment: String) in """
            {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
              {"name": "api", "image": "api:1"\(appEnvironment)},
              {"name": "otel", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
               "environment": [{"name": "AOT_CONFIG_CONTENT", "value": \(String(reflecting: metricsOnly))}]}]}
            """ }
        let untraced = lint([("taskdef.json", task(""))]).filter { $0.rule == "XR512" }
        #expect(untraced.map(\.severity) == [.info], "\(untraced.map(\.message))")
        let traced = lint([("taskdef.json", task(#", "environment": [{"name": "OTEL_SERVICE_NAME", "value": "api"}]"#))]).filter { $0.rule == "XR512" }
        #expect(traced.map(\.severity) == [.error], "\(traced.map(\.message))")
    }

    // MARK: host ports, Fargate, functions off the request path, SAM's Disabled

    @Test func udpMappingsMatterOnlyThroughTheHost() {
        let linked = """
            {"family": "api", "networkMode": "bridge", "containerDefinitions": [
              {"name": "api", "image": "api:1", "memoryReservation": 128, "links": ["xray-daemon"],
               "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "xray-daemon:2000"}]},
              {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 64,
               "command": ["-m", "16"], "portMappings": [{"containerPort": 2000, "hostPort": 0}]}]}
            """
        #expect(!lint([("taskdef.json", linked)]).contains { $0.rule == "XR102" })
        let service = "{\"serviceName\": \"xray\", \"taskDefinition\": \"api\", \"schedulingStrategy\": \"DAEMON\"}"
        #expect(lint([("taskdef.json", linked), ("service.json", service)]).contains { $0.rule == "XR102" }, "through a DAEMON service it matters")
    }

    @Test func fargateTasksAreNotToldAboutHostMemory() {
        func task(_ compatibility: String) -> String {
            """
            {"family": "api", "requiresCompatibilities": ["\(compatibility)"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
             "taskRoleArn": "arn:aws:iam::123456789012:role/api", "containerDefinitions": [
              {"name": "api", "image": "api:1", "memoryReservation": 256},
              {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 64}]}
            """
        }
        #expect(!lint([("taskdef.json", task("FARGATE"))]).contains { $0.rule == "XR119" })
        #expect(lint([("taskdef.json", task("EC2"))]).contains { $0.rule == "XR119" })
    }

    @Test func functionsBesideTheRequestPathNeedNoTracing() {
        let template = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: app.handler
                  Runtime: python3.12
                  Tracing: Active
                  AutoPublishAlias: live
                  DeploymentPreference:
                    Type: Canary10Percent5Minutes
                    Hooks:
                      PreTraffic: !Ref PreTrafficHook
              PreTrafficHook:
                Type: AWS::Serverless::Function
                Properties: {Handler: hook.handler, Runtime: python3.12}
              SeedData:
                Type: AWS::Serverless::Function
                Properties: {Handler: seed.handler, Runtime: python3.12}
              Seed:
                Type: Custom::Seed
                Properties:
                  ServiceToken: !GetAtt SeedData.Arn
              Worker:
                Type: AWS::Serverless::Function
                Properties: {Handler: worker.handler, Runtime: python3.12}
            """
        let untraced = lint([("template.yaml", template)]).filter { $0.rule == "XR403" }
        #expect(untraced.map(\.message).allSatisfy { $0.contains("'Worker'") } && untraced.count == 1, "\(untraced.map(\.message))")
    }

    @Test func samAcceptsDisabledAndCloudFormationDoesNot() {
        let sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: python3.12, Tracing: Disabled}\n"
        #expect(!lint([("template.yaml", sam)]).contains { $0.rule == "XR401" })
        let cfn = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      TracingConfig: {Mode: Disabled}\n"
        #expect(lint([("template.yaml", cfn)]).contains { $0.rule == "XR401" })
    }

    // MARK: files that are not what they seem

    @Test func everyDocumentOfAStreamIsRead() {
        let stream = """
            apiVersion: v1
            kind: Service
            metadata: {name: xray-service}
            ---
            family: api
            containerDefinitions:
              - name: xray-daemon
                image: public.ecr.aws/xray/aws-xray-daemon
            """
        let findings = lint([("stream.yaml", stream)])
        #expect(!findings.contains { $0.rule == "XR001" })
        #expect(findings.contains { $0.rule == "XR110" && $0.location.line == 8 }, "located in the second document: \(rules(findings))")
        let kubernetes = lint([("k8s.yaml", "apiVersion: v1\nkind: Namespace\n---\napiVersion: v1\nkind: Service\n")])
        #expect(rules(kubernetes) == ["XR002@1"], "one 'not a kind' finding for the stream")
    }

    @Test func filesOfOtherLanguagesAreNeverParseErrors() {
        #expect(lint([("main.tf", "resource \"aws_iam_role\" \"x\" {\n  name = \"x\"\n}\n")]).isEmpty, "a .tf file is read as Terraform")
        for (name, text) in [("terraform.tfvars", "region = \"us-east-1\"\n"), ("app.py", "import json\nprint(json.dumps({}))\n"),
                             ("handler.js", "exports.handler = async () => ({});\n")] {
            #expect(lint([(name, text)]).map(\.rule) == ["XR002"], "\(name)")
        }
    }

    @Test func jsonFilesAreStrictJSON() {
        let comma = lint([("taskdef.json", "{\"family\": \"api\",\n \"containerDefinitions\": [{\"name\": \"api\", \"image\": \"api:1\"},]\n}\n")])
        #expect(comma.first { $0.rule == "XR001" }.map { "\($0.location.line):\($0.location.column)" } == "2:60", "the comma itself: \(rules(comma))")
        let comment = lint([("taskdef.json", "{\n  // the task\n  \"family\": \"api\", \"containerDefinitions\": []\n}\n")])
        #expect(comment.contains { $0.rule == "XR001" && $0.location.line == 2 && $0.message.contains("comment") })
        let template = lint([("container.json", "{\"name\": \"xray-daemon\", \"image\": \"public.ecr.aws/xray/aws-xray-daemon:3.6.6\", \"memory\": $MEMORY}\n")])
        #expect(!template.contains { $0.rule == "XR001" }, "a $VAR template is valid once filled in")
        #expect(lint([("x.yaml", "a: [1, 2,]\n")]).isEmpty || !lint([("x.yaml", "a: [1, 2,]\n")]).contains { $0.rule == "XR001" }, "YAML keeps YAML's rules")
    }

    @Test func containerDefinitionsAloneGetTheContainerRules() {
        let list = """
            [
              {"name": "app", "image": "${app_image}", "essential": true, "memory": 256},
              {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:latest", "essential": true,
               "portMappings": [{"containerPort": 2000, "protocol": "udp"}]}
            ]
            """
        let findings = lint([("container_definitions.json.tpl", list)])
        #expect(findings.contains { $0.rule == "XR110" }, "\(rules(findings))")
        #expect(!findings.contains { ["XR002", "XR107", "XR112", "XR116", "XR119"].contains($0.rule) }, "task-level rules need the task: \(rules(findings))")
    }

    @Test func serverlessFrameworkServicesAreRead() {
        let service = """
            service: orders
            provider:
              name: aws
              runtime: nodejs20.x
              tracing:
                lambda: active
              environment:
                Tracing: Active
            functions:
              create:
                handler: create.main
            """
        let findings = lint([("serverless.yml", service)])
        #expect(rules(findings).sorted() == ["XR401@6", "XR408@8"], "\(rules(findings))")
        // The statements it puts on the functions' role are IAM policy: an action typo is found.
        let statements = "service: s\nprovider:\n  name: aws\n  iamRoleStatements:\n    - Effect: Allow\n      Action: [xray:PutTraceSegment]\n      Resource: \"*\"\n"
        #expect(rules(lint([("serverless.yml", statements)])) == ["XR203@6"])
        #expect(lint([("serverless.yml", "service: s\nprovider:\n  name: aws\n  iamRoleStatements:\n    - ${file(../common.yml):xray}\n")]).isEmpty,
                "a statement from another file is not judged")
    }

    @Test func aFolderWalkSaysWhatItSkipped() throws {
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("apiVersion: v1\nkind: Namespace\n".utf8).write(to: folder.appendingPathComponent("ns.yaml"))
        try Data("{\"family\": \"api\", \"containerDefinitions\": [{\"name\": \"api\", \"image\": \"api:1\"}]}".utf8)
            .write(to: folder.appendingPathComponent("task.json"))
        let gathered = try FileCollector.gather([folder.path])
        #expect(gathered.documents.count == 1)
        #expect(gathered.skipped == [folder.appendingPathComponent("ns.yaml").path])
        let json = JSONReporter.render(LintReport(findings: [], fileCount: 1, skipped: gathered.skipped))
        #expect(json.contains("\"skipped\": [\n    \"\(folder.appendingPathComponent("ns.yaml").path)\""))
    }
}

extension LintPrecisionTests {
    /// A task definition or function linted without its role says what it did not check.
    @Test func unresolvedRolesAreSaid() {
        let task = #"{"family": "api", "networkMode": "awsvpc", "taskRoleArn": "arn:aws:iam::123456789012:role/api", "containerDefinitions": [{"name": "api", "image": "api:1"}, {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "command": ["-m", "16"]}]}"#
        let alone = lint([("taskdef.json", task)])
        #expect(alone.contains { $0.rule == "XR201" && $0.severity == .info && $0.message.contains("role 'api' is not among the linted files") })
        let function = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/fn\n      TracingConfig: {Mode: Active}\n"
        #expect(lint([("template.yaml", function)]).contains { $0.rule == "XR402" && $0.severity == .info })
        // ECS takes a bare role name: it resolves to the role of that name in the run.
        let byName = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: api\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess]\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: awsvpc\n      TaskRoleArn: api\n      ContainerDefinitions:\n        - {Name: app, Image: app:1}\n        - {Name: xray-daemon, Image: public.ecr.aws/xray/aws-xray-daemon:3.6.6, Command: [-m, '16']}\n"
        #expect(!lint([("t.yaml", byName)]).contains { $0.rule == "XR201" })
    }
}
