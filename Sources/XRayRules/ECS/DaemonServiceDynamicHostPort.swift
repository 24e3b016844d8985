import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonServiceDynamicHostPort: LintRule {
    package static let description = RuleDescription(
        id: "XR114", name: "daemon-service-dynamic-host-port", severity: .error,
        summary: "The agent task of a DAEMON service publishes port 2000 on a dynamic host port (`hostPort` 0 or absent in bridge mode).",
        rationale: "Apps find a per-instance agent at a fixed address (the bridge gateway or the host IP, port 2000); with a dynamic host port the agent sits on a random port nobody sends to.",
        sources: [.ecsCreateServiceAPI, .daemonOnECS],
        examples: [
            RuleExample("xray-daemon/task-definition.json", """
                {"family": "xray-daemon", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "memoryReservation": 256, "portMappings": [{"containerPort": 2000, "hostPort": ↓0, "protocol": "udp"}]}]}

                """, with: [("xray-daemon/service.json", "{\"serviceName\": \"xray-daemon\", \"taskDefinition\": \"xray-daemon\", \"schedulingStrategy\": \"DAEMON\"}\n")]),
            RuleExample("xray-daemon/task-definition.json", """
                {"family": "xray-daemon", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "memoryReservation": 256, "portMappings": [{"containerPort": 2000, "hostPort": 2000, "protocol": "udp"}, {"containerPort": 2000, "hostPort": 2000, "protocol": "tcp"}]}]}

                """, with: [("xray-daemon/service.json", "{\"serviceName\": \"xray-daemon\", \"taskDefinition\": \"xray-daemon\", \"schedulingStrategy\": \"DAEMON\"}\n")]),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.filter { $0.networkMode == "bridge" && !run.daemonServices(running: $0).isEmpty }.flatMap(\.agents).flatMap { agent in
            agent.portMappings.filter { $0.containerPort == 2000 && ($0.hostPort ?? 0) == 0 && $0.hostPortNode?.isIntrinsic != true }.map { mapping in
                finding(mapping.hostPortNode ?? mapping.node, "the DAEMON service's agent publishes 2000/\(mapping.transport) on a dynamic host port, so apps on the instance cannot find it",
                        fix: "Set hostPort to 2000")
            }
        }
    }
}
