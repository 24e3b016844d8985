import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonWithoutBufferLimit: LintRule {
    package static let description = RuleDescription(
        id: "XR119", name: "daemon-without-buffer-limit", severity: .info,
        summary: "The X-Ray daemon runs in a container without `-m` (or `TotalBufferSizeMB`): its buffer defaults to 1% of the host's memory.",
        rationale: "The daemon sizes its buffer from the memory it sees, which inside a container is the whole host's; on a large host that can exceed the container's limit (an inference; AWS does not document it).",
        sources: [.daemonOnECS],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{↓"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 256}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 256, "command": ["-m", "24"]}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        // A Fargate task is a micro-VM sized to the task: the daemon's 1% is of the task's memory.
        // Containers without their task may be Fargate containers: not judged.
        run.taskDefinitions.filter { !$0.partial && !$0.runsOnlyOnFargate(run) }.flatMap(\.agents).compactMap { agent in
            guard agent.agentKind == .xrayDaemon, agent.flags["buffer-memory"] == nil,
                  agent.node.field("command")?.isIntrinsic != true else { return nil }
            let key = agent.node.keyNode("name") ?? agent.node.keyNode("Name") ?? agent.anchor
            return finding(key, "the daemon in '\(agent.name ?? "?")' sizes its buffer from the host's memory, not the container's",
                           fix: "Add \"-m\", \"24\" (MB) to its command, below its memory reservation")
        }
    }
}
