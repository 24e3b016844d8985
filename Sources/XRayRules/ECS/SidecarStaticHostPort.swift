import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SidecarStaticHostPort: LintRule {
    package static let description = RuleDescription(
        id: "XR121", name: "sidecar-static-host-port", severity: .warning,
        summary: "A bridge-mode agent sidecar publishes a static host port 2000 (udp or tcp), so only one such task fits on a container instance.",
        rationale: "A host port can be bound once per instance: ECS cannot place a second task whose container maps host port 2000 on the same instance, so scaling stalls. Apps in the task reach the sidecar through links and need no host port; a per-instance agent belongs in a DAEMON service.",
        sources: [.ecsPortMappingAPI, .daemonOnECS, .ecsCreateServiceAPI],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "memoryReservation": 256, "links": ["xray-daemon"]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 64,
                   "portMappings": [{"containerPort": 2000, "hostPort": ↓2000, "protocol": "udp"}]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "memoryReservation": 256, "links": ["xray-daemon"]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 64,
                   "portMappings": [{"containerPort": 2000, "hostPort": 0, "protocol": "udp"}]}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        // DAEMON services need the static port (XR114), and Elastic Beanstalk runs one Dockerrun task
        // per instance: there one task per instance is the point.
        run.taskDefinitions.filter { $0.networkMode == "bridge" && run.daemonServices(running: $0).isEmpty && !$0.apps.isEmpty
            && $0.document.kind != .dockerrun }
            .flatMap(\.agents).flatMap { agent in
                agent.portMappings.filter { $0.hostPort == 2000 }.map { mapping in
                    finding(mapping.hostPortNode ?? mapping.node, "the sidecar '\(agent.name ?? "?")' binds host port 2000/\(mapping.transport): a second copy of this task cannot run on the same instance",
                            fix: "Drop hostPort (or use 0): apps in the task reach the sidecar through links; for one agent per instance use a DAEMON service")
                }
            }
    }
}
