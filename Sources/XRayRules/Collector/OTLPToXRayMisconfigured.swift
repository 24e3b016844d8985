import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct OTLPToXRayMisconfigured: LintRule {
    package static let description = RuleDescription(
        id: "XR515", name: "otlp-to-xray-misconfigured", severity: .error,
        summary: "An exporter sends to X-Ray's OTLP endpoint over gRPC, without SigV4 (`sigv4auth`), with a signing region or service that does not match the endpoint, or with `/v1/traces` in `endpoint` (otlphttp appends it).",
        rationale: "X-Ray's OTLP traces endpoint accepts HTTP only (protobuf or JSON) and only requests signed with SigV4 for the xray service in the endpoint's region; anything else is refused, and the collector retries and drops spans. otlphttp appends /v1/traces to `endpoint` (not to `traces_endpoint`), so the path written there twice points nowhere.",
        sources: [.xrayOTLPEndpoint, .adotXRayExporter, .otelCollectorConfiguration],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlphttp:
                    traces_endpoint: ↓https://xray.us-east-1.amazonaws.com/v1/traces
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlphttp]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlp:
                    endpoint: ↓xray.us-east-1.amazonaws.com:443
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
                      exporters: [otlp]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlphttp:
                    traces_endpoint: https://xray.eu-west-1.amazonaws.com/v1/traces
                    auth:
                      authenticator: sigv4auth
                extensions:
                  sigv4auth:
                    region: ↓us-east-1
                    service: xray
                service:
                  extensions: [sigv4auth]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlphttp]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlphttp:
                    traces_endpoint: https://xray.eu-west-1.amazonaws.com/v1/traces
                    auth:
                      authenticator: sigv4auth/xray
                extensions:
                  sigv4auth/xray:
                    region: eu-west-1
                    service: xray
                service:
                  extensions: [sigv4auth/xray]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlphttp]

                """),
        ])

    /// `xray.REGION.amazonaws.com` (or `.com.cn`) in a URL or host:port: the region, or nil.
    package static func xrayRegion(_ endpoint: String) -> String? {
        let host = (URL(string: endpoint)?.host ?? endpoint.split(separator: ":").first.map(String.init) ?? "").lowercased()
        let labels = host.split(separator: ".")
        guard labels.count >= 4, labels[0] == "xray", host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn") else { return nil }
        return String(labels[1])
    }

    package func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config -> [Finding] in
            config.components("exporters").compactMap { id, key, value -> Finding? in
                let endpointNode = value["traces_endpoint"] ?? value["endpoint"]
                guard let endpointNode, let endpoint = endpointNode.text, let region = Self.xrayRegion(endpoint) else { return nil }
                switch CollectorConfigView.type(id) {
                case "otlp":
                    return finding(endpointNode, "exporter \(id) sends OTLP over gRPC to X-Ray, whose OTLP endpoint takes HTTP only",
                                   fix: "Use the otlphttp exporter with traces_endpoint: https://xray.\(region).amazonaws.com/v1/traces")
                case "otlphttp":
                    break
                default:
                    return nil
                }
                if value["traces_endpoint"] == nil, endpoint.hasSuffix("/v1/traces") {
                    return finding(endpointNode, "otlphttp appends /v1/traces to endpoint, so exporter \(id) posts to .../v1/traces/v1/traces",
                                   fix: "Write the URL as traces_endpoint, or drop /v1/traces from endpoint")
                }
                guard let authenticator = value["auth"]?["authenticator"]?.text,
                      let extensionConfig = config.component(authenticator, in: "extensions"),
                      CollectorConfigView.type(authenticator) == "sigv4auth" else {
                    return finding(endpointNode, "exporter \(id) sends to X-Ray's OTLP endpoint without SigV4: X-Ray refuses unsigned requests",
                                   fix: "Add the sigv4auth extension (region: \(region), service: xray), list it in service.extensions, and set auth.authenticator: sigv4auth on the exporter")
                }
                if let signing = extensionConfig.value["region"], let text = signing.text, text != region {
                    return finding(signing, "\(authenticator) signs for \(text), but exporter \(id) sends to X-Ray in \(region): the signature is refused",
                                   fix: "Set region: \(region), or send to https://xray.\(text).amazonaws.com/v1/traces")
                }
                if let service = extensionConfig.value["service"], let text = service.text, text != "xray" {
                    return finding(service, "\(authenticator) signs for service '\(text)', but X-Ray's OTLP endpoint needs service xray",
                                   fix: "Set service: xray")
                }
                return nil
            }
        }
    }
}
