import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct IRSARoleNotCreatedHere: LintRule {
    package static let description = RuleDescription(
        id: "XR918", name: "irsa-role-not-created-here", severity: .warning,
        summary: "A ServiceAccount's `eks.amazonaws.com/role-arn` names a role other than the one the linted IaC creates for that ServiceAccount (a role whose IRSA trust names exactly `system:serviceaccount:NAMESPACE:NAME`).",
        rationale: "The role the annotation names is the one STS is asked for. When the templates or plans beside the manifests create a role whose trust is written for this very ServiceAccount, but the annotation names another role that they do not create, the two were renamed apart: the pods assume a role that may not exist or does not trust them, and the role made for them goes unused. Roles the linted files do not create are not judged.",
        sources: [.eksIRSA, .eksIRSAAnnotation],
        examples: [
            RuleExample("serviceaccount.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  namespace: tracing
                  annotations:
                    eks.amazonaws.com/role-arn: ↓arn:aws:iam::123456789012:role/xray-daemon-role

                """, with: [("template.yaml", Self.template)]),
            RuleExample("serviceaccount.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  namespace: tracing
                  annotations:
                    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/shop-xray-daemon

                """, with: [("template.yaml", Self.template)]),
        ])

    package static let template = """
        Resources:
          DaemonRole:
            Type: AWS::IAM::Role
            Properties:
              RoleName: shop-xray-daemon
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {Federated: arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE}
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringEquals:
                        oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub: system:serviceaccount:tracing:xray-daemon
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess]

        """

    package func check(_ run: LintRun) -> [Finding] {
        guard !run.kubernetes.serviceAccounts.isEmpty else { return [] }
        let created = Set(run.roles.compactMap(\.name))
        // ServiceAccount subject → the roles created for it (their trust names it exactly).
        var rolesFor: [String: [String]] = [:]
        for role in run.roles {
            guard let name = role.name, let trust = role.trust else { continue }
            for statement in trust.statementNodes where IRSATrustTooBroad.isIRSA(statement) {
                for condition in IRSATrustTooBroad.subjects(statement) where condition.test.hasPrefix("StringEquals") {
                    if let subject = condition.value.text { rolesFor[subject, default: []].append(name) }
                }
            }
        }
        return run.kubernetes.serviceAccounts.compactMap { account in
            guard let value = KubernetesAgentWithoutIRSA.roleAnnotation(account), let arn = value.text, let name = account.name,
                  let range = arn.range(of: ":role/"),
                  let expected = rolesFor["system:serviceaccount:\(account.namespace):\(name)"] else { return nil }
            let annotated = String(arn[range.upperBound...].split(separator: "/").last ?? "")
            guard !expected.contains(annotated), !created.contains(annotated), !annotated.containsBytes("$"), !annotated.containsBytes("{") else { return nil }
            return finding(value, "\(account.label) asks for role \(annotated), but the IaC here creates \(expected.joined(separator: ", ")) for this ServiceAccount (its IRSA trust names it) and no role \(annotated)",
                           fix: "Annotate with the ARN of \(expected[0]), or rename one to match the other")
        }
    }
}
