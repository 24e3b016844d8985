import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AddressWithoutAgent: LintRule {
    package static let description = RuleDescription(
        id: "XR116", name: "address-without-agent", severity: .warning,
        summary: "App containers set `AWS_XRAY_DAEMON_ADDRESS`, but the task has no agent and no DAEMON agent service is among the linted files.",
        rationale: "Segments sent to an address where no agent listens are lost without an error (UDP); the agent must be a sidecar or a per-instance DAEMON service.",
        sources: [.daemonOnECS, .ecsCreateServiceAPI, .daemonIssue(53), .daemonIssue(24)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": ↓"172.17.0.1:2000"}]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "172.17.0.1:2000"}]}]}

                """, with: [
                    ("xray-daemon/service.json", "{\"serviceName\": \"xray-daemon\", \"taskDefinition\": \"xray-daemon\", \"schedulingStrategy\": \"DAEMON\"}\n"),
                    ("xray-daemon/task-definition.json", "{\"family\": \"xray-daemon\", \"containerDefinitions\": [{\"name\": \"xray-daemon\", \"image\": \"public.ecr.aws/xray/aws-xray-daemon:3.6.6\"}]}\n"),
                ]),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        guard !run.hasDaemonAgentService else { return [] }
        return run.taskDefinitions.filter { !$0.partial && $0.agents.isEmpty && $0.document.kind != .dockerrun }.flatMap { task in
            task.daemonAddresses.map { _, value, text in
                finding(value, "AWS_XRAY_DAEMON_ADDRESS is '\(text)', but this task runs no agent and no DAEMON service running one is linted with it",
                        fix: "Add an agent sidecar to the task, or lint it together with the DAEMON service that runs the agent")
            }
        }
    }
}
