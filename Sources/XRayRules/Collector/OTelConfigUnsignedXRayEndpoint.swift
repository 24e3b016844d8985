import Foundation
import XRayCore
import XRayViews

package struct OTelConfigUnsignedXRayEndpoint: LintRule {
    package static let description = RuleDescription(
        id: "XR523", name: "otel-config-unsigned-xray-endpoint", severity: .error,
        summary: "An OpenTelemetry SDK configuration file exports spans straight to X-Ray's OTLP endpoint (`https://xray.REGION.amazonaws.com/v1/traces`), which only accepts SigV4-signed requests.",
        rationale: "X-Ray's OTLP traces endpoint authenticates every request with AWS Signature Version 4. The OpenTelemetry SDKs' otlp_http exporter sends plain HTTP with static headers and cannot sign, so every export is refused (403) and no span arrives. Send the SDK's spans to a local agent or collector that signs them — the CloudWatch agent, or the ADOT collector with the sigv4auth extension — on localhost:4318, or use an ADOT SDK's own span exporter, which signs.",
        sources: [.xrayOTLPEndpoint, .otlpWithoutCollector, .otelDeclarativeConfiguration],
        examples: [
            RuleExample("otel-config.yaml", """
                file_format: "1.0"
                tracer_provider:
                  processors:
                    - batch:
                        exporter:
                          otlp_http:
                            endpoint: ↓https://xray.us-east-1.amazonaws.com/v1/traces

                """),
            RuleExample("otel-config.yaml", """
                file_format: "1.0"
                tracer_provider:
                  processors:
                    - batch:
                        exporter:
                          otlp_http:
                            endpoint: http://localhost:4318/v1/traces

                """),
        ])

    /// X-Ray's OTLP endpoint in any Region and partition (docs/xray-facts.md §10).
    static func isXRayEndpoint(_ text: String) -> Bool {
        guard let host = URLComponents(string: text)?.host?.lowercased() else { return false }
        return host.hasPrefix("xray.") && (host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn"))
    }

    package func check(_ run: LintRun) -> [Finding] {
        OTelSDKConfigFiles.roots(run).flatMap { root in
            OTelSDKConfigFiles.pairs(under: root["tracer_provider"]).compactMap { key, value -> Finding? in
                guard key.text == "endpoint", let text = value.text, Self.isXRayEndpoint(text) else { return nil }
                return finding(value, "the SDK exports spans to X-Ray's OTLP endpoint \(text), which requires SigV4 signatures the SDK's exporter cannot make: every export is refused",
                               fix: "Export to an agent or collector that signs (the CloudWatch agent or ADOT collector, http://localhost:4318/v1/traces), or use an ADOT SDK's signing exporter")
            }
        }
    }
}
