import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct LegacyOTLPHTTPPort: LintRule {
    package static let description = RuleDescription(
        id: "XR521", name: "legacy-otlp-http-port", severity: .warning,
        summary: "OTLP/HTTP is received on, exported to, or configured in an app's `OTEL_EXPORTER_OTLP_*ENDPOINT` with the legacy port 55681 instead of 4318.",
        rationale: "55681 was OTLP/HTTP's port before the protocol was stable; the specification and every SDK and collector now use 4318, and the collector no longer listens on 55681 unless told to. A collector told to listen there is missed by every app left at the SDK default, and an app or exporter sending there reaches no current collector: spans are refused on one side or the other. Both sides may have been moved together, so it is a warning.",
        sources: [.otlpDefaultPorts, .adotLegacyPortFix, .otelExporterEnvironment],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: ↓0.0.0.0:55681
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": ↓"http://localhost:55681"}]}]}

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: 0.0.0.0:4318
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]

                """),
        ])

    package static let legacyPort = 55681

    /// The port of `host:port`, `scheme://host:port/path` or `:port`.
    package static func port(_ endpoint: String) -> Int? {
        var rest = Substring(endpoint)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        rest = rest.prefix { $0 != "/" }
        guard let colon = rest.lastIndex(of: ":") else { return nil }
        return Int(rest[rest.index(after: colon)...])
    }

    package func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        for config in run.collectorConfigs {
            for component in config.components("receivers") where CollectorConfigView.type(component.id) == "otlp" {
                guard let endpoint = component.value["protocols"]?["http"]?["endpoint"],
                      endpoint.text.flatMap(Self.port) == Self.legacyPort else { continue }
                findings.append(finding(endpoint, "receiver \(component.id) takes OTLP/HTTP on the legacy port 55681: apps at the SDK default send to 4318 and are refused",
                                        fix: "Listen on 0.0.0.0:4318, and send to 4318"))
            }
            for component in config.components("exporters") where ["otlphttp", "otlp"].contains(CollectorConfigView.type(component.id)) {
                for key in ["endpoint", "traces_endpoint"] {
                    guard let endpoint = component.value[key], endpoint.text.flatMap(Self.port) == Self.legacyPort else { continue }
                    findings.append(finding(endpoint, "exporter \(component.id) sends to the legacy OTLP/HTTP port 55681, where current collectors do not listen",
                                            fix: "Send to port 4318"))
                }
            }
        }
        var variables: [(name: String, value: LocatedNode)] = []
        for task in run.taskDefinitions {
            for container in task.containers { variables += container.environment.compactMap { variable in variable.value.map { (variable.name, $0) } } }
        }
        for workload in run.kubernetes.workloads {
            for container in workload.containers {
                variables += (container.node["env"]?.items ?? []).compactMap { entry in
                    guard let name = entry["name"]?.text, let value = entry["value"] else { return nil }
                    return (name, value)
                }
            }
        }
        for (name, value) in variables where name.hasPrefix("OTEL_EXPORTER_OTLP") && name.hasSuffix("ENDPOINT") {
            guard value.text.flatMap(Self.port) == Self.legacyPort else { continue }
            findings.append(finding(value, "\(name) sends to the legacy OTLP/HTTP port 55681, where current collectors do not listen",
                                    fix: "Send to port 4318 (OTLP/HTTP) or 4317 (OTLP/gRPC)"))
        }
        return findings
    }
}
