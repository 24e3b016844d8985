struct OverbroadXRayGrant: LintRule {
    static let description = RuleDescription(
        id: "XR205", name: "overbroad-xray-grant", severity: .warning,
        summary: "A workload role (ECS task, Lambda, EC2 instance) gets `xray:*`, `*` or `AWSXrayFullAccess` where write access suffices.",
        rationale: "Full access includes PutEncryptionConfig and the rule and group APIs: a compromised workload could change encryption or sampling for the whole account. Agents need only the five write and sampling actions of AWSXRayDaemonWriteAccess.",
        sources: [.daemonWriteAccessPolicy, .xrayEncryption, .putEncryptionConfigAPI],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - ↓arn:aws:iam::aws:policy/AWSXrayFullAccess

                """),
            RuleExample("template.yaml", """
                Resources:
                  TaskRole:
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

    func check(_ run: LintRun) -> [Finding] {
        run.workloadRoles.compactMap { role in
            guard let grant = role.broadGrant() else { return nil }
            return finding(grant.node, "workload role '\(role.displayName)' gets \(grant.what), far more X-Ray access than tracing needs",
                           fix: "Use AWSXRayDaemonWriteAccess (or the five actions it lists) instead")
        }
    }
}
