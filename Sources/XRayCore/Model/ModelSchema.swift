/// The JSON Schema (draft 2020-12) of `xray.yaml`, for editors. Built from the same key lists the
/// decoder checks, so the two cannot disagree on which keys exist; the decoder still checks more
/// (cross-field rules such as Fargate sizes) than a schema can say. Every key carries a
/// `description` (saying what each choice of an enum means) and, for values, `examples`, which
/// editors show on hover and in completion.
public enum ModelSchema {
    public static func render() -> String { CanonicalJSON.encode(schema) }

    package static var schema: JSONValue {
        [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "xrayctl model (xray.yaml)",
            "description": "One file that describes the X-Ray setup of every service: xrayctl generate writes the task definitions, roles, policies, manifests and IaC from it. See \"The model\" in xrayctl's README.",
            "type": "object",
            "required": ["version", "project", "region"],
            // Services, or an account-level setup (Transaction Search, groups) that needs none.
            "anyOf": [
                ["required": ["services"], "properties": ["services": ["type": "array", "minItems": 1]]],
                ["required": ["traces"], "properties": ["traces": ["required": ["transaction_search"]]]],
                ["required": ["groups"], "properties": ["groups": ["type": "array", "minItems": 1]]],
            ],
            "additionalProperties": false,
            "properties": object(ModelReader.topLevelKeys, topLevel),
            "$defs": ["service": service],
        ]
    }

    package static func object(_ keys: [String], _ schemas: [String: JSONValue]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: keys.map { ($0, schemas[$0] ?? missing($0)) }))
    }

    /// A key without a schema is a bug that `ModelSchemaTests` catches; the schema stays usable meanwhile.
    package static func missing(_ key: String) -> JSONValue { ["description": .string("\(key) (undocumented)")] }

    /// `schema` with a description (and examples) added: what an editor shows for a key.
    package static func doc(_ schema: JSONValue, _ description: String, examples: [JSONValue] = []) -> JSONValue {
        guard case .object(var members) = schema else { return schema }
        members["description"] = .string(description)
        if !examples.isEmpty { members["examples"] = .array(examples) }
        return .object(members)
    }

    /// An enum whose description names what each value means, in the order given.
    package static func choice(_ meanings: KeyValuePairs<String, String>, _ lead: String) -> JSONValue {
        let list = meanings.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        return doc(["enum": .array(meanings.map { .string($0.key) })], "\(lead) \(list).")
    }

    package static let name: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9-]*$"]
    package static let text: JSONValue = ["type": "string", "minLength": 1]
    package static let positive: JSONValue = ["type": "integer", "minimum": 0]
    package static let roleChoice: JSONValue = ["type": "string", "pattern": "^(generate|none|arn:[^:]+:iam::[0-9]{12}:role/.+)$"]
    package static let functionRoleChoice: JSONValue = ["type": "string", "pattern": "^(keep|generate|arn:[^:]+:iam::[0-9]{12}:role/.+)$"]
    package static let kubernetesLabel: JSONValue = ["type": "string", "maxLength": 63, "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"]
    package static let kubernetesSubdomain: JSONValue = ["type": "string", "maxLength": 253,
                                                 "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$"]
    package static let rate: JSONValue = ["type": "number", "minimum": 0, "maximum": 1]
    package static let logLevels: KeyValuePairs<String, String> = [
        "dev": "everything, for development", "debug": "details of each upload", "info": "uploads and problems",
        "warn": "problems only", "error": "errors only", "prod": "the same as info",
    ]

    package static var topLevel: [String: JSONValue] {
        [
            "version": doc(["const": 1], "The model format's version; this xrayctl reads version 1.", examples: [1]),
            "project": doc(["type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9-]{0,23}$"],
                           "Prefixes task families, role names and sampling rule names: 1-24 letters, digits and hyphens.",
                           examples: ["scorekeep"]),
            "region": doc(["type": "string", "pattern": "^[a-z]{2}(-[a-z]+)+-[0-9]+$"],
                          "The AWS region code every service runs in; it also picks the partition.", examples: ["us-east-2"]),
            "account": doc(["anyOf": [["type": "string", "pattern": "^[0-9]{12}$"], ["type": "integer"]]],
                           "Optional 12-digit account ID, quoted to keep leading zeros. Without it ARNs carry ${AWS::AccountId} in CloudFormation and ACCOUNT_ID elsewhere; 123456789012, AWS's example account, gets a warning.",
                           examples: ["111122223333"]),
            "partition": choice(["aws": "commercial regions", "aws-cn": "the China regions", "aws-us-gov": "AWS GovCloud (US)"],
                                "The AWS partition in ARNs, service principals and endpoints (default: the region's)."),
            "cluster": doc(text, "The ECS cluster (name or ARN) the ECS services and the agent's DAEMON service run in.",
                           examples: ["scorekeep-cluster"]),
            "otel_config": choice(["env": "OTEL_* environment variables (the default)",
                                   "file": "an otel-config.yaml per service (declarative configuration 1.0) named by OTEL_CONFIG_FILE, for ECS and EKS apps; needs agent kind adot or cloudwatch-agent"],
                                  "How generated apps get their OpenTelemetry SDK settings:"),
            "outputs": doc(["type": "array", "uniqueItems": true,
                            "items": choice(["cloudformation": "cloudformation.yaml", "terraform": "terraform/*.tf"], "A whole-setup IaC file:")],
                           "Which whole-setup IaC files to write (default: both; an empty list writes neither).",
                           examples: [["cloudformation", "terraform"]]),
            "agent": doc([
                "type": "object", "additionalProperties": false,
                "properties": object(ModelReader.agentKeys, [
                    "kind": choice(["xray-daemon": "the X-Ray daemon (the default)",
                                    "adot": "the AWS Distro for OpenTelemetry collector (X-Ray segments and OTLP)",
                                    "cloudwatch-agent": "the CloudWatch agent (X-Ray segments and OTLP; Application Signals)"],
                                   "What receives segments from the SDKs on 2000/udp and serves sampling on 2000/tcp:"),
                    "image": doc(text, "The agent's image; default a pinned version of the kind's image (never :latest).",
                                 examples: [.string(AgentSpec.Kind.xrayDaemon.defaultImage)]),
                    "cpu": doc(positive, "The agent container's CPU units (1024 = one vCPU; default 32; 0 shares the app's). On EKS, the CPU request in millicores, rounded up to a multiple of 5.",
                               examples: [32]),
                    "memory_reservation": doc(["type": "integer", "minimum": 6], "The agent container's memory reservation in MiB (default 256).",
                                              examples: [256]),
                    "buffer_mb": doc(["type": "integer", "minimum": 3], "The daemon's buffer in MB (-m), at least 3 and at most memory_reservation (default 24).",
                                     examples: [24]),
                    "log_level": choice(logLevels, "The agent's log level (default info):"),
                    "cross_account_role": doc(["type": "string", "pattern": "^arn:[^:]+:iam::[0-9]{12}:role/.+$"],
                                              "A role in another account the daemon assumes to upload there (X-Ray daemon only); sampling rules and encryption are set up in that account.",
                                              examples: ["arn:aws:iam::111122223333:role/xray-writer"]),
                    "namespace": doc(kubernetesLabel, "The Kubernetes namespace of the agent's DaemonSet on EKS (default xray-system).",
                                     examples: ["xray-system"]),
                ]),
            ], "What receives segments from the SDKs (optional: the X-Ray daemon with cpu 32, memory_reservation 256, buffer 24 MB)."),
            "encryption": doc([
                "type": "object", "additionalProperties": false, "required": ["kms_key"],
                "properties": ["kms_key": doc(text, "The KMS key X-Ray encrypts traces with: a key ARN, key ID or alias (a key of another account needs its full ARN).",
                                              examples: ["arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/xray"])],
            ], "Optional: encrypt traces at rest with a customer managed KMS key (PutEncryptionConfig)."),
            "sampling": doc([
                "type": "object", "additionalProperties": false,
                "properties": object(ModelReader.samplingKeys, [
                    "default": doc([
                        "type": "object", "additionalProperties": false,
                        "properties": ["reservoir": doc(positive, "Traces per second recorded before the rate applies.", examples: [1]),
                                       "rate": doc(rate, "The fraction (0 to 1) of further requests recorded.", examples: [.double(0.05)])],
                    ], "The Default rule's numbers (default 1 per second, then 5%).", examples: [["reservoir": 1, "rate": .double(0.05)]]),
                    "rules": doc(["type": "array", "items": samplingRule], "Custom sampling rules, tried by priority then name; each becomes an AWS::XRay::SamplingRule named PROJECT-NAME."),
                ]),
            ], "Optional sampling rules; without them X-Ray's Default rule (1 per second + 5%) applies."),
            "groups": doc(["type": "array", "items": group],
                          "X-Ray groups, created in every account the traces land in: each becomes an AWS::XRay::Group named PROJECT-NAME."),
            "logs": doc([
                "type": "object", "additionalProperties": false,
                "properties": object(ModelReader.logsKeys, [
                    "driver": choice(["awslogs": "CloudWatch Logs, one log group per service (the default)",
                                      "firelens": "a Fluent Bit log router sidecar (needs router_image)",
                                      "none": "no log configuration"], "How ECS containers log:"),
                    "retention_days": doc(["enum": .array(LogsSpec.retentionDays.map { .int($0) })],
                                          "How long the generated CloudWatch log groups keep logs, in one of the day counts CloudWatch Logs offers.",
                                          examples: [30]),
                    "group_prefix": doc(["type": "string", "pattern": "^[A-Za-z0-9._/#-]*[A-Za-z0-9._#-]$"],
                                        "The log group name before /SERVICE (default /ecs/PROJECT).", examples: ["/ecs/scorekeep"]),
                    "router_image": doc(text, "The Fluent Bit image of the FireLens log router (with driver firelens).",
                                        examples: ["public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"]),
                ]),
            ], "Logging of the ECS containers (every container gets awslogs unless turned off)."),
            "services": doc(["type": ["array", "null"], "items": ["$ref": "#/$defs/service"]],
                            "The services to trace, each on one platform; a model without services sets up the account only (traces.transaction_search, groups)."),
            "account_settings": choice([
                "managed": "this project sets the account-wide settings (the Default sampling rule, Transaction Search, Application Signals' discovery); the CLI steps leave one that is on already as it is, and the template and Terraform hold them in account/, applied once per account (the default)",
                "external": "another project sets them; this one only checks them and says what it expects",
            ], "Who owns the settings an account has once, whatever the number of projects in it:"),
            "application_signals": doc(["type": "boolean"], "true turns on CloudWatch Application Signals: ECS through the CloudWatch agent, Lambda through instrumentation: adot.",
                                       examples: [false]),
            "traces": doc([
                "type": "object", "additionalProperties": false,
                "properties": object(ModelReader.tracesKeys, [
                    "export": choice(["xray-api": "the agents call PutTraceSegments (the default)",
                                      "otlp": "the agent sends OTLP to X-Ray's OTLP endpoint (needs agent kind adot or cloudwatch-agent, and Transaction Search)"],
                                     "How the agents send traces to X-Ray:"),
                    "transaction_search": doc([
                        "type": ["object", "null"], "additionalProperties": false,
                        "properties": ["indexing_percentage": doc(["type": "number", "minimum": 0, "maximum": 100],
                                                                  "The percentage of spans indexed as trace summaries (default 1).", examples: [1])],
                    ], "Turns on Transaction Search for the account: spans go to CloudWatch Logs (aws/spans). Empty turns it on with the defaults.",
                       examples: [["indexing_percentage": 1]]),
                ]),
            ], "How traces leave the agents, and Transaction Search."),
        ]
    }

    package static var group: JSONValue {
        [
            "type": "object", "additionalProperties": false, "required": ["name", "filter_expression"],
            "description": "One X-Ray group: the traces its filter expression selects, with X-Ray Insights on or off for them.",
            "properties": object(ModelReader.groupKeys, [
                "name": doc(name, "The group's name; it becomes PROJECT-NAME in AWS (at most \(ModelReader.maxGroupName) characters with the prefix; not Default).",
                            examples: ["api-faults"]),
                "filter_expression": doc(["type": "string", "minLength": 1, "pattern": "\\S"],
                                         "The filter expression that selects the group's traces, in X-Ray's filter expression language.",
                                         examples: ["service(\"api\") { fault }"]),
                "insights": doc(["type": "boolean"], "true turns on X-Ray Insights for the group (default false).", examples: [true]),
                "notifications": doc(["type": "boolean"], "true sends Insights notifications to EventBridge; needs insights: true (default false).",
                                     examples: [false]),
            ]),
        ]
    }

    package static var samplingRule: JSONValue {
        [
            "type": "object", "additionalProperties": false, "required": ["name", "priority", "reservoir", "rate"],
            "description": "One sampling rule: the first rule (by priority, then name) whose patterns all match a request decides.",
            "properties": object(ModelReader.samplingRuleKeys, [
                "name": doc(name, "The rule's name; it becomes PROJECT-NAME in AWS.", examples: ["health-checks"]),
                "priority": doc(["type": "integer", "minimum": 1, "maximum": 9999], "1 to 9999; lower is tried first.", examples: [1]),
                "reservoir": doc(positive, "Matching requests recorded per second before the rate applies.", examples: [0]),
                "rate": doc(rate, "The fraction (0 to 1) of further matching requests recorded.", examples: [0, .double(0.1)]),
                "service": doc(["type": "string", "maxLength": 64], "The service name pattern (the segment's name); * and ? wildcards; default *.",
                               examples: ["scorekeep-*"]),
                "service_type": doc(["type": "string", "maxLength": 64], "The origin pattern, such as AWS::ECS::Container; default *.",
                                    examples: ["AWS::ECS::Container"]),
                "host": doc(["type": "string", "maxLength": 64], "The Host header pattern; default *.", examples: ["api.example.com"]),
                "method": doc(["type": "string", "maxLength": 10], "The HTTP method pattern; default *.", examples: ["GET"]),
                "path": doc(["type": "string", "maxLength": 128], "The URL path pattern; default *.", examples: ["/health"]),
                "boost": doc([
                    "type": "object", "additionalProperties": false, "required": ["max_rate", "cooldown_minutes"],
                    "properties": object(ModelReader.samplingBoostKeys, [
                        "max_rate": doc(rate, "The highest rate (0 to 1) X-Ray may raise the rule to while the SDKs report anomalies.",
                                        examples: [.double(0.5)]),
                        "cooldown_minutes": doc(["type": "integer", "minimum": 1], "At most one boost per window of this many minutes.",
                                                examples: [15]),
                    ]),
                ], "Adaptive sampling (SamplingRateBoost): only SDKs that support it (ADOT Java 2.11.5+, ADOT Python 0.15.0+) boost; others keep the rate.",
                   examples: [["max_rate": .double(0.5), "cooldown_minutes": 15]]),
            ]),
        ]
    }

    /// Every service key, and per platform an `if`/`then` that allows only that platform's keys.
    package static var service: JSONValue {
        let allKeys = ModelReader.commonServiceKeys + Array(Set(ModelReader.platformKeys.values.joined())).sorted()
        let perPlatform: [JSONValue] = Platform.allCases.map { platform in
            let keys = ModelReader.commonServiceKeys + (ModelReader.platformKeys[platform] ?? [])
            return [
                "if": ["properties": ["platform": ["const": .string(platform.rawValue)]], "required": ["platform"]],
                "then": ["propertyNames": ["enum": .array(keys.map { .string($0) })]],
            ]
        }
        return [
            "type": "object", "additionalProperties": false, "required": ["name", "platform"],
            "description": "One traced service; the platform decides which other keys apply.",
            "properties": object(allKeys, serviceProperties),
            "allOf": .array(perPlatform),
        ]
    }

    package static var serviceProperties: [String: JSONValue] {
        [
            "name": doc(name, "The service's name (1-40 letters, digits and hyphens): it names files, task families and roles.",
                        examples: ["scorekeep-api"]),
            "platform": choice(["elastic-beanstalk": "Elastic Beanstalk's own daemon, turned on and configured",
                                "ecs-ec2-daemon": "ECS on EC2, one agent per container instance (a DAEMON service)",
                                "ecs-ec2-sidecar": "ECS on EC2, the agent as a sidecar in each task",
                                "ecs-fargate": "ECS on Fargate, the agent as a sidecar",
                                "lambda": "active tracing (or the ADOT layer) on an existing function",
                                "api-gateway": "tracing on a REST API stage",
                                "ec2": "user data that installs the agent on EC2 or on-premises hosts",
                                "eks": "one agent per node as a DaemonSet, and a patch for the app's Deployment"],
                               "Where the service runs:"),
            "language": choice(["java": "Java", "python": "Python", "node": "Node.js", "go": "Go", "dotnet": ".NET", "ruby": "Ruby"],
                               "The application's language: doctor's code checks; on the OpenTelemetry path (agent kind adot or cloudwatch-agent) java, python, node and dotnet get X-Ray remote sampling (the others a parent-based ratio at the default rate); with application_signals on ECS, the ADOT SDK agent of java, python, node or dotnet is injected through an init container:"),
            "source": doc(text, "The application's source folder, for doctor's code checks.", examples: ["./api"]),
            "image": doc(text, "The app's container image ([registry/]repository[:tag][@sha256:digest]).",
                         examples: ["111122223333.dkr.ecr.us-east-2.amazonaws.com/scorekeep-api:1.4"]),
            "network_mode": choice(["bridge": "Docker's bridge network (the default on EC2); the app links to the agent",
                                    "awsvpc": "one network interface per task (Fargate's only mode); the app reaches the agent at 127.0.0.1",
                                    "host": "the instance's network"],
                                   "The task's network mode:"),
            "cpu": doc(positive, "The app container's CPU units (1024 = one vCPU).", examples: [256]),
            "memory": doc(["type": "integer", "minimum": 6], "The app container's hard memory limit in MiB.", examples: [1024]),
            "memory_reservation": doc(["type": "integer", "minimum": 6], "The app container's memory reservation in MiB (on EC2, this or memory is needed).",
                                      examples: [512]),
            "port": doc(["type": "integer", "minimum": 1, "maximum": 65535], "The app's container port.", examples: [8080]),
            "host_port": doc(["type": "integer", "minimum": 0, "maximum": 65535], "The host port for port in bridge mode (0: a dynamic port).",
                             examples: [0]),
            "environment": doc(["type": "object", "additionalProperties": ["type": ["string", "number", "boolean"]]],
                               "Extra environment variables of the app container.", examples: [["LOG_LEVEL": "info"]]),
            "command": doc(["type": "array", "items": ["type": "string"]], "The app container's command.", examples: [["java", "-jar", "app.jar"]]),
            "task_role": doc(roleChoice, "generate (the default for sidecars: a role with the agent's permissions), an existing role ARN, or none (ecs-ec2-daemon only).",
                             examples: ["generate"]),
            "execution_role": doc(roleChoice, "generate (the default on Fargate), an existing role ARN, or none (the default on EC2).",
                                  examples: ["generate"]),
            "task_cpu": doc(["enum": .array(FargateTaskSize.validCPUs.map { .int($0) })],
                            "Fargate task CPU units; set with task_memory, or leave both out for the smallest size that fits app and agent.",
                            examples: [512]),
            "task_memory": doc(["type": "integer", "minimum": 512], "Fargate task memory in MiB, valid for task_cpu.", examples: [1024]),
            "instance_profile": doc(text, "The environment's instance profile; its role of the same name gets the daemon's permissions.",
                                    examples: [.string(BeanstalkServiceSpec.defaultInstanceProfile)]),
            "eb_platform": doc(["enum": .array(ModelReader.ebPlatforms.map { .string($0) })],
                               "The Elastic Beanstalk platform: \(ModelReader.ebPlatforms.joined(separator: ", ")) (multicontainer-docker has no daemon, and is refused).",
                               examples: ["java"]),
            "daemon_config": doc([
                "type": "object", "additionalProperties": false,
                "properties": ["log_level": choice(logLevels, "The Beanstalk daemon's log level:"),
                               "buffer_mb": doc(["type": "integer", "minimum": 3], "The daemon's buffer in MB.", examples: [16])],
            ], "Settings for Beanstalk's daemon, written to its cfg.yaml.", examples: [["log_level": "warn"]]),
            "function_name": doc(text, "The Lambda function's name or ARN.", examples: ["score-worker"]),
            "role": doc(functionRoleChoice, "keep (the default: X-Ray write goes on the function's current role), generate (a new role, replacing the current one), or an existing role ARN.",
                        examples: ["keep"]),
            "instrumentation": choice(["xray-sdk": "TracingConfig Active, for the X-Ray SDK (the default)",
                                       "adot": "the AWS OpenTelemetry distro layer (needs adot_layer)"],
                                      "How the function is traced:"),
            "adot_layer": doc(["type": "string", "pattern": "^arn:[^:]+:lambda:[a-z0-9-]+:[0-9]{12}:layer:[A-Za-z0-9_-]+:[0-9]+$"],
                              "The ADOT layer version ARN (with instrumentation: adot); xrayctl does not pick a version.",
                              examples: ["arn:aws:lambda:us-east-2:615299751070:layer:AWSOpenTelemetryDistroPython:10"]),
            "rest_api_id": doc(["type": "string", "pattern": "^[a-z0-9]{10}$"], "The REST API's 10-character ID.", examples: ["a1b2c3d4e5"]),
            "stage": doc(text, "The REST API stage to trace.", examples: ["prod"]),
            "api_type": doc(["const": "rest"], "rest: X-Ray traces REST APIs only (HTTP APIs have no tracing setting).", examples: ["rest"]),
            "os": choice(["amazon-linux-2023": "Amazon Linux 2023 (the default)", "amazon-linux-2": "Amazon Linux 2",
                          "ubuntu": "Ubuntu", "debian": "Debian", "rhel": "Red Hat Enterprise Linux"],
                         "The hosts' operating system, for the user data:"),
            "instance_role": doc(roleChoice, "generate (the default: a role and instance profile), an existing role ARN, or none.",
                                 examples: ["generate"]),
            "cluster": doc(["type": "string", "pattern": "^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"], "The EKS cluster's name.", examples: ["shop"]),
            "namespace": doc(kubernetesLabel, "The app's Kubernetes namespace (default: default).", examples: ["shop"]),
            "deployment": doc(kubernetesSubdomain, "The app's Deployment, which gets a patch for its environment (default: the service name).",
                              examples: ["orders"]),
            "container": doc(kubernetesLabel, "The container in the Deployment to patch (default: the deployment's name).", examples: ["orders"]),
            "service_account": doc(kubernetesSubdomain, "The app's ServiceAccount.", examples: ["orders"]),
            "identity": choice(["pod-identity": "EKS Pod Identity (the default; aws eks create-pod-identity-association)",
                                "irsa": "IAM roles for service accounts (needs oidc_provider)"],
                               "How the agent's ServiceAccount gets its role:"),
            "oidc_provider": doc(["type": "string", "pattern": "^(https://)?oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/id/[A-Za-z0-9]+$"],
                                 "The cluster's OIDC issuer (with identity: irsa), as aws eks describe-cluster --query cluster.identity.oidc.issuer prints it; https:// is dropped with a warning.",
                                 examples: ["oidc.eks.us-east-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"]),
        ]
    }
}
