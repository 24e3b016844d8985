import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentWithoutMemory: LintRule {
    package static let description = RuleDescription(
        id: "XR112", name: "agent-without-memory", severity: .warning,
        summary: "On EC2, the agent container has no `memory` or `memoryReservation` and the task sets no memory.",
        rationale: "ECS on EC2 needs a memory figure for every container when the task sets none, and rejects the task otherwise; AWS's example gives the daemon memoryReservation 256.",
        sources: [.daemonOnECS, .ecsContainerDefinitionAPI],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {↓"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "cpu": 32}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "cpu": 32, "memoryReservation": 256}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.filter { !$0.partial && !$0.requiresFargate && $0.node.field("memory") == nil }.flatMap(\.agents).compactMap { agent in
            guard agent.node.field("memory") == nil, agent.node.field("memoryReservation") == nil else { return nil }
            let key = agent.node.keyNode("name") ?? agent.node.keyNode("Name") ?? agent.anchor
            return finding(key, "the agent container '\(agent.name ?? "?")' has no memory or memoryReservation, and the task sets no memory",
                           fix: "Add \"memoryReservation\": 256")
        }
    }
}
