import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonServiceOnFargate: LintRule {
    package static let description = RuleDescription(
        id: "XR109", name: "daemon-service-on-fargate", severity: .error,
        summary: "An ECS service with `schedulingStrategy: DAEMON` runs on Fargate.",
        rationale: "The DAEMON strategy places one task per container instance; Fargate has no instances, and ECS rejects the service. On Fargate run the agent as a sidecar.",
        sources: [.ecsCreateServiceAPI, .daemonOnECS],
        examples: [
            RuleExample("service.json", """
                {"serviceName": "xray-daemon", "taskDefinition": "xray-daemon", "schedulingStrategy": "DAEMON", "launchType": ↓"FARGATE"}

                """),
            RuleExample("service.json", """
                {"serviceName": "xray-daemon", "taskDefinition": "xray-daemon", "schedulingStrategy": "DAEMON", "launchType": "EC2"}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.services.filter { $0.isDaemon && $0.usesFargate }.map { service in
            let node = service.node.field("launchType") ?? service.node.field("capacityProviderStrategy") ?? service.node
            return finding(node, "a DAEMON service cannot run on Fargate (Fargate has no container instances)",
                           fix: "Run the agent as a sidecar in each Fargate task, or use the EC2 launch type")
        }
    }
}
