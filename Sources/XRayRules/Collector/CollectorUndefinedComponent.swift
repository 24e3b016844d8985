import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct CollectorUndefinedComponent: LintRule {
    package static let description = RuleDescription(
        id: "XR513", name: "collector-undefined-component", severity: .error, also: [.info],
        summary: "A collector pipeline (or `service.extensions`) names a component that is not defined, or a component is defined but used by no pipeline.",
        rationale: "The collector refuses to start when a pipeline references a receiver, processor, exporter or extension that its section does not define (IDs are type or type/name and must match exactly), so nothing is received at all. A component that no pipeline uses is ignored: usually a leftover, or a pipeline entry forgotten; said as info.",
        sources: [.otelCollectorConfiguration],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlphttp/xray:
                    traces_endpoint: https://xray.us-east-1.amazonaws.com/v1/traces
                    auth:
                      authenticator: sigv4auth
                extensions:
                  sigv4auth:
                    region: us-east-1
                    service: xray
                service:
                  extensions: [sigv4auth]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [↓otlphttp]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                processors:
                  ↓batch: {}
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                processors:
                  batch/traces: {}
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch/traces]
                      exporters: [awsxray]

                """),
        ])

    /// Pipeline keys and the section each names components of; connectors serve as receivers and exporters.
    package static let roles = [("receivers", ["receivers", "connectors"]), ("processors", ["processors"]), ("exporters", ["exporters", "connectors"])]

    package func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config -> [Finding] in
            guard config.root["service"] != nil else { return [] }
            var findings: [Finding] = []
            var used = Set<String>()
            for pipeline in config.pipelines {
                for (key, sections) in Self.roles {
                    for reference in pipeline.value[key]?.items ?? [] {
                        // A template's placeholder (`${receivers}`) is filled before the collector reads it.
                        guard let id = reference.text, !id.containsBytes("$") else { continue }
                        used.insert(sections[0] + "#" + id)
                        if sections.contains(where: { config.component(id, in: $0) != nil }) {
                            if sections.count > 1 { used.insert("connectors#" + id) }
                            continue
                        }
                        findings.append(finding(reference, "pipeline \(pipeline.name) uses \(key.dropLast()) '\(id)', which is not defined under \(sections[0]): the collector will not start\(Suggestion.didYouMean(id, in: sections.flatMap { config.components($0).map(\.id) }))",
                                                fix: "Define \(sections[0]).\(id), or name one that is defined"))
                    }
                }
            }
            for reference in config.root["service"]?["extensions"]?.items ?? [] {
                guard let id = reference.text else { continue }
                used.insert("extensions#" + id)
                if config.component(id, in: "extensions") == nil {
                    findings.append(finding(reference, "service.extensions names '\(id)', which is not defined under extensions: the collector will not start",
                                            fix: "Define extensions.\(id)"))
                }
            }
            // A configuration that names what is not there is the problem to fix first (the unused
            // component is often the one meant, and the error's did-you-mean names it).
            guard findings.isEmpty else { return findings }
            for section in ["receivers", "processors", "exporters", "connectors", "extensions"] {
                // A removed or never-shipped type is not ignored but refused: XR516 says so.
                for component in config.components(section) where !used.contains(section + "#" + component.id)
                    && !ADOTComponents.table.contains(where: { $0.section == section && $0.type == CollectorConfigView.type(component.id) }) {
                    let place = section == "extensions" ? "service.extensions" : "any pipeline"
                    findings.append(finding(component.key, "\(section.dropLast()) '\(component.id)' is defined but not used by \(place), so the collector ignores it",
                                            fix: "Add it to \(place), or remove it", severity: .info))
                }
            }
            return findings
        }
    }
}
