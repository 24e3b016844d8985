import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct CloudWatchAgentUnknownKey: LintRule {
    package static let description = RuleDescription(
        id: "XR518", name: "cloudwatch-agent-unknown-key", severity: .error,
        summary: "A CloudWatch agent configuration (a file, or `CW_CONFIG_CONTENT`) has a key its schema does not allow in `traces` (and below), `logs`, `logs.logs_collected` or `metrics`: a section in the wrong place, or a misspelling.",
        rationale: "The agent checks its configuration against its JSON schema, which allows no other keys in these sections, and rejects the whole file on a mismatch: the agent does not start and no trace, metric or log is collected. The key lists here are the schema's (aws/amazon-cloudwatch-agent translator/config/schema.json) for the sections tracing setups write; the sections the schema leaves open (the top level, agent, logs.metrics_collected) are not judged.",
        sources: [.cloudWatchAgentSchema, .cloudWatchAgentTraces],
        examples: [
            RuleExample("amazon-cloudwatch-agent.json", """
                {"traces": {"traces_collected": {"xray": {}},
                            ↓"otlp": {"grpc_endpoint": "127.0.0.1:4317"}}}

                """),
            RuleExample("amazon-cloudwatch-agent.json", """
                {"logs": {"logs_collected": {"files": {"collect_list": []}},
                          ↓"application_signals": {}}}

                """),
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1"},
                  {"name": "cloudwatch-agent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337",
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": ↓"{\"traces\": {\"traces_collected\": {\"xray\": {\"bind_adress\": \"0.0.0.0:2000\"}}}}"}]}]}

                """#),
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1"},
                  {"name": "cloudwatch-agent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337",
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": "{\"traces\": {\"traces_collected\": {\"xray\": {\"bind_address\": \"0.0.0.0:2000\"}, \"application_signals\": {}}}, \"logs\": {\"metrics_collected\": {\"application_signals\": {}}}}"}]}]}

                """#),
        ])

    /// The keys the schema allows at each level of `traces` (additionalProperties false there).
    package static let allowed: [(path: [String], keys: [String])] = [
        (["traces"], ["traces_collected", "concurrency", "buffer_size_mb", "resource_arn", "local_mode", "insecure", "credentials",
                      "proxy_override", "endpoint_override", "region_override", "transit_spans_in_otlp_format"]),
        (["traces", "traces_collected"], ["app_signals", "application_signals", "xray", "otlp"]),
        (["traces", "traces_collected", "xray"], ["bind_address", "tcp_proxy"]),
        (["traces", "traces_collected", "xray", "tcp_proxy"], ["bind_address"]),
        (["traces", "traces_collected", "otlp"], ["grpc_endpoint", "http_endpoint", "tls", "service.name", "deployment.environment"]),
        (["logs"], ["logs_collected", "metrics_collected", "log_stream_name", "force_flush_interval", "credentials", "endpoint_override",
                    "service.name", "deployment.environment", "concurrency"]),
        (["logs", "logs_collected"], ["files", "windows_events", "journald", "application_signals"]),
        (["metrics"], ["namespace", "aggregation_dimensions", "append_dimensions", "metrics_destinations", "metrics_collected",
                       "force_flush_interval", "credentials", "endpoint_override", "service.name", "deployment.environment"]),
    ]

    package func check(_ run: LintRun) -> [Finding] {
        run.cloudWatchAgentConfigs.flatMap { config in
            Self.allowed.flatMap { path, keys -> [Finding] in
                guard let section = path.reduce(Optional(config.root), { $0?[$1] }), let pairs = section.pairs else { return [] }
                return pairs.compactMap { pair -> Finding? in
                    guard let key = pair.key.text, !keys.contains(key) else { return nil }
                    return finding(pair.key, "the CloudWatch agent's schema allows no '\(key)' under \(path.joined(separator: ".")), so the agent rejects the whole configuration\(Suggestion.didYouMean(key, in: keys))",
                                   fix: "Use one of \(keys.joined(separator: ", ")), or move the key where the schema has it")
                }
            }
        }
    }
}
