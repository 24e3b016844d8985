import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct CloudWatchAgentOnLoopback: LintRule {
    package static let description = RuleDescription(
        id: "XR517", name: "cloudwatch-agent-on-loopback", severity: .error,
        summary: "A CloudWatch agent in a bridge-mode task or a DAEMON service receives traces on 127.0.0.1 (written, or by leaving out `bind_address`, `tcp_proxy` or the OTLP endpoints).",
        rationale: "The CloudWatch agent's trace receivers default to loopback (X-Ray 127.0.0.1:2000 for segments and the sampling proxy, OTLP 127.0.0.1:4317 and :4318). In a bridge-mode task each container has its own loopback, and a DAEMON service's agent serves other tasks, so segments and spans sent to it are lost; in awsvpc and host mode the defaults work.",
        sources: [.cloudWatchAgentXRayReceiver, .cloudWatchAgentTraces],
        examples: [
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "memoryReservation": 256, "links": ["cloudwatch-agent"]},
                  {"name": "cloudwatch-agent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337", "memoryReservation": 128,
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": ↓"{\"traces\": {\"traces_collected\": {\"xray\": {}}}}"}]}]}

                """#),
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "memoryReservation": 256, "links": ["cloudwatch-agent"]},
                  {"name": "cloudwatch-agent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337", "memoryReservation": 128,
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": "{\"traces\": {\"traces_collected\": {\"xray\": {\"bind_address\": \"0.0.0.0:2000\", \"tcp_proxy\": {\"bind_address\": \"0.0.0.0:2000\"}}}}}"}]}]}

                """#),
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1"},
                  {"name": "cloudwatch-agent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337",
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": "{\"traces\": {\"traces_collected\": {\"xray\": {}}}}"}]}]}

                """#),
        ])

    /// Each receiver setting: where it sits under `traces.traces_collected`, and its default.
    package static let settings = [(section: "xray", path: ["bind_address"], default: "127.0.0.1:2000", what: "X-Ray segments"),
                           (section: "xray", path: ["tcp_proxy", "bind_address"], default: "127.0.0.1:2000", what: "the sampling proxy"),
                           (section: "otlp", path: ["grpc_endpoint"], default: "127.0.0.1:4317", what: "OTLP over gRPC"),
                           (section: "otlp", path: ["http_endpoint"], default: "127.0.0.1:4318", what: "OTLP over HTTP")]

    package func check(_ run: LintRun) -> [Finding] {
        run.cloudWatchAgentConfigs.compactMap { config -> Finding? in
            // A file alone: who sends to it is not known (on a host, loopback is the point).
            guard let task = config.task, task.networkMode == "bridge" || !run.daemonServices(running: task).isEmpty,
                  let collected = config.root["traces"]?["traces_collected"] else { return nil }
            let loopback = Self.settings.compactMap { setting -> String? in
                guard let section = collected[setting.section] else { return nil }
                let node = setting.path.reduce(Optional(section)) { $0?[$1] }
                let address = node?.text ?? setting.default
                let host = CollectorReceiverOnLoopback.host(address)
                return CollectorReceiverOnLoopback.loopbackHosts.contains(host) ? "\(setting.what) on \(address)\(node == nil ? " (the default)" : "")" : nil
            }
            guard !loopback.isEmpty else { return nil }
            return finding(config.root, "the CloudWatch agent receives \(loopback.joined(separator: ", ")): no other container or task reaches it",
                           fix: "Set bind_address (and tcp_proxy.bind_address, grpc_endpoint, http_endpoint) to 0.0.0.0 with the same ports")
        }
    }
}
