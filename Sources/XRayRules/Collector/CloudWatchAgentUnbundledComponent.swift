import XRayCore
import XRayViews

package struct CloudWatchAgentUnbundledComponent: LintRule {
    package static let description = RuleDescription(
        id: "XR529", name: "cloudwatch-agent-unbundled-component", severity: .error,
        summary: "OpenTelemetry YAML appended to a CloudWatch agent (`CW_OTEL_CONFIG_CONTENT` of its container) names a receiver, processor, exporter, extension or connector type the agent is not built with.",
        rationale: "The CloudWatch agent is its own OpenTelemetry Collector distribution: appended YAML can use only the component types compiled into it, and the agent refuses a merged configuration that names another (the collector's 'unknown type'). Its list is shorter than ADOT's or contrib's: no `otlp` exporter (gRPC; only `otlphttp`), no `logging` exporter, no `awsecscontainermetrics`-style guesses. The table is the agent's own (service/defaultcomponents/components.go at commit ab55b8d, MIT licence, whose test pins the exact set); a type in it is never flagged.",
        sources: [.cloudWatchAgentAppendedYAML, .cloudWatchAgentComponents],
        examples: [
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "cloudwatch-agent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300070.0b1400", "memoryReservation": 128,
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": "{\\"agent\\": {\\"region\\": \\"us-east-1\\"}}"},
                     {"name": "CW_OTEL_CONFIG_CONTENT", "value": ↓"receivers:\\n  otlp/app:\\n    protocols:\\n      grpc:\\n        endpoint: 0.0.0.0:4317\\nexporters:\\n  otlp/vendor:\\n    endpoint: vendor.example:4317\\nservice:\\n  pipelines:\\n    traces/app:\\n      receivers: [otlp/app]\\n      exporters: [otlp/vendor]\\n"}]}]}

                """),
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "cloudwatch-agent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300070.0b1400", "memoryReservation": 128,
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": "{\\"agent\\": {\\"region\\": \\"us-east-1\\"}}"},
                     {"name": "CW_OTEL_CONFIG_CONTENT", "value": "receivers:\\n  otlp/app:\\n    protocols:\\n      grpc:\\n        endpoint: 0.0.0.0:4317\\nexporters:\\n  otlphttp/vendor:\\n    endpoint: https://vendor.example\\nservice:\\n  pipelines:\\n    traces/app:\\n      receivers: [otlp/app]\\n      exporters: [otlphttp/vendor]\\n"}]}]}

                """),
            RuleExample("agent.yaml", """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: cloudwatch-agent, namespace: amazon-cloudwatch}
                spec:
                  selector: {matchLabels: {app: cloudwatch-agent}}
                  template:
                    metadata: {labels: {app: cloudwatch-agent}}
                    spec:
                      containers:
                        - name: cloudwatch-agent
                          image: public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300070.0b1400
                          env:
                            - name: CW_OTEL_CONFIG_CONTENT
                              value: |
                                receivers:
                                  otlp/app:
                                    protocols:
                                      http:
                                        endpoint: 0.0.0.0:4318
                                processors:
                                  ↓memory_limitter/app:
                                    check_interval: 1s
                                exporters:
                                  awsxray/app: {}
                                service:
                                  pipelines:
                                    traces/app:
                                      receivers: [otlp/app]
                                      processors: [memory_limitter/app]
                                      exporters: [awsxray/app]

                """),
        ])

    /// The component types the agent is built with, by section: amazon-cloudwatch-agent
    /// `service/defaultcomponents/components_test.go` at ab55b8daa204 (2026-08-07), which asserts
    /// exactly this set. Update with the commit when a newer agent adds one.
    static let bundled: [String: Set<String>] = [
        "receivers": ["awscontainerinsightreceiver", "awscontainerinsightskueuereceiver", "awsecscontainermetrics", "awsefareceiver",
                      "awsekshyperpodreceiver", "awsnvmereceiver", "awsxray", "collectd", "filelog", "hostmetrics", "jaeger", "journald",
                      "jmx", "kafka", "kubeletstats", "nop", "otlp", "prometheus", "postgresql", "statsd", "systemmetrics", "tcplog",
                      "udplog", "windowseventlog", "zipkin"],
        "processors": ["attributes", "attributestocontext", "awsapplicationsignals", "awsattributelimit", "awsdevicepodcorrelation",
                       "awsentity", "awsneuron", "batch", "cumulativetodelta", "deltatocumulative", "deltatorate", "ec2tagger", "filter",
                       "gpuattributes", "groupbyattrs", "groupbytrace", "k8sattributes", "kueueattributes", "memory_limiter",
                       "metricsgeneration", "metricstarttime", "metricstransform", "nodemetadataenricher", "probabilistic_sampler",
                       "resource", "resourcedetection", "rollup", "span", "tail_sampling", "transform"],
        "exporters": ["awscloudwatch", "awscloudwatchlogs", "awsemf", "awsxray", "debug", "nop", "otlphttp", "prometheusremotewrite"],
        "connectors": ["count", "forward", "routing", "signaltometrics", "spanmetrics"],
        "extensions": ["agenthealth", "awscloudwatchlogsprovisioner", "awsproxy", "ecs_observer", "entitystore", "file_storage",
                       "headers_setter", "health_check", "k8smetadata", "nodemetadatacache", "oidctoken", "pprof", "server",
                       "sigv4auth", "zpages"],
    ]

    /// The variable the agent's container merges as native OpenTelemetry YAML
    /// (amazon-cloudwatch-agent `cfg/envconfig/envconfig.go`, `cmd/amazon-cloudwatch-agent/merge.go`).
    static let variable = "CW_OTEL_CONFIG_CONTENT"

    package func check(_ run: LintRun) -> [Finding] {
        let ecs = run.taskDefinitions.flatMap { task in
            task.containers.filter { $0.imageKind == .cloudwatchAgent }.compactMap { agent in
                agent.variable(Self.variable)?.value.flatMap { EmbeddedDocument.yaml($0, in: task.document) }
            }
        }
        let kubernetes = run.kubernetes.workloads.flatMap { workload in
            workload.containers.filter { $0.agentKind == .cloudwatchAgent }.compactMap { agent in
                agent.variable(Self.variable).flatMap { EmbeddedDocument.yaml($0, in: workload.object.document) }
            }
        }
        return (ecs + kubernetes).flatMap(check)
    }

    private func check(_ root: LocatedNode) -> [Finding] {
        Self.bundled.keys.sorted().flatMap { section -> [Finding] in
            let types = Self.bundled[section] ?? []
            return (root[section]?.pairs ?? []).compactMap { pair -> Finding? in
                guard let id = pair.key.text else { return nil }
                let type = CollectorConfigView.type(id)
                guard !types.contains(type) else { return nil }
                let hint = section == "exporters" && type == "otlp" ? "; it has otlphttp, not the gRPC otlp exporter" : Suggestion.didYouMean(type, in: types.sorted())
                return finding(pair.key, "the CloudWatch agent has no '\(type)' \(section.dropLast()), so it refuses the merged configuration and does not start\(hint)",
                               fix: "Use a \(section.dropLast()) the agent has (\(types.sorted().joined(separator: ", "))), or run this part in the ADOT collector")
            }
        }
    }
}
