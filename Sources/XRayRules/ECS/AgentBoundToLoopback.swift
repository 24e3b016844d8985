import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentBoundToLoopback: LintRule {
    package static let description = RuleDescription(
        id: "XR113", name: "agent-bound-to-loopback", severity: .error,
        summary: "The agent listens on 127.0.0.1 (`-b`/`-t`/`--bind`/`--bind-tcp` 127.0.0.1…) in a multi-container task.",
        rationale: "Bound to loopback the daemon accepts only its own container's traffic; AWS: 'Flags -t and -b are required to specify a binding address to listen to the loopback of a multi-container environment', and the official images bind 0.0.0.0.",
        sources: [.daemonGuide, .daemonReadme, .daemonIssue(135), .daemonOnECS],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "links": ["xray-daemon"]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "command": ["-b", ↓"127.0.0.1:2000"]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "links": ["xray-daemon"]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "command": ["-b", "0.0.0.0:2000"]}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.filter { $0.containers.count > 1 }.flatMap { task in
            task.agents.flatMap { agent -> [Finding] in
                agent.flags.loopbackBinds.map { name, flag, value in
                    finding(flag.valueNode ?? flag.node, "the agent binds \(name == "bind" ? "UDP" : "TCP") to \(value), so the other containers of the task cannot reach it",
                            fix: "Bind 0.0.0.0:2000 (-\(name == "bind" ? "b" : "t") 0.0.0.0:2000), as the official images do")
                }
            }
        }
    }
}
