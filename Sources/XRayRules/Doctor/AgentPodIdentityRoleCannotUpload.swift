import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentPodIdentityRoleCannotUpload: LintRule {
    package static let description = RuleDescription(
        id: "XR812", name: "agent-pod-identity-role-cannot-upload", severity: .error,
        summary: "An EKS Pod Identity association gives a tracing agent's ServiceAccount (the CloudWatch Observability add-on's `amazon-cloudwatch/cloudwatch-agent`, or one named for the X-Ray daemon or an OpenTelemetry collector) a role, among the linted files, without the X-Ray write actions.",
        rationale: "Under Pod Identity the agent's pods upload with the associated role only. The CloudWatch Observability add-on's agent needs X-Ray write access (AWSXrayWriteOnlyAccess, or CloudWatchAgentServerPolicy which grants it) and so does any daemon or collector exporting to X-Ray; without it every upload is refused and traces are lost, while the application sees nothing wrong. `xrayctl audit` reads the associations and the roles of each account, so this is checked on what is deployed as well as on templates and plans.",
        sources: [.eksPodIdentity, .cloudWatchObservabilityAddon],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  AgentAccess:
                    Type: AWS::EKS::PodIdentityAssociation
                    Properties:
                      ClusterName: apps
                      Namespace: amazon-cloudwatch
                      ServiceAccount: cloudwatch-agent
                      RoleArn: ↓!GetAtt AgentRole.Arn
                  AgentRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: pods.eks.amazonaws.com}
                            Action: [sts:AssumeRole, sts:TagSession]
                      Policies:
                        - PolicyName: logs
                          PolicyDocument:
                            Statement:
                              - {Effect: Allow, Action: logs:PutLogEvents, Resource: "*"}

                """),
            RuleExample("template.yaml", """
                Resources:
                  AgentAccess:
                    Type: AWS::EKS::PodIdentityAssociation
                    Properties:
                      ClusterName: apps
                      Namespace: amazon-cloudwatch
                      ServiceAccount: cloudwatch-agent
                      RoleArn: !GetAtt AgentRole.Arn
                  AgentRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: pods.eks.amazonaws.com}
                            Action: [sts:AssumeRole, sts:TagSession]
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess
                        - arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy

                """),
            RuleExample("template.yaml", """
                Resources:
                  AppAccess:
                    Type: AWS::EKS::PodIdentityAssociation
                    Properties:
                      ClusterName: apps
                      Namespace: shop
                      ServiceAccount: checkout
                      RoleArn: !GetAtt AppRole.Arn
                  AppRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: pods.eks.amazonaws.com}
                            Action: [sts:AssumeRole, sts:TagSession]

                """),
        ])

    /// Whether a ServiceAccount is a tracing agent's: the CloudWatch Observability add-on's own
    /// (docs/xray-facts.md §11), or one whose name says X-Ray daemon or OpenTelemetry collector.
    package static func isAgent(namespace: String, serviceAccount: String) -> Bool {
        if namespace == "amazon-cloudwatch" && serviceAccount == "cloudwatch-agent" { return true }
        let name = serviceAccount.lowercased()
        return ["xray", "otel", "opentelemetry", "adot"].contains { name.contains($0) }
    }

    package func check(_ run: LintRun) -> [Finding] {
        run.templates.flatMap { template in
            template.resources(ofType: "AWS::EKS::PodIdentityAssociation").compactMap { resource -> Finding? in
                guard let properties = resource.properties, let namespace = properties["Namespace"]?.text,
                      let account = properties["ServiceAccount"]?.text, Self.isAgent(namespace: namespace, serviceAccount: account),
                      let reference = properties["RoleArn"], let role = run.role(reference, in: template) else { return nil }
                let missing = role.notGranted(XRayActions.upload)
                guard !missing.isEmpty else { return nil }
                return finding(reference, "the Pod Identity role '\(role.displayName)' of agent ServiceAccount \(namespace)/\(account) does not allow \(missing.joined(separator: " and ")), so its traces are refused",
                               fix: "Attach AWSXrayWriteOnlyAccess (or CloudWatchAgentServerPolicy for the CloudWatch agent) to the role")
            }
        }
    }
}
