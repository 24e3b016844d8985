import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentRoleCannotUpload: LintRule {
    package static let description = RuleDescription(
        id: "XR201", name: "agent-role-cannot-upload", severity: .error, also: [.info],
        summary: "The role the agent actually uses does not allow `xray:PutTraceSegments` and `xray:PutTelemetryRecords`.",
        rationale: "The agent uploads with its task role; without the two write actions every batch fails with AccessDeniedException and no trace arrives. An attached policy xrayctl cannot read makes the result unknown: reported as info, never as an error.",
        sources: [.xrayIAM, .xrayActions, .issue("aws-samples/aws-microservices-deploy-options", 136), .daemonWriteAccessPolicy],
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
                        - PolicyName: logs
                          PolicyDocument:
                            Version: "2012-10-17"
                            Statement:
                              - Effect: Allow
                                Action: logs:PutLogEvents
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
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        roleChecks(run) + unresolved(run)
    }

    /// Tasks with an agent whose task role is not among the linted files: one info each, so a
    /// task definition linted alone does not look clean.
    package func unresolved(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.filter { !$0.partial && !$0.agents.isEmpty }.compactMap { task in
            guard let reference = task.taskRole, run.role(reference, in: task.template) == nil,
                  !task.agents.contains(where: { $0.flags["role-arn"] != nil }) else { return nil }
            let name = reference.literalText.flatMap { $0.split(separator: "/").last.map(String.init) } ?? "the task role"
            let definitions = run.roleDefinitions(reference)
            if definitions.count > 1 {
                let files = definitions.map(\.document.path).sorted().joined(separator: ", ")
                return finding(reference, "role '\(name)' is defined differently in files equally near this task (\(files)), so whether the agent may upload (XR201) and sample (XR202) was not checked",
                               fix: "Lint one setup at a time, or keep one definition of the role", severity: .info)
            }
            return finding(reference, "role '\(name)' is not among the linted files, so whether the agent may upload (XR201) and sample (XR202) was not checked",
                           fix: "Lint the role's policies with it (iam/NAME.policy.json, a template that defines it, or aws iam get-account-authorization-details output)",
                           severity: .info)
        }
    }

    package func roleChecks(_ run: LintRun) -> [Finding] {
        run.agentRoleUses.compactMap { use in
            let missing = use.role.notGranted(XRayActions.upload)
            if !missing.isEmpty {
                return finding(use.reference, "role '\(use.role.displayName)' that the agent uploads with does not allow \(missing.joined(separator: " and "))",
                               fix: "Attach AWSXRayDaemonWriteAccess to the role, or add the actions with Resource \"*\"")
            }
            let unknown = XRayActions.upload.contains { use.role.evaluate($0).decision == .unknown }
            guard unknown else { return nil }
            return finding(use.reference, "cannot tell whether role '\(use.role.displayName)' allows the X-Ray write actions: an attached policy is not known to xrayctl",
                           fix: "Lint the policy with it (aws iam get-account-authorization-details output works)", severity: .info)
        }
    }
}
