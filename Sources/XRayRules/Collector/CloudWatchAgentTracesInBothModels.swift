import XRayCore
import XRayViews

package struct CloudWatchAgentTracesInBothModels: LintRule {
    package static let description = RuleDescription(
        id: "XR528", name: "cloudwatch-agent-traces-in-both-models", severity: .warning, also: [.error],
        summary: "A CloudWatch agent configuration receives OTLP in both the classic `traces.traces_collected.otlp` and the `opentelemetry.collect.otlp` section on the same port: the same endpoint sends every span to X-Ray twice (warning); the same port on another address stops the agent from starting (error).",
        rationale: "The agent allows the classic and the curated OpenTelemetry models in one file, and names each OTLP receiver after its protocol and endpoint, so two sections with the same endpoint (or both left at the defaults 127.0.0.1:4317 and :4318) share one receiver that feeds both trace pipelines: the classic one sends the span to X-Ray with PutTraceSegments, the curated one sends it again to X-Ray's OTLP endpoint. Each span is ingested twice and paid for twice. Two different addresses on one port (0.0.0.0:4317 and 127.0.0.1:4317) are two receivers binding the same port, and the second cannot bind, so the agent does not start. AWS's own combined example gives the opentelemetry section other ports (4327 and 4328); one section is enough for the apps' traces.",
        sources: [.cloudWatchAgentConfigModels, .cloudWatchAgentOTLPReceivers],
        examples: [
            RuleExample("cwagent.json", """
                {"agent": {"region": "us-east-1"},
                 "traces": {"traces_collected": {"xray": {}, "otlp": {}}},
                 "opentelemetry": {"collect": {↓"otlp": {}}}}

                """),
            RuleExample("cwagent.json", """
                {"agent": {"region": "us-east-1"},
                 "traces": {"traces_collected": {"otlp": {"grpc_endpoint": "0.0.0.0:4317"}}},
                 "opentelemetry": {"collect": {↓"otlp": {"grpc_endpoint": "127.0.0.1:4317", "http_endpoint": "127.0.0.1:4328"}}}}

                """),
            RuleExample("cwagent.json", """
                {"agent": {"region": "us-east-1"},
                 "traces": {"traces_collected": {"xray": {}, "otlp": {"grpc_endpoint": "0.0.0.0:4317", "http_endpoint": "0.0.0.0:4318"}}},
                 "opentelemetry": {"collect": {"otlp": {"grpc_endpoint": "127.0.0.1:4327", "http_endpoint": "127.0.0.1:4328"}}}}

                """),
            RuleExample("cwagent.json", """
                {"agent": {"region": "us-east-1"},
                 "traces": {"traces_collected": {"xray": {}}},
                 "opentelemetry": {"collect": {"otlp": {}}}}

                """),
        ])

    /// One OTLP receiver the agent creates for a section.
    struct Endpoint: Equatable {
        let grpc: Bool
        let address: String
        var host: Substring { address.lastIndex(of: ":").map { address[..<$0] } ?? "" }
        var port: Substring { address.lastIndex(of: ":").map { address[address.index(after: $0)...] } ?? "" }
        var name: String { (grpc ? "grpc " : "http ") + address }
    }

    /// The receivers an `otlp` section gives: the endpoints it sets, or both defaults when it sets
    /// none (amazon-cloudwatch-agent `translator/translate/otel/receiver/otlp/translator.go`).
    static func endpoints(_ otlp: LocatedNode) -> [Endpoint] {
        let grpc = otlp["grpc_endpoint"]?.text.flatMap { $0.isEmpty ? nil : Endpoint(grpc: true, address: $0) }
        let http = otlp["http_endpoint"]?.text.flatMap { $0.isEmpty ? nil : Endpoint(grpc: false, address: $0) }
        let set = [grpc, http].compactMap { $0 }
        return set.isEmpty ? [Endpoint(grpc: true, address: "127.0.0.1:4317"), Endpoint(grpc: false, address: "127.0.0.1:4318")] : set
    }

    /// Addresses that listen on every interface, so they clash with any other address on the port.
    static let wildcards: Set<Substring> = ["", "0.0.0.0", "::", "[::]"]

    package func check(_ run: LintRun) -> [Finding] {
        run.cloudWatchAgentConfigs.compactMap { config -> Finding? in
            guard let classic = config.root["traces"]?["traces_collected"]?["otlp"],
                  let collect = config.root["opentelemetry"]?["collect"], let curated = collect["otlp"],
                  let key = collect.keyNode("otlp") else { return nil }
            let pairs = Self.endpoints(classic).flatMap { a in Self.endpoints(curated).map { (a, $0) } }
            // Two receivers (not one shared) on one port of overlapping addresses.
            if let (a, b) = pairs.first(where: { a, b in
                a != b && a.port == b.port && (a.host == b.host || Self.wildcards.contains(a.host) || Self.wildcards.contains(b.host))
            }) {
                return finding(key, "the traces section's OTLP receiver (\(a.name)) and this one (\(b.name)) bind the same port, so the second cannot listen and the CloudWatch agent does not start",
                               fix: "Receive the apps' OTLP in one section only, or give the opentelemetry section other ports (AWS's example uses 4327 and 4328)",
                               severity: .error)
            }
            guard let shared = pairs.first(where: { $0.0 == $0.1 }) else { return nil }
            return finding(key, "the traces section and the opentelemetry section both receive OTLP on \(shared.0.name): the agent shares one receiver between the two trace pipelines, so every span goes to X-Ray twice (PutTraceSegments and the OTLP endpoint), ingested and billed twice",
                           fix: "Receive the apps' OTLP in one section only: drop traces.traces_collected.otlp (keep xray for the X-Ray SDKs) or opentelemetry.collect.otlp, or give the opentelemetry section other ports")
        }
    }
}
