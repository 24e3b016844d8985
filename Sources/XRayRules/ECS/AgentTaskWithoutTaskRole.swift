import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentTaskWithoutTaskRole: LintRule {
    package static let description = RuleDescription(
        id: "XR107", name: "agent-task-without-task-role", severity: .error, also: [.warning],
        summary: "A task with an X-Ray agent has no `taskRoleArn` (an error on Fargate, a warning on EC2).",
        rationale: "The agent signs uploads with the task role. Fargate has no other credentials, so every upload fails; on EC2 the agent falls back to the instance role, which then needs X-Ray access and gives it to every task on the host.",
        sources: [.ecsExecutionRole, .ecsTaskRole],
        examples: [
            RuleExample("taskdef.json", """
                {↓"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "taskRoleArn": "arn:aws:iam::123456789012:role/api-task", "containerDefinitions": [
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.filter { !$0.partial }.compactMap { task in
            guard !task.agents.isEmpty, task.taskRole == nil, task.document.kind != .dockerrun else { return nil }
            let anchor = task.node.keyNode("family") ?? task.node.keyNode("Family") ?? task.anchor
            if task.requiresFargate {
                return finding(anchor, "the task runs an X-Ray agent on Fargate without a task role, so the agent has no credentials to upload traces",
                               fix: "Set taskRoleArn to a role with the X-Ray write actions (AWSXRayDaemonWriteAccess)")
            }
            return finding(anchor, "the task runs an X-Ray agent without a task role; the agent falls back to the instance role",
                           fix: "Set taskRoleArn to a role with the X-Ray write actions (AWSXRayDaemonWriteAccess)", severity: .warning)
        }
    }
}
