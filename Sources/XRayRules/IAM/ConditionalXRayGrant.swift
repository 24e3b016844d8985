import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct ConditionalXRayGrant: LintRule {
    package static let description = RuleDescription(
        id: "XR209", name: "conditional-xray-grant", severity: .info,
        summary: "The agent's or function's X-Ray write permissions are granted only under a `Condition`, which cannot be proven statically.",
        rationale: "Whether a condition holds depends on the request (source IP, tags, VPC endpoint); if it does not, uploads fail with AccessDenied. xrayctl says so instead of guessing.",
        sources: [.xrayIAM, .xrayActions],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      TaskRoleArn: !GetAtt TaskRole.Arn
                      ContainerDefinitions:
                        - Name: xray-daemon
                          Image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: xray
                          PolicyDocument:
                            Statement:
                              - ↓Effect: Allow
                                Action: "xray:*"
                                Resource: "*"
                                Condition: {StringEquals: {"aws:SourceVpce": vpce-1a2b3c4d}}

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
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let uses = run.agentRoleUses + run.roleUses.filter { $0.kind == .lambda }
        var seen = Set<String>()
        return uses.compactMap { use in
            let result = use.role.evaluate("xray:PutTraceSegments")
            guard result.decision == .conditional, seen.insert(use.role.identity).inserted else { return nil }
            return finding(result.allowStatement?.node ?? use.reference,
                           "role '\(use.role.displayName)' allows the X-Ray write actions only under a condition; if it does not hold, uploads are denied")
        }
    }
}
