import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentWithoutLogs: LintRule {
    package static let description = RuleDescription(
        id: "XR124", name: "agent-without-logs", severity: .warning,
        summary: "The agent container has no `logConfiguration`, while every other container of its task has one.",
        rationale: "Without a log driver ECS keeps a container's output nowhere you can read once the task stops: an agent that cannot upload (AccessDenied, a refused SigV4 signature, an endpoint out of reach) or refuses its configuration says so only in its own log, so traces stop with no trace of why. The other containers of the task show where logs go; the agent can log there under its own stream prefix.",
        sources: [.ecsAwslogs, .ecsContainerDefinitionAPI, .daemonOnECS],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "memoryReservation": 256,
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/api", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "api"}}},
                  {"name": ↓"aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1", "memoryReservation": 256}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "memoryReservation": 256,
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/api", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "api"}}},
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1", "memoryReservation": 256,
                   "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/api", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "aws-otel-collector"}}}]}

                """),
            // No container logs: the task's way of logging is not known, so nothing to compare with.
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "memoryReservation": 256},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 256}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        // Elastic Beanstalk's Dockerrun files take no log configuration of this kind.
        run.taskDefinitions.filter { $0.document.kind != .dockerrun }.flatMap { task in
            task.agents.compactMap { agent -> Finding? in
                guard agent.node.field("logConfiguration") == nil else { return nil }
                let others = task.containers.filter { $0.node.pointer != agent.node.pointer }
                guard !others.isEmpty, others.allSatisfy({ $0.node.field("logConfiguration") != nil }),
                      let example = others.first(where: { $0.agentKind == nil && $0.node.field("firelensConfiguration") == nil }) ?? others.first
                else { return nil }
                let name = agent.name ?? "agent"
                return finding(agent.anchor, "the agent container '\(name)' has no logConfiguration, unlike the other containers of its task: when it cannot upload, nothing says why",
                               fix: "Give it the log configuration of '\(example.name ?? "?")' with its own stream prefix (awslogs-stream-prefix: \(name))")
            }
        }
    }
}
