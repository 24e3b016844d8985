import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct CrossAccountRoleBroken: LintRule {
    package static let description = RuleDescription(
        id: "XR210", name: "cross-account-role-broken", severity: .error,
        summary: "The daemon is given a cross-account role (`-r`/`--role-arn`/`RoleARN`), but its own role may not `sts:AssumeRole` it, or the target role does not trust it.",
        rationale: "With a role ARN the daemon assumes that role for every upload; both sides must agree, or it fails with 'AccessDenied … not authorized to perform: sts:AssumeRole'.",
        sources: [.daemonConfiguration, .daemonIssue(38)],
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
                          Command: [-r, ↓"arn:aws:iam::999988887777:role/central-xray"]
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
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      TaskRoleArn: !GetAtt TaskRole.Arn
                      ContainerDefinitions:
                        - Name: xray-daemon
                          Image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          Command: [-r, "arn:aws:iam::999988887777:role/central-xray"]
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: assume
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: sts:AssumeRole
                                Resource: arn:aws:iam::999988887777:role/central-xray

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        for task in run.taskDefinitions {
            for agent in task.agents {
                guard let flag = agent.flags["role-arn"], let target = flag.value, target.hasPrefix("arn:") else { continue }
                let node = flag.valueNode ?? flag.node
                guard let source = run.role(task.taskRole, in: task.template) else { continue }
                let result = PolicyEvaluator.evaluate("sts:AssumeRole", resource: target, statements: source.permissions.statements,
                                                      unknownPolicies: source.permissions.unknown)
                if case .notGranted = result.decision {
                    findings.append(finding(node, "the daemon assumes \(target), but its task role '\(source.displayName)' does not allow sts:AssumeRole on it",
                                            fix: "Allow sts:AssumeRole on exactly \(target) in the task role"))
                } else if case .denied = result.decision {
                    findings.append(finding(node, "the daemon assumes \(target), but its task role '\(source.displayName)' denies sts:AssumeRole on it"))
                }
                // The target role, when it is linted too, must trust the source role or its account.
                let targetName = target.split(separator: "/").last.map(String.init)
                if let targetRole = run.roles.first(where: { $0.name == targetName }), let trust = targetRole.trust {
                    let principals = targetRole.trustedAWSPrincipals
                    let sourceAccount = task.taskRole?.literalText.flatMap { ARN($0)?.account }
                    let trusted = principals.contains { principal in
                        principal == "*" || principal.hasSuffix(":role/\(source.name ?? "\u{0}")")
                            || sourceAccount.map { principal == $0 || principal.hasSuffix("::\($0):root") } == true
                    }
                    if !trusted {
                        findings.append(finding(trust.node, "role '\(targetRole.displayName)' does not trust the daemon's role '\(source.displayName)', so the daemon cannot assume it",
                                                fix: "Add the daemon's task role ARN as an AWS principal in the trust policy"))
                    }
                }
            }
        }
        return findings
    }
}
