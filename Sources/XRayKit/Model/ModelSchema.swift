/// The JSON Schema (draft 2020-12) of `xray.yaml`, for editors. Built from the same key lists the
/// decoder checks, so the two cannot disagree on which keys exist; the decoder still checks more
/// (cross-field rules such as Fargate sizes) than a schema can say.
public enum ModelSchema {
    public static func render() -> String { CanonicalJSON.encode(schema) }

    static var schema: JSONValue {
        [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "xrayctl model (xray.yaml)",
            "description": "One file that describes the X-Ray setup of every service; see \"The model\" in xrayctl's README.",
            "type": "object",
            "required": ["version", "project", "region"],
            // Services, or an account-level setup (Transaction Search) that needs none.
            "anyOf": [
                ["required": ["services"], "properties": ["services": ["type": "array", "minItems": 1]]],
                ["required": ["traces"], "properties": ["traces": ["required": ["transaction_search"]]]],
            ],
            "additionalProperties": false,
            "properties": object(ModelReader.topLevelKeys, topLevel),
            "$defs": ["service": service],
        ]
    }

    static func object(_ keys: [String], _ schemas: [String: JSONValue]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: keys.map { ($0, schemas[$0] ?? missing($0)) }))
    }

    /// A key without a schema is a bug that `ModelSchemaTests` catches; the schema stays usable meanwhile.
    static func missing(_ key: String) -> JSONValue { ["description": .string("\(key) (undocumented)")] }

    static let name: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9-]*$"]
    static let text: JSONValue = ["type": "string", "minLength": 1]
    static let positive: JSONValue = ["type": "integer", "minimum": 0]
    static let roleChoice: JSONValue = ["type": "string", "pattern": "^(generate|none|arn:[^:]+:iam::[0-9]{12}:role/.+)$"]
    static let functionRoleChoice: JSONValue = ["type": "string", "pattern": "^(keep|generate|arn:[^:]+:iam::[0-9]{12}:role/.+)$"]
    static func choice(_ values: [String]) -> JSONValue { ["enum": .array(values.map { .string($0) })] }
    static let kubernetesLabel: JSONValue = ["type": "string", "maxLength": 63, "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"]
    static let kubernetesSubdomain: JSONValue = ["type": "string", "maxLength": 253,
                                                 "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$"]
    static let rate: JSONValue = ["type": "number", "minimum": 0, "maximum": 1]

    static var topLevel: [String: JSONValue] {
        [
            "version": ["const": 1],
            "project": ["type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9-]{0,23}$"],
            "region": ["type": "string", "pattern": "^[a-z]{2}(-[a-z]+)+-[0-9]+$"],
            "account": ["anyOf": [["type": "string", "pattern": "^[0-9]{12}$"], ["type": "integer"]]],
            "partition": choice(Partition.allCases.map(\.rawValue)),
            "cluster": text,
            "outputs": ["type": "array", "uniqueItems": true, "items": choice(OutputKind.allCases.map(\.rawValue))],
            "agent": [
                "type": "object", "additionalProperties": false,
                "properties": object(ModelReader.agentKeys, [
                    "kind": choice(AgentSpec.Kind.allCases.map(\.rawValue)),
                    "image": text,
                    "cpu": positive,
                    "memory_reservation": ["type": "integer", "minimum": 6],
                    "buffer_mb": ["type": "integer", "minimum": 3],
                    "log_level": choice(AgentSpec.logLevels),
                    "cross_account_role": ["type": "string", "pattern": "^arn:[^:]+:iam::[0-9]{12}:role/.+$"],
                    "namespace": kubernetesLabel,
                ]),
            ],
            "encryption": [
                "type": "object", "additionalProperties": false, "required": ["kms_key"],
                "properties": ["kms_key": text],
            ],
            "sampling": [
                "type": "object", "additionalProperties": false,
                "properties": object(ModelReader.samplingKeys, [
                    "default": [
                        "type": "object", "additionalProperties": false,
                        "properties": ["reservoir": positive, "rate": rate],
                    ],
                    "rules": ["type": "array", "items": samplingRule],
                ]),
            ],
            "logs": [
                "type": "object", "additionalProperties": false,
                "properties": object(ModelReader.logsKeys, [
                    "driver": choice(LogsSpec.Driver.allCases.map(\.rawValue)),
                    "retention_days": ["enum": .array(LogsSpec.retentionDays.map { .int($0) })],
                    "group_prefix": ["type": "string", "pattern": "^[A-Za-z0-9._/#-]*[A-Za-z0-9._#-]$"],
                    "router_image": text,
                ]),
            ],
            "services": ["type": ["array", "null"], "items": ["$ref": "#/$defs/service"]],
            "application_signals": ["type": "boolean"],
            "traces": [
                "type": "object", "additionalProperties": false,
                "properties": object(ModelReader.tracesKeys, [
                    "export": choice(TracesSpec.Export.allCases.map(\.rawValue)),
                    "transaction_search": [
                        "type": ["object", "null"], "additionalProperties": false,
                        "properties": ["indexing_percentage": ["type": "number", "minimum": 0, "maximum": 100]],
                    ],
                ]),
            ],
        ]
    }

    static var samplingRule: JSONValue {
        [
            "type": "object", "additionalProperties": false, "required": ["name", "priority", "reservoir", "rate"],
            "properties": object(ModelReader.samplingRuleKeys, [
                "name": name,
                "priority": ["type": "integer", "minimum": 1, "maximum": 9999],
                "reservoir": positive,
                "rate": rate,
                "service": ["type": "string", "maxLength": 64],
                "service_type": ["type": "string", "maxLength": 64],
                "host": ["type": "string", "maxLength": 64],
                "method": ["type": "string", "maxLength": 10],
                "path": ["type": "string", "maxLength": 128],
            ]),
        ]
    }

    /// Every service key, and per platform an `if`/`then` that allows only that platform's keys.
    static var service: JSONValue {
        let allKeys = ModelReader.commonServiceKeys + Array(Set(ModelReader.platformKeys.values.joined())).sorted()
        let perPlatform: [JSONValue] = Platform.allCases.map { platform in
            let keys = ModelReader.commonServiceKeys + (ModelReader.platformKeys[platform] ?? [])
            return [
                "if": ["properties": ["platform": ["const": .string(platform.rawValue)]], "required": ["platform"]],
                "then": ["propertyNames": choice(keys)],
            ]
        }
        return [
            "type": "object", "additionalProperties": false, "required": ["name", "platform"],
            "properties": object(allKeys, serviceProperties),
            "allOf": .array(perPlatform),
        ]
    }

    static var serviceProperties: [String: JSONValue] {
        [
            "name": name,
            "platform": choice(Platform.allCases.map(\.rawValue)),
            "language": choice(ServiceSpec.languages),
            "source": text,
            "image": text,
            "network_mode": choice(ECSServiceSpec.NetworkMode.allCases.map(\.rawValue)),
            "cpu": positive,
            "memory": ["type": "integer", "minimum": 6],
            "memory_reservation": ["type": "integer", "minimum": 6],
            "port": ["type": "integer", "minimum": 1, "maximum": 65535],
            "host_port": ["type": "integer", "minimum": 0, "maximum": 65535],
            "environment": ["type": "object", "additionalProperties": ["type": ["string", "number", "boolean"]]],
            "command": ["type": "array", "items": ["type": "string"]],
            "task_role": roleChoice,
            "execution_role": roleChoice,
            "task_cpu": ["enum": .array(FargateTaskSize.validCPUs.map { .int($0) })],
            "task_memory": ["type": "integer", "minimum": 512],
            "instance_profile": text,
            "eb_platform": choice(ModelReader.ebPlatforms),
            "daemon_config": [
                "type": "object", "additionalProperties": false,
                "properties": ["log_level": choice(AgentSpec.logLevels), "buffer_mb": ["type": "integer", "minimum": 3]],
            ],
            "function_name": text,
            "role": functionRoleChoice,
            "instrumentation": choice(LambdaServiceSpec.Instrumentation.allCases.map(\.rawValue)),
            "adot_layer": ["type": "string", "pattern": "^arn:[^:]+:lambda:[a-z0-9-]+:[0-9]{12}:layer:[A-Za-z0-9_-]+:[0-9]+$"],
            "rest_api_id": ["type": "string", "pattern": "^[a-z0-9]{10}$"],
            "stage": text,
            "api_type": ["const": "rest"],
            "os": choice(EC2ServiceSpec.OperatingSystem.allCases.map(\.rawValue)),
            "instance_role": roleChoice,
            "cluster": ["type": "string", "pattern": "^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$"],
            "namespace": kubernetesLabel,
            "deployment": kubernetesSubdomain,
            "container": kubernetesLabel,
            "service_account": kubernetesSubdomain,
            "identity": choice(EKSServiceSpec.Identity.allCases.map(\.rawValue)),
            "oidc_provider": ["type": "string", "pattern": "^oidc\\.eks\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/id/[A-Za-z0-9]+$"],
        ]
    }
}
