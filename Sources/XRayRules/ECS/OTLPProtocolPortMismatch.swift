import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct OTLPProtocolPortMismatch: LintRule {
    package static let description = RuleDescription(
        id: "XR123", name: "otlp-protocol-port-mismatch", severity: .error,
        summary: "A container's `OTEL_EXPORTER_OTLP_PROTOCOL` does not match the port of its OTLP endpoint (grpc goes to 4317, http/protobuf and http/json to 4318).",
        rationale: "Collectors listen for OTLP over gRPC on 4317 and over HTTP on 4318. An SDK that speaks HTTP to the gRPC port (or gRPC to the HTTP port) gets protocol errors or silent drops, and no span arrives; the SDKs' default protocol differs by language, so the two variables must agree.",
        sources: [.otelExporterEnvironment, .issue("aws-observability/aws-otel-collector", 3029)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [
                    {"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": ↓"http://localhost:4317"},
                    {"name": "OTEL_EXPORTER_OTLP_PROTOCOL", "value": "http/protobuf"}]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [
                    {"name": "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "value": "http://localhost:4318/v1/traces"},
                    {"name": "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "value": "http/protobuf"},
                    {"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://localhost:4317"},
                    {"name": "OTEL_EXPORTER_OTLP_PROTOCOL", "value": "grpc"}]}]}

                """),
        ])

    package static let expectedPort = ["grpc": 4317, "http/protobuf": 4318, "http/json": 4318]

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap(\.containers).flatMap { container -> [Finding] in
            // The general pair and the traces-only pair; each endpoint is read with its own protocol,
            // falling back to the general one as the SDKs do.
            let general = container.variable("OTEL_EXPORTER_OTLP_PROTOCOL")?.value?.text
            return [("OTEL_EXPORTER_OTLP_ENDPOINT", general),
                    ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", container.variable("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")?.value?.text ?? general)]
                .compactMap { name, wire -> Finding? in
                    guard let wire, let expected = Self.expectedPort[wire.lowercased()],
                          let node = container.variable(name)?.value, let text = node.text,
                          let port = URLComponents(string: text)?.port, [4317, 4318].contains(port), port != expected else { return nil }
                    return finding(node, "\(name) points at port \(port), but the protocol is \(wire), which collectors serve on \(expected)",
                                   fix: "Use port \(expected), or the protocol of port \(port) (\(port == 4317 ? "grpc" : "http/protobuf"))")
                }
        }
    }
}
