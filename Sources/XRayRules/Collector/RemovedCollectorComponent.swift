import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct RemovedCollectorComponent: LintRule {
    package static let description = RuleDescription(
        id: "XR516", name: "removed-collector-component", severity: .error, also: [.warning],
        summary: "A collector configuration names a component type the ADOT collector does not have: one ADOT removed (the `logging` exporter and `memory_ballast` extension in v0.42.0, …), or an AWS-sounding name no release ever shipped (`xray`, `cloudwatch`, the package name `awsxrayexporter`, …).",
        rationale: "The collector refuses a configuration that names a component type it does not have (`unknown type`), and starts nothing. ADOT v0.42.0 removed the logging exporter (use debug) and the memory_ballast extension (use the GOMEMLIMIT environment variable), v0.37.0 the dynatrace exporter and v0.21.0 awsprometheusremotewrite; with an image older than that they still work, and where the version is not known (a file on its own, a pinned digest) it is a warning. An image tagged `latest` (or untagged) runs the current release. The guessed names — `xray` for `awsxray`, a `cloudwatch` exporter, the Go package names ADOT's README lists (`awsxrayexporter`, `sigv4authextension`) — exist in no ADOT release and no opentelemetry-collector-contrib build, so they are an error wherever they are.",
        sources: [.adotReleases, .adotComponents, .otelCollectorConfiguration],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  ↓logging:
                    verbosity: detailed
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [logging]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  ↓awsxrayexporter:
                    region: us-east-1
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxrayexporter]

                """),
            RuleExample("collector.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: otel-config}
                data:
                  config.yaml: |
                    receivers:
                      otlp:
                        protocols:
                          grpc:
                            endpoint: 0.0.0.0:4317
                    exporters:
                      ↓logging: {}
                    service:
                      pipelines:
                        traces:
                          receivers: [otlp]
                          exporters: [logging]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: collector}
                spec:
                  selector: {matchLabels: {app: collector}}
                  template:
                    metadata: {labels: {app: collector}}
                    spec:
                      containers:
                        - name: aws-otel-collector
                          image: public.ecr.aws/aws-observability/aws-otel-collector:latest
                          args: ["--config=/conf/config.yaml"]
                          volumeMounts: [{name: config, mountPath: /conf}]
                      volumes:
                        - {name: config, configMap: {name: otel-config}}

                """),
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
                   "environment": [{"name": "AOT_CONFIG_CONTENT", "value": "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  logging: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [logging]\n"}]}]}

                """#),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config -> [Finding] in
            let version = config.collectorVersion
            return ADOTComponents.table.flatMap { entry -> [Finding] in
                let components = config.components(entry.section).filter { CollectorConfigView.type($0.id) == entry.type }
                let kind = entry.section.dropLast()
                switch entry.status {
                case .neverShipped(let meant):
                    return components.map { component in
                        finding(component.key, "no ADOT release has the \(entry.type) \(kind) (nor does opentelemetry-collector-contrib): the collector refuses this configuration (unknown type)",
                                fix: "Use the \(meant) \(kind)")
                    }
                case .removed(let release, let replacement):
                    if let version, (version.major, version.minor) < release { return [] }
                    let which = version == nil ? "a collector of that version or later"
                        : config.runsLatest ? "the image tagged latest (the current release)" : "a collector of this image's version"
                    return components.map { component in
                        finding(component.key, "ADOT v\(release.major).\(release.minor).0 removed the \(entry.type) \(kind): \(which) refuses this configuration",
                                fix: "Use \(replacement) instead", severity: version == nil ? .warning : .error)
                    }
                }
            }
        }
    }
}
