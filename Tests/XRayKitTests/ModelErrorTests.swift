import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Each kind of bad model gives a located error with a useful message.
@Suite struct ModelErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static let header = """
        version: 1
        project: shop
        region: us-east-1
        account: "123456789012"

        """

    /// A model with one ECS service; `extra` lines are appended to the service.
    static func service(_ platform: String, _ extra: String = "") -> String {
        header + """
        services:
          - name: api
            platform: \(platform)
            image: public.ecr.aws/nginx/nginx:1.27
            memory_reservation: 512
        \(extra)
        """
    }

    static let cases: [Case] = [
        Case(name: "syntax error", yaml: "version: 1\nproject: [shop\n", line: 3, column: 1, message: "invalid YAML"),
        Case(name: "duplicate key", yaml: "version: 1\nversion: 1\n", line: 2, column: 1, message: "duplicate key 'version'"),
        Case(name: "unknown top-level key", yaml: header + "servics: []\n", line: 5, column: 1,
             message: "unknown key 'servics' in the model; did you mean 'services'?"),
        Case(name: "missing services", yaml: header, line: 1, column: 1, message: "missing the required key 'services'"),
        Case(name: "bad region", yaml: "version: 1\nproject: shop\nregion: us-east1\nservices: []\n", line: 3, column: 9,
             message: "'us-east1' is not an AWS region code"),
        Case(name: "bad account", yaml: "version: 1\nproject: shop\nregion: us-east-1\naccount: 1234\nservices: []\n",
             line: 4, column: 10, message: "12-digit AWS account ID"),
        Case(name: "partition mismatch", yaml: "version: 1\nproject: shop\nregion: cn-north-1\npartition: aws\nservices: []\n",
             line: 4, column: 12, message: "does not contain region 'cn-north-1'"),
        Case(name: "unsupported version", yaml: "version: 2\nproject: shop\nregion: us-east-1\nservices: []\n",
             line: 1, column: 10, message: "version 2 is not supported"),
        Case(name: "unknown platform", yaml: service("ecs-fargat"), line: 7, column: 15,
             message: "platform must be one of elastic-beanstalk, ecs-ec2-daemon, ecs-ec2-sidecar, ecs-fargate, lambda, api-gateway, ec2, eks; found 'ecs-fargat'; did you mean 'ecs-fargate'?"),
        Case(name: "eks irsa without provider", yaml: header + "services:\n  - name: api\n    platform: eks\n    cluster: shop\n    identity: irsa\n",
             line: 9, column: 15, message: "identity irsa needs oidc_provider"),
        Case(name: "eks provider with scheme", yaml: header + "services:\n  - name: api\n    platform: eks\n    cluster: shop\n    identity: irsa\n    oidc_provider: https://oidc.example.com/id/ABC\n",
             line: 10, column: 20, message: "oidc_provider is the cluster's OIDC issuer without https://"),
        Case(name: "eks namespace not a Kubernetes name", yaml: header + "services:\n  - name: api\n    platform: eks\n    cluster: shop\n    namespace: Shop_NS\n",
             line: 9, column: 16, message: "namespace must be a Kubernetes name"),
        Case(name: "eks mixed identities", yaml: header + "services:\n  - name: api\n    platform: eks\n    cluster: shop\n  - name: web\n    platform: eks\n    cluster: shop\n    identity: irsa\n    oidc_provider: oidc.eks.us-east-1.amazonaws.com/id/ABC\n",
             line: 9, column: 5, message: "eks service 'web' uses identity irsa but 'api' uses pod-identity"),
        Case(name: "eks daemon too old for Pod Identity", yaml: header + "agent:\n  image: public.ecr.aws/xray/aws-xray-daemon:3.3.14\nservices:\n  - name: api\n    platform: eks\n    cluster: shop\n",
             line: 10, column: 14, message: "the X-Ray daemon 3.3.14 cannot use EKS Pod Identity (it arrived with the AWS SDK for Go v2 in daemon 3.6.0)"),
        Case(name: "unknown output", yaml: "outputs: [pulumi]\n" + header + "services: []\n", line: 1, column: 11,
             message: "outputs entry must be one of cloudformation, terraform; found 'pulumi'"),
        Case(name: "misspelled service key", yaml: service("ecs-ec2-sidecar", "    prot: 8080"), line: 10, column: 5,
             message: "unknown key 'prot' in a service; did you mean 'port'?"),
        Case(name: "key from another platform", yaml: service("ecs-ec2-sidecar", "    function_name: f"), line: 10, column: 5,
             message: "'function_name' does not apply to platform ecs-ec2-sidecar"),
        Case(name: "bad image", yaml: header + "services:\n  - name: api\n    platform: ecs-fargate\n    image: Nginx:1.0:2\n",
             line: 8, column: 12, message: "image 'Nginx:1.0:2' is not a valid image reference"),
        Case(name: "port out of range", yaml: service("ecs-ec2-sidecar", "    port: 70000"), line: 10, column: 11,
             message: "port must be between 1 and 65535, found 70000"),
        Case(name: "port as text", yaml: service("ecs-ec2-sidecar", "    port: \"http\""), line: 10, column: 11,
             message: "port must be a whole number from 1 to 65535, found 'http'"),
        Case(name: "awsvpc host port differs", yaml: service("ecs-ec2-sidecar", "    network_mode: awsvpc\n    port: 8080\n    host_port: 80"),
             line: 12, column: 16, message: "in awsvpc mode the host port must equal the container port (8080)"),
        Case(name: "awsvpc app on the agent port", yaml: service("ecs-ec2-sidecar", "    network_mode: awsvpc\n    port: 2000"),
             line: 11, column: 11, message: "port 2000 is the X-Ray agent's port"),
        Case(name: "awsvpc in the daemon topology", yaml: service("ecs-ec2-daemon", "    network_mode: awsvpc"), line: 10, column: 19,
             message: "an awsvpc task has its own network interface"),
        Case(name: "fargate in bridge mode", yaml: service("ecs-fargate", "    network_mode: bridge"), line: 10, column: 19,
             message: "Fargate tasks run in awsvpc network mode only"),
        Case(name: "invalid Fargate pair", yaml: service("ecs-fargate", "    task_cpu: 512\n    task_memory: 512"), line: 11, column: 18,
             message: "Fargate does not offer 512 MiB with task_cpu 512; valid task_memory values for 512 are 1024, 2048, 3072, 4096"),
        Case(name: "invalid Fargate cpu", yaml: service("ecs-fargate", "    task_cpu: 300\n    task_memory: 512"), line: 10, column: 15,
             message: "Fargate does not offer task_cpu 300; valid values are 256, 512, 1024, 2048, 4096, 8192, 16384"),
        Case(name: "Fargate size too small", yaml: service("ecs-fargate", "    task_cpu: 256\n    task_memory: 1024\n    cpu: 240"),
             line: 10, column: 15, message: "task_cpu 256 is less than app + agent need (272)"),
        Case(name: "only task_cpu", yaml: service("ecs-fargate", "    task_cpu: 256"), line: 6, column: 5,
             message: "set task_cpu and task_memory together"),
        Case(name: "EC2 without memory", yaml: header + "services:\n  - name: api\n    platform: ecs-ec2-sidecar\n    image: nginx:1.27\n",
             line: 6, column: 5, message: "needs memory or memory_reservation"),
        Case(name: "reservation above memory", yaml: service("ecs-ec2-sidecar", "    memory: 256"), line: 9, column: 25,
             message: "memory_reservation (512) must be lower than memory (256)"),
        Case(name: "task role not an ARN", yaml: service("ecs-fargate", "    task_role: my-role"), line: 10, column: 16,
             message: "task_role must be 'generate' or a role ARN, found 'my-role'"),
        Case(name: "task role not a role ARN", yaml: service("ecs-fargate", "    task_role: arn:aws:iam::123456789012:user/bob"),
             line: 10, column: 16, message: "task_role must be an IAM role ARN"),
        Case(name: "sidecar task role none", yaml: service("ecs-fargate", "    task_role: none"), line: 10, column: 16,
             message: "task_role must be 'generate' or a role ARN, found 'none'"),
        Case(name: "daemon address set by hand", yaml: service("ecs-ec2-sidecar", "    environment:\n      AWS_XRAY_DAEMON_ADDRESS: x:2000"),
             line: 11, column: 7, message: "xrayctl sets AWS_XRAY_DAEMON_ADDRESS"),
        Case(name: "access keys in environment", yaml: service("ecs-ec2-sidecar", "    environment:\n      AWS_SECRET_ACCESS_KEY: abc"),
             line: 11, column: 7, message: "the task role gives the containers credentials"),
        Case(name: "duplicate service", yaml: service("ecs-ec2-sidecar") + "  - name: api\n    platform: lambda\n    function_name: f\n",
             line: 10, column: 5, message: "service name 'api' is already used at line 6"),
        Case(name: "agent kind typo", yaml: header + "agent:\n  kind: xray-deamon\nservices: []\n", line: 6, column: 9,
             message: "did you mean 'xray-daemon'?"),
        Case(name: "agent buffer below 3 MB", yaml: header + "agent:\n  buffer_mb: 2\nservices: []\n", line: 6, column: 14,
             message: "agent buffer_mb must be between 3 and 256, found 2"),
        Case(name: "agent image not an image", yaml: header + "agent:\n  image: \"http://x\"\nservices: []\n", line: 6, column: 10,
             message: "agent image 'http://x' is not a valid image reference"),
        Case(name: "cross-account role not an ARN", yaml: header + "agent:\n  cross_account_role: xray-writer\nservices: []\n",
             line: 6, column: 23, message: "agent cross_account_role must be an IAM role ARN"),
        Case(name: "sampling rate as percentage", yaml: header + "sampling:\n  rules:\n    - {name: a, priority: 1, reservoir: 1, rate: 5}\nservices: []\n",
             line: 7, column: 50, message: "5 looks like a percentage (use 0.05)"),
        Case(name: "sampling priority 10000", yaml: header + "sampling:\n  rules:\n    - {name: a, priority: 10000, reservoir: 1, rate: 0.1}\nservices: []\n",
             line: 7, column: 27, message: "sampling rule priority must be between 1 and 9999"),
        Case(name: "sampling rule named Default", yaml: "version: 1\nproject: default\nregion: us-east-1\nsampling:\n  rules:\n    - {name: default, priority: 1, reservoir: 1, rate: 0.1}\nservices: []\n",
             line: 6, column: 14, message: "'Default' is the built-in rule"),
        Case(name: "sampling name too long", yaml: header + "sampling:\n  rules:\n    - {name: a-very-long-rule-name-for-health, priority: 1, reservoir: 1, rate: 0.1}\nservices: []\n",
             line: 7, column: 14, message: "longer than 32 characters"),
        Case(name: "kms key not a key", yaml: header + "encryption:\n  kms_key: my-key\nservices: []\n", line: 6, column: 12,
             message: "kms_key must be a KMS key ARN, key ID (a UUID or mrk- and 32 hex digits) or alias"),
        Case(name: "http api", yaml: header + "services:\n  - name: web\n    platform: api-gateway\n    api_type: http\n    rest_api_id: a1b2c3d4e5\n    stage: prod\n",
             line: 8, column: 15, message: "X-Ray traces REST APIs only"),
        Case(name: "multicontainer docker", yaml: header + "services:\n  - name: web\n    platform: elastic-beanstalk\n    eb_platform: multicontainer-docker\n",
             line: 8, column: 18, message: "does not provide the X-Ray daemon on the Multicontainer Docker"),
        Case(name: "boolean where text expected", yaml: header + "services:\n  - name: fn\n    platform: lambda\n    function_name: [a]\n",
             line: 8, column: 20, message: "function_name must be a string, found a list"),
        Case(name: "service name too long for roles", yaml: "version: 1\nproject: a-rather-long-project\nregion: us-east-1\nservices:\n  - name: an-extremely-long-service-name-for-role\n    platform: lambda\n    function_name: f\n",
             line: 5, column: 11, message: "exceeds IAM's 64 characters"),
        Case(name: "OTLP export with the daemon", yaml: header + "traces:\n  export: otlp\n  transaction_search: {}\n" + "services:\n  - name: fn\n    platform: lambda\n    function_name: f\n",
             line: 6, column: 11, message: "traces export otlp needs an agent that sends OTLP: set agent kind to adot or cloudwatch-agent"),
        Case(name: "group name used twice", yaml: header + "groups:\n  - {name: faults, filter_expression: fault}\n  - {name: faults, filter_expression: error}\n",
             line: 7, column: 5, message: "group name 'shop-faults' is already used at line 6"),
        Case(name: "group with an empty filter expression", yaml: header + "groups:\n  - {name: faults, filter_expression: ' '}\n",
             line: 6, column: 39, message: "group filter_expression is empty"),
        Case(name: "group filter expression with an unknown keyword", yaml: header + "groups:\n  - {name: faults, filter_expression: fault OR fualt}\n",
             line: 6, column: 48, message: "group filter_expression is not a valid X-Ray filter expression: unknown keyword 'fualt'; did you mean 'fault'?"),
        Case(name: "group filter expression placed through escapes", yaml: header + "groups:\n  - {name: faults, filter_expression: \"service(\\\"api\\\") { fualt }\"}\n",
             line: 6, column: 59, message: "unknown keyword 'fualt'"),
        Case(name: "group notifications without insights", yaml: header + "groups:\n  - {name: faults, filter_expression: fault, notifications: true}\n",
             line: 6, column: 61, message: "notifications are sent for X-Ray Insights only"),
        Case(name: "group name not a simple name", yaml: header + "groups:\n  - {name: 'api faults', filter_expression: fault}\n",
             line: 6, column: 12, message: "group name 'api faults' must be letters, digits and hyphens"),
        Case(name: "group name too long", yaml: header + "groups:\n  - {name: errors-of-the-checkout-api-xyz, filter_expression: fault}\n",
             line: 6, column: 12, message: "group name 'shop-errors-of-the-checkout-api-xyz' (with the project prefix) is longer than 32 characters"),
        Case(name: "indexing above 100%", yaml: header + "traces:\n  transaction_search: {indexing_percentage: 150}\n" + "services:\n  - name: fn\n    platform: lambda\n    function_name: f\n",
             line: 6, column: 45, message: "transaction_search indexing_percentage must be between 0"),
        Case(name: "Application Signals with the daemon", yaml: header + "application_signals: true\n" + "services:\n  - name: api\n    platform: ecs-fargate\n    image: api:1\n",
             line: 5, column: 22, message: "Application Signals on ECS runs through the CloudWatch agent"),
        Case(name: "Application Signals sidecar in bridge mode", yaml: header + "agent: {kind: cloudwatch-agent}\napplication_signals: true\n" + "services:\n  - name: api\n    platform: ecs-ec2-sidecar\n    image: api:1\n    memory_reservation: 128\n",
             line: 8, column: 5, message: "Application Signals sidecars run in awsvpc mode"),
        Case(name: "ADOT without its layer", yaml: header + "services:\n  - name: fn\n    platform: lambda\n    function_name: f\n    instrumentation: adot\n",
             line: 9, column: 22, message: "instrumentation adot needs adot_layer"),
        Case(name: "ADOT layer without a version", yaml: header + "services:\n  - name: fn\n    platform: lambda\n    function_name: f\n    instrumentation: adot\n    adot_layer: arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython\n",
             line: 10, column: 17, message: "adot_layer must be a layer version ARN"),
        Case(name: "unknown export", yaml: header + "traces:\n  export: otel\n" + "services:\n  - name: fn\n    platform: lambda\n    function_name: f\n",
             line: 6, column: 11, message: "traces export must be one of"),
    ]

    @Test(arguments: cases)
    func reportsLocatedError(_ testCase: Case) throws {
        do {
            _ = try ModelDecoder.decode(testCase.yaml, file: "xray.yaml")
            Issue.record("expected an error for \(testCase.name)")
        } catch {
            let errors = error.diagnostics.filter { $0.severity == .error }
            let match = errors.first { $0.message.contains(testCase.message) }
            #expect(match != nil, "no error containing '\(testCase.message)'; got: \(errors.map(\.description))")
            if let match {
                #expect(match.location == SourceLocation(file: "xray.yaml", line: testCase.line, column: testCase.column),
                        "\(match.description)")
            }
        }
    }

    @Test func reportsEveryErrorAtOnce() throws {
        let yaml = Self.header + "servics: []\nagent:\n  cpu: -1\n"
        do {
            _ = try ModelDecoder.decode(yaml, file: "m.yaml")
            Issue.record("expected errors")
        } catch {
            let messages = error.diagnostics.map(\.message)
            #expect(messages.contains { $0.contains("unknown key 'servics'") })
            #expect(messages.contains { $0.contains("agent cpu must be between") })
            #expect(messages.contains { $0.contains("missing the required key 'services'") })
        }
    }

    /// Errors in several places, a repeated key among them, come back together and in file order.
    @Test func reportsEveryErrorInOneRunSortedByLocation() throws {
        let yaml = """
            version: 1
            project: shop
            project: shop2
            region: us-east-1
            agent:
              cpu: many
              colour: red
            services:
              - name: fn
                platform: lambda
                function_name: "bad name"
                function_name: f
              - name: rest
                platform: api-gateway
                rest_api_id: x
                stage: prod

            """
        do {
            _ = try ModelDecoder.decode(yaml, file: "m.yaml")
            Issue.record("expected errors")
        } catch {
            let lines = error.diagnostics.map(\.description)
            let expected = [
                "m.yaml:3:1: error: duplicate key 'project'",
                "m.yaml:6:8: error: agent cpu must be a whole number",
                "m.yaml:7:3: error: unknown key 'colour' in agent",
                "m.yaml:11:20: error: function_name must be a Lambda function name",
                "m.yaml:12:5: error: duplicate key 'function_name'",
                "m.yaml:15:18: error: rest_api_id is the 10-character ID",
            ]
            #expect(lines.count == expected.count, "\(lines)")
            for (line, prefix) in zip(lines, expected) { #expect(line.hasPrefix(prefix), "\(line)") }
            #expect(error.diagnostics.map(\.location) == error.diagnostics.map(\.location).sorted())
        }
    }

    /// Role collisions are checked on the model's readable part even when another part has errors.
    @Test func roleCollisionsComeWithOtherErrors() throws {
        let yaml = Self.header + "agent:\n  cpu: many\nservices:\n  - name: a-b\n    platform: lambda\n    function_name: f\n    role: generate\n  - name: A-b\n    platform: lambda\n    function_name: g\n    role: generate\n"
        do {
            _ = try ModelDecoder.decode(yaml, file: "m.yaml")
            Issue.record("expected errors")
        } catch {
            let messages = error.diagnostics.filter { $0.severity == .error }.map(\.message)
            #expect(messages.contains { $0.contains("agent cpu must be") }, "\(messages)")
            #expect(messages.contains { $0.contains("both become") }, "\(messages)")
        }
    }

    /// `aws eks describe-cluster` prints the issuer as a URL: taken, with a warning saying what was dropped.
    @Test func oidcIssuerURLIsTakenWithoutItsScheme() throws {
        let yaml = Self.header + "services:\n  - name: api\n    platform: eks\n    cluster: shop\n    identity: irsa\n    oidc_provider: https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE\n"
        let result = try ModelDecoder.decode(yaml, file: "m.yaml")
        guard case .eks(let eks)? = result.model.services.first?.target else { Issue.record("not an eks service"); return }
        #expect(eks.oidcProvider == "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE")
        #expect(result.warnings.map(\.description).contains { $0.hasPrefix("m.yaml:10:20: warning: oidc_provider: removed 'https://'") })
    }

    /// AWS's documentation account in `account:` is a value copied from an example: a warning.
    @Test func documentationAccountWarns() throws {
        let service = "services:\n  - name: fn\n    platform: lambda\n    function_name: f\n"
        let example = try ModelDecoder.decode(Self.header + service, file: "m.yaml")
        #expect(example.warnings.map(\.description).contains { $0.hasPrefix("m.yaml:4:10: warning: account 123456789012 is the example account of AWS's documentation") })
        let own = try ModelDecoder.decode("version: 1\nproject: shop\nregion: us-east-1\naccount: \"210987654321\"\n" + service, file: "m.yaml")
        #expect(own.warnings.isEmpty)
    }

    @Test func warnsButAcceptsUnpinnedAgentAndUnknownRegion() throws {
        let yaml = "version: 1\nproject: shop\nregion: xx-mars-1\nagent:\n  image: amazon/aws-xray-daemon\nservices:\n  - name: fn\n    platform: lambda\n    function_name: f\n"
        let result = try ModelDecoder.decode(yaml, file: "m.yaml")
        let warnings = result.warnings.map(\.description)
        #expect(warnings.contains { $0.hasPrefix("m.yaml:3:9: warning: 'xx-mars-1' is not a region this xrayctl knows") })
        #expect(warnings.contains { $0.hasPrefix("m.yaml:5:10: warning: agent image 'amazon/aws-xray-daemon' is not pinned") })
    }

    /// OTLP to X-Ray without Transaction Search in the model: accepted (it may be on in the account),
    /// with a warning that says spans are dropped otherwise.
    @Test func otlpWithoutTransactionSearchWarns() throws {
        let yaml = Self.header + "agent: {kind: adot}\ntraces:\n  export: otlp\nservices:\n  - name: fn\n    platform: lambda\n    function_name: f\n"
        let result = try ModelDecoder.decode(yaml, file: "m.yaml")
        #expect(result.model.traces.export == .otlp && result.model.traces.transactionSearch == nil)
        #expect(result.warnings.map(\.description).contains { $0.hasPrefix("m.yaml:7:11: warning: X-Ray's OTLP endpoint drops every span") })
        // `transaction_search:` with nothing under it turns it on with 1% indexed.
        let on = try ModelDecoder.decode(Self.header + "traces:\n  transaction_search:\nservices:\n  - name: fn\n    platform: lambda\n    function_name: f\n", file: "m.yaml")
        #expect(on.model.traces.transactionSearch?.indexingPercentage == 1)
    }

    @Test func emptyModelIsAnError() {
        #expect(throws: DiagnosticsError.self) { try ModelDecoder.decode("", file: "m.yaml") }
        #expect(throws: DiagnosticsError.self) { try ModelDecoder.decode("# only a comment\n", file: "m.yaml") }
        #expect(throws: DiagnosticsError.self) { try ModelDecoder.decode("- a list\n", file: "m.yaml") }
    }

    /// A diagnostic says which key it is about (never printed with the message): the refused
    /// value's pointer and how the message reads after another name, or where a missing key belongs.
    @Test func diagnosticsNameTheirKey() throws {
        let yaml = Self.header + "services:\n  - name: api\n    platform: ecs-fargate\n    port: 70000\n"
        let error = try #require(throws: DiagnosticsError.self) { try ModelDecoder.decode(yaml, file: "m.yaml") }
        let port = try #require(error.diagnostics.first { $0.key?.pointer == "/services/0/port" })
        #expect(port.description == "m.yaml:8:11: error: port must be between 1 and 65535, found 70000")
        #expect(port.key == ModelKey(pointer: "/services/0/port", predicate: "must be between 1 and 65535, found 70000"))
        let image = try #require(error.diagnostics.first { $0.key?.isMissing == true })
        #expect(image.key?.pointer == "/services/0/image" && image.message == "an ECS service is missing the required key 'image'")
    }
}
