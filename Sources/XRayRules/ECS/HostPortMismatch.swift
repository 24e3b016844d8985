import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct HostPortMismatch: LintRule {
    package static let description = RuleDescription(
        id: "XR103", name: "host-port-mismatch", severity: .error,
        summary: "`hostPort` differs from `containerPort` in `awsvpc` or `host` mode.",
        rationale: "In awsvpc and host mode ECS requires the host port to be absent or equal to the container port and rejects the task definition otherwise.",
        sources: [.ecsPortMappingAPI],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                   "portMappings": [{"containerPort": 2000, "hostPort": ↓0, "protocol": "udp"}]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                   "portMappings": [{"containerPort": 2000, "protocol": "udp"}]}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap { task -> [Finding] in
            guard let mode = task.networkMode ?? (task.requiresFargate ? "awsvpc" : nil), mode == "awsvpc" || mode == "host" else { return [] }
            return task.containers.flatMap(\.portMappings).compactMap { mapping in
                guard let hostNode = mapping.hostPortNode, let host = mapping.hostPort, let container = mapping.containerPort,
                      host != container else { return nil }
                return finding(hostNode, "hostPort \(host) differs from containerPort \(container); in \(mode) mode they must be equal",
                               fix: "Remove hostPort (or set it to \(container))")
            }
        }
    }
}
