import XRayCore
import XRayViews

package struct CloudWatchAgentOpenTelemetryUnknownKey: LintRule {
    package static let description = RuleDescription(
        id: "XR526", name: "cloudwatch-agent-opentelemetry-unknown-key", severity: .error,
        summary: "A CloudWatch agent configuration's `opentelemetry` section (or its `collect` or `collect.otlp`) has a key the agent's schema does not allow.",
        rationale: "The curated opentelemetry section is checked against the agent's JSON schema, which allows no other keys at these levels: a misspelt or misplaced key (traces_collected copied from the classic traces section, grpc under collect instead of otlp) makes the agent reject the whole configuration, and nothing is collected. The key lists are the vendored schema's (aws/amazon-cloudwatch-agent translator/config/schema.json, commit ab55b8d); a test keeps them equal.",
        sources: [.cloudWatchAgentOpenTelemetry, .cloudWatchAgentSchema],
        examples: [
            RuleExample("cwagent.json", """
                {"agent": {"region": "us-east-1"},
                 "opentelemetry": {"collect": {"otlp": {"grpc_endpoint": "0.0.0.0:4317", ↓"traces_collected": true}}}}

                """),
            RuleExample("cwagent.json", """
                {"agent": {"region": "us-east-1"},
                 "opentelemetry": {"collect": {"otlp": {"grpc_endpoint": "0.0.0.0:4317", "http_endpoint": "0.0.0.0:4318"}}}}

                """),
        ])

    /// The keys the schema allows at each level of `opentelemetry` (additionalProperties false there).
    package static let allowed: [(path: [String], keys: [String])] = [
        (["opentelemetry"], ["cluster_name", "resource_attributes", "collect"]),
        (["opentelemetry", "collect"], ["database_insights", "host_metrics", "container_insights", "prometheus", "otlp", "windows_events", "files"]),
        (["opentelemetry", "collect", "otlp"], ["grpc_endpoint", "http_endpoint", "span_metrics_enabled"]),
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
