import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UnreachableDaemonAddress: LintRule {
    package static let description = RuleDescription(
        id: "XR104", name: "unreachable-daemon-address", severity: .error,
        summary: "An app container's `AWS_XRAY_DAEMON_ADDRESS` cannot reach the agent in this network mode: a container name in awsvpc or host mode, 127.0.0.1 in bridge mode when the agent is another container, or a name that is not a linked container.",
        rationale: "In awsvpc and host mode the containers share one network namespace and container names do not resolve; in bridge mode each container has its own 127.0.0.1 and names resolve only through links.",
        sources: [.daemonOnECS, .daemonIssue(43), .issue("aws/aws-xray-sdk-dotnet", 158), .issue("aws-samples/aws-microservices-deploy-options", 60)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": ↓"xray-daemon:2000"}]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "links": ["xray-daemon"], "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": ↓"127.0.0.1:2000"}]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": ↓"xray-daemon:2000"}]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "links": ["xray-daemon"], "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "xray-daemon:2000"}]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap { task -> [Finding] in
            guard let mode = task.networkMode ?? (task.requiresFargate ? "awsvpc" : nil) else { return [] }
            let containerNames = Set(task.containers.compactMap(\.name))
            let hasSidecar = !task.agents.isEmpty
            return task.daemonAddresses.compactMap { container, value, text in
                guard case .success(let address) = DaemonAddress.parse(text) else { return nil }
                let host = address.udpHost
                let isName = !DaemonAddress.isIPAddress(host) && !DaemonAddress.isLoopback(host)
                switch mode {
                case "awsvpc", "host":
                    guard isName, !host.containsBytes(".") || containerNames.contains(host) else { return nil }
                    return finding(value, "AWS_XRAY_DAEMON_ADDRESS '\(text)' names a container, but in \(mode) mode containers reach each other on 127.0.0.1",
                                   fix: "Remove the variable (the SDK default 127.0.0.1:2000 works in \(mode)) or set it to 127.0.0.1:2000")
                case "bridge":
                    if DaemonAddress.isLoopback(host), hasSidecar {
                        let agent = task.agents[0].name ?? "the agent"
                        return finding(value, "AWS_XRAY_DAEMON_ADDRESS '\(text)' is the app container's own loopback in bridge mode; the agent runs in container '\(agent)'",
                                       fix: "Link '\(agent)' and set AWS_XRAY_DAEMON_ADDRESS=\(agent):2000")
                    }
                    if isName, !host.containsBytes(".") || containerNames.contains(host), !container.links.contains(host) {
                        return finding(value, "AWS_XRAY_DAEMON_ADDRESS '\(text)' names '\(host)', which container '\(container.name ?? "?")' does not link, so the name does not resolve in bridge mode",
                                       fix: "Add \"\(host)\" to the container's links")
                    }
                    return nil
                default:
                    return nil
                }
            }
        }
    }
}
