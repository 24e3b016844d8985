import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DeprecatedXRayExporter: LintRule {
    package static let description = RuleDescription(
        id: "XR514", name: "deprecated-awsxray-exporter", severity: .info,
        summary: "A collector's traces pipeline exports with the `awsxray` exporter, which ADOT marks deprecated.",
        rationale: "ADOT's documentation marks the awsxray exporter deprecated: traces should go to X-Ray's OTLP endpoint with the otlphttp exporter signed by sigv4auth, which needs Transaction Search on in the account. The exporter still works; this is the migration to plan before the X-Ray daemon and SDKs reach end of support on 2027-02-25.",
        sources: [.adotXRayExporter, .xrayOTLPEndpoint, .transactionSearch, .endOfSupport],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  awsxray:
                    endpoint: 0.0.0.0:2000
                    transport: udp
                exporters:
                  awsxray:
                    region: us-east-1
                service:
                  pipelines:
                    traces:
                      receivers: [awsxray]
                      exporters: [↓awsxray]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  awsxray:
                    endpoint: 0.0.0.0:2000
                    transport: udp
                exporters:
                  otlphttp:
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
                      receivers: [awsxray]
                      exporters: [otlphttp]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config in
            config.tracePipelines.flatMap { $0.value["exporters"]?.items ?? [] }
                .filter { $0.text.map(CollectorConfigView.type) == "awsxray" }
                .map { exporter in
                    finding(exporter, "the awsxray exporter is deprecated: ADOT sends traces to X-Ray's OTLP endpoint instead (otlphttp with sigv4auth; Transaction Search must be on)",
                            fix: "Export with otlphttp to https://xray.REGION.amazonaws.com/v1/traces, authenticated by the sigv4auth extension (service xray), after turning Transaction Search on; in xray.yaml: traces: {export: otlp, transaction_search: {}}")
                }
        }
    }
}
