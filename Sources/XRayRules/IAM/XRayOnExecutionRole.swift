import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct XRayOnExecutionRole: LintRule {
    package static let description = RuleDescription(
        id: "XR206", name: "xray-on-execution-role", severity: .error,
        summary: "X-Ray permissions on the ECS task execution role but not on the task role.",
        rationale: "The execution role is used by ECS itself to pull images and write logs and is not visible to containers; the agent signs with the task role, so the permissions are in the wrong place.",
        sources: [.ecsExecutionRole, .ecsTaskRole],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ExecutionRoleArn: ↓!GetAtt ExecutionRole.Arn
                      ContainerDefinitions:
                        - Name: xray-daemon
                          Image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                  ExecutionRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
                        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess

                """),
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      ExecutionRoleArn: !GetAtt ExecutionRole.Arn
                      TaskRoleArn: !GetAtt ExecutionRole.Arn
                      ContainerDefinitions:
                        - Name: xray-daemon
                          Image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                  ExecutionRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.roleUses.filter { $0.kind == .executionRole }.compactMap { use in
            guard let task = use.task, !task.agents.isEmpty, use.role.evaluate("xray:PutTraceSegments").decision.isAllowed else { return nil }
            if let taskRole = run.role(task.taskRole, in: task.template), taskRole.evaluate("xray:PutTraceSegments").decision.isAllowed {
                return nil
            }
            return finding(use.reference, "the X-Ray permissions are on execution role '\(use.role.displayName)', which the agent never uses; the task role \(task.taskRole == nil ? "is missing" : "lacks them")",
                           fix: "Move AWSXRayDaemonWriteAccess to the task role (taskRoleArn)")
        }
    }
}
