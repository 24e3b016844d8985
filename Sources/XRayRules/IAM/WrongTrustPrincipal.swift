import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct WrongTrustPrincipal: LintRule {
    package static let description = RuleDescription(
        id: "XR207", name: "wrong-trust-principal", severity: .error,
        summary: "A role's trust policy does not fit its use: `ecs.amazonaws.com` for a task role, no `ec2.amazonaws.com` for an instance profile role, no `lambda.amazonaws.com` for a function's role.",
        rationale: "A role can only be assumed by the principals its trust policy names; ECS tasks assume roles as ecs-tasks.amazonaws.com (ecs.amazonaws.com is the ECS service itself), instances as ec2.amazonaws.com, functions as lambda.amazonaws.com.",
        sources: [.ecsTaskRole, .beanstalkInstanceProfile],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      TaskRoleArn: !GetAtt TaskRole.Arn
                      ContainerDefinitions:
                        - Name: api
                          Image: api:1
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ↓ecs.amazonaws.com}
                            Action: sts:AssumeRole

                """),
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      TaskRoleArn: !GetAtt TaskRole.Arn
                      ContainerDefinitions:
                        - Name: api
                          Image: api:1
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole

                """),
        ])

    package static let expected: [RoleUse.Kind: (service: String, use: String)] = [
        .agentTaskRole: ("ecs-tasks.amazonaws.com", "an ECS task role"),
        .taskRole: ("ecs-tasks.amazonaws.com", "an ECS task role"),
        .executionRole: ("ecs-tasks.amazonaws.com", "an ECS task execution role"),
        .lambda: ("lambda.amazonaws.com", "a Lambda function's role"),
        .instanceProfile: ("ec2.amazonaws.com", "an instance profile role"),
        .stateMachine: ("states.amazonaws.com", "a state machine's role"),
    ]

    package func check(_ run: LintRun) -> [Finding] {
        var seen = Set<String>()
        return run.roleUses.compactMap { use in
            guard let expected = Self.expected[use.kind], let trust = use.role.trust,
                  seen.insert(use.role.identity + expected.service).inserted else { return nil }
            let services = use.role.trustedServices
            // A principal given by an intrinsic (or a regional form such as states.us-east-1.amazonaws.com) is accepted.
            let servicePrefix = expected.service.split(separator: ".").first.map(String.init) ?? ""
            guard !services.contains(where: { $0 == expected.service || $0.hasPrefix(servicePrefix + ".") }),
                  !(trust.statementNodes.contains { $0.field("principal")?.field("service")?.asList.contains { $0.isIntrinsic } == true }) else { return nil }
            let principalNode = trust.statementNodes.compactMap { $0.field("principal")?.field("service") }.first ?? trust.node
            let found = services.isEmpty ? "no service principal" : services.joined(separator: ", ")
            let hint = services.contains("ecs.amazonaws.com") ? " (ecs.amazonaws.com is the ECS service, not your tasks)" : ""
            return finding(principalNode.items?.first ?? principalNode,
                           "role '\(use.role.displayName)' is used as \(expected.use) but trusts \(found)\(hint), so \(expected.service) cannot assume it",
                           fix: "Trust \(expected.service) in the role's AssumeRolePolicyDocument")
        }
    }
}
