import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentRoleCannotSample: LintRule {
    package static let description = RuleDescription(
        id: "XR202", name: "agent-role-cannot-sample", severity: .warning,
        summary: "The role the agent uses does not allow `xray:GetSamplingRules` and `xray:GetSamplingTargets`.",
        rationale: "The agent proxies the SDKs' sampling calls and signs them with its own role; without these actions the SDKs silently fall back to local rules and ignore the console's rules.",
        sources: [.xrayIAM, .xrayActions, .javaSDKConfiguration],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      TaskRoleArn: ↓!GetAtt TaskRole.Arn
                      ContainerDefinitions:
                        - Name: xray-daemon
                          Image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          MemoryReservation: 256
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: xray
                          PolicyDocument:
                            Version: "2012-10-17"
                            Statement:
                              - Effect: Allow
                                Action: [xray:PutTraceSegments, xray:PutTelemetryRecords]
                                Resource: "*"

                """),
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      TaskRoleArn: !GetAtt TaskRole.Arn
                      ContainerDefinitions:
                        - Name: xray-daemon
                          Image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          MemoryReservation: 256
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: xray
                          PolicyDocument:
                            Version: "2012-10-17"
                            Statement:
                              - Effect: Allow
                                Action: [xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSampling*]
                                Resource: "*"

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.agentRoleUses.compactMap { use in
            let missing = use.role.notGranted(XRayActions.sampling)
            guard !missing.isEmpty else { return nil }
            return finding(use.reference, "role '\(use.role.displayName)' that the agent uses does not allow \(missing.joined(separator: " and ")); the SDKs will ignore centralized sampling rules",
                           fix: "Attach AWSXRayDaemonWriteAccess, which includes the sampling actions")
        }
    }
}
