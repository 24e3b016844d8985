import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentMissingUDPPort: LintRule {
    package static let description = RuleDescription(
        id: "XR102", name: "agent-missing-udp-port", severity: .error,
        summary: "An X-Ray agent that apps reach through a host port (a DAEMON service, or a static host port in bridge mode) publishes no 2000/udp (only tcp, or another port).",
        rationale: "The SDKs send segments over UDP to port 2000; a mapping of 2000/tcp alone (the default protocol) publishes the sampling proxy but not segment intake.",
        sources: [.daemonGuide, .daemonReadme, .daemonOnECS, .issue("aws-observability/aws-otel-collector", 2548)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                   "portMappings": ↓[{"containerPort": 2000, "hostPort": 2000}]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                   "portMappings": [{"containerPort": 2000, "hostPort": 0, "protocol": "udp"}]}]}

                """),
            // In awsvpc mode the app in the task sends to 127.0.0.1: mappings do not matter.
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1"},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                   "portMappings": [{"containerPort": 2000}]}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap { task in task.agents.map { (task, $0) } }.compactMap { task, agent in
            // Apps in the task reach a sidecar directly (127.0.0.1 in awsvpc and host mode, links in
            // bridge mode); only a path through the host makes the mappings matter.
            let linked = task.apps.contains { $0.links.contains(agent.name ?? "") }
            let viaHost = !run.daemonServices(running: task).isEmpty
                || task.networkMode == "bridge" && !linked && agent.portMappings.contains { ($0.hostPort ?? 0) != 0 }
            guard viaHost, let mappings = agent.node.field("portMappings"), !agent.portMappings.isEmpty,
                  !agent.portMappings.contains(where: { $0.containerPort == 2000 && $0.transport == "udp" }),
                  // An intrinsic port or protocol could be 2000/udp.
                  !agent.portMappings.contains(where: { $0.node.field("containerPort")?.isIntrinsic == true || $0.node.field("protocol")?.isIntrinsic == true })
            else { return nil }
            return finding(mappings, "the agent container '\(agent.name ?? "?")' does not expose container port 2000/udp, where the SDKs send segments",
                           fix: "Add {\"containerPort\": 2000, \"protocol\": \"udp\"} to its portMappings")
        }
    }
}
