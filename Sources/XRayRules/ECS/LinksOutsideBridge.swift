import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct LinksOutsideBridge: LintRule {
    package static let description = RuleDescription(
        id: "XR101", name: "links-outside-bridge", severity: .error,
        summary: "`links` is used in a task whose network mode is not `bridge`.",
        rationale: "ECS accepts links only in bridge mode and rejects the task definition otherwise; in awsvpc and host mode containers reach each other on 127.0.0.1.",
        sources: [.ecsContainerDefinitionAPI, .daemonOnECS],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "links": ↓["xray-daemon"]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "links": ["xray-daemon"]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap { task -> [Finding] in
            guard let mode = task.networkMode ?? (task.requiresFargate ? "awsvpc" : nil), mode != "bridge" else { return [] }
            return task.containers.compactMap { container in
                guard let links = container.node.field("links"), links.items?.isEmpty == false else { return nil }
                return finding(links, "container '\(container.name ?? "?")' uses links, which ECS allows only in bridge mode (this task is \(mode))",
                               fix: "Remove links: in \(mode) mode the containers share the network and reach the agent on 127.0.0.1:2000")
            }
        }
    }
}
