import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TracesPipelineWithoutBatch: LintRule {
    package static let description = RuleDescription(
        id: "XR519", name: "traces-pipeline-without-batch", severity: .warning, also: [.info],
        summary: "A collector's traces pipeline has no `batch` processor.",
        rationale: "The collector's own documentation highly recommends the batch processor on every collector: without it each request received is exported as it came, so X-Ray SDK segments (one per UDP datagram) become one PutTraceSegments call each, and under load the exporter is throttled and drops spans after its retries. Nothing fails at once, so it is never an error. It is a warning where a manifest or task runs the collector as a service (ECS, Kubernetes, an OpenTelemetryCollector resource); a file on its own may be a Lambda layer's configuration, where the extension flushes at the end of each invocation and batching is not advised, so there it is information. Configurations with the Lambda-only decouple processor or telemetryapi receiver are left alone.",
        sources: [.otelBatchProcessor, .otelRecommendedProcessors, .otelLambdaDecouple, .xrayQuotas],
        examples: [
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
                   "environment": [{"name": "AOT_CONFIG_CONTENT", "value": ↓"receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  awsxray: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [awsxray]\n"}]}]}

                """#),
            RuleExample("collector.yaml", """
                receivers:
                  awsxray:
                    endpoint: 0.0.0.0:2000
                    transport: udp
                processors:
                  memory_limiter:
                    check_interval: 1s
                    limit_percentage: 80
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [awsxray]
                      ↓processors: [memory_limiter]
                      exporters: [awsxray]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  awsxray:
                    endpoint: 0.0.0.0:2000
                    transport: udp
                processors:
                  batch/traces:
                    timeout: 1s
                    send_batch_size: 50
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [awsxray]
                      processors: [batch/traces]
                      exporters: [awsxray]

                """),
        ])

    /// Components only the OpenTelemetry Lambda extension has: their configuration runs in Lambda.
    package static let lambdaOnly: [(section: String, type: String)] = [("processors", "decouple"), ("receivers", "telemetryapi")]

    package func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config -> [Finding] in
            guard !Self.lambdaOnly.contains(where: { section, type in
                config.components(section).contains { CollectorConfigView.type($0.id) == type }
            }) else { return [] }
            let severity: Severity = config.source == .file ? .info : .warning
            return config.tracePipelines.compactMap { pipeline -> Finding? in
                let processors = pipeline.value["processors"]?.items?.compactMap(\.text) ?? []
                guard !processors.contains(where: { CollectorConfigView.type($0) == "batch" }) else { return nil }
                // On the pipeline's processors when it lists some, on the pipeline otherwise.
                let anchor = pipeline.value.keyNode("processors") ?? pipeline.key
                let defined = config.components("processors").contains { CollectorConfigView.type($0.id) == "batch" }
                let missing = "traces pipeline \(pipeline.name) has no batch processor\(defined ? " (one is defined, but not in this pipeline)" : "")"
                guard severity == .warning else {
                    // A file alone may be a Lambda layer's configuration, where no batching is right.
                    return finding(anchor, missing + ": run as a service, every request received is exported on its own and under load the exporter is throttled (in a Lambda layer, which exports at the end of each invocation, leave it so)",
                                   fix: "For a collector that runs as a service, define processors.batch (for X-Ray: timeout: 1s, send_batch_size: 50) and list it last in the pipeline's processors",
                                   severity: severity)
                }
                return finding(anchor, missing + ": every request received is exported on its own, and under load the exporter is throttled and drops spans",
                               fix: "Define processors.batch (for X-Ray: timeout: 1s, send_batch_size: 50) and list it last in the pipeline's processors",
                               severity: severity)
            }
        }
    }
}
