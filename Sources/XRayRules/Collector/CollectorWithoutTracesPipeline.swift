import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct CollectorWithoutTracesPipeline: LintRule {
    package static let description = RuleDescription(
        id: "XR512", name: "collector-without-traces-pipeline", severity: .error, also: [.info],
        summary: "A collector beside traced apps has no traces pipeline, or its traces pipeline lacks the otlp receiver the apps send OTLP to.",
        rationale: "A collector exports only what a pipeline carries: without a traces pipeline every span it receives is dropped, and a traces pipeline without the otlp receiver drops OpenTelemetry apps' spans, with no error on either side. A collector may serve metrics only: a file alone, or one beside apps with no X-Ray or OpenTelemetry settings, is said as info.",
        sources: [.otelCollectorConfiguration, .issue("aws-observability/aws-otel-collector", 2585)],
        examples: [
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://localhost:4317"}]},
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
                   "environment": [{"name": "AOT_CONFIG_CONTENT", "value": ↓"receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  awsemf: {}\nservice:\n  pipelines:\n    metrics:\n      receivers: [otlp]\n      exporters: [awsemf]\n"}]}]}

                """#),
            RuleExample("collector.yaml", """
                receivers:
                  awsxray:
                    endpoint: 0.0.0.0:2000
                    transport: udp
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [awsxray]
                      exporters: [awsxray]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.compactMap { config -> Finding? in
            guard let service = config.root["service"], let pipelines = service["pipelines"] else { return nil }
            let traces = config.tracePipelines
            guard let task = config.task else {
                guard traces.isEmpty else { return nil }
                return finding(service.keyNode("pipelines") ?? pipelines, "this collector has no traces pipeline: it exports no traces",
                               fix: "If apps send traces here, add service.pipelines.traces with their receivers and an exporter", severity: .info)
            }
            let otlpApps = task.apps.filter { app in
                app.environment.contains { $0.name.hasPrefix("OTEL_EXPORTER_OTLP") && $0.name.containsBytes("ENDPOINT") }
            }
            if traces.isEmpty {
                // Only apps that show they trace (X-Ray or OpenTelemetry settings) make it certain: a
                // metrics-only collector beside untraced apps is a setup of its own.
                let tracing = task.apps.filter { app in app.environment.contains { $0.name.hasPrefix("AWS_XRAY_") || $0.name.hasPrefix("OTEL_") } }
                guard !task.apps.isEmpty else { return nil }
                return finding(service.keyNode("pipelines") ?? pipelines,
                               tracing.isEmpty ? "the collector's configuration has no traces pipeline: it exports no traces"
                                               : "the collector's configuration has no traces pipeline: the spans and segments \(tracing.compactMap(\.name).joined(separator: ", ")) send are dropped",
                               fix: "Add service.pipelines.traces with the awsxray and otlp receivers and an exporter to X-Ray",
                               severity: tracing.isEmpty ? .info : .error)
            }
            let receivers = traces.flatMap { $0.value["receivers"]?.items?.compactMap(\.text) ?? [] }
            guard !otlpApps.isEmpty, !receivers.contains(where: { CollectorConfigView.type($0) == "otlp" }) else { return nil }
            return finding(traces[0].value.keyNode("receivers") ?? traces[0].key,
                           "\(otlpApps.compactMap(\.name).joined(separator: ", ")) send OTLP, but no traces pipeline has the otlp receiver: their spans are dropped",
                           fix: "Add otlp to the traces pipeline's receivers")
        }
    }
}
