import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct IRSATrustTooBroad: LintRule {
    package static let description = RuleDescription(
        id: "XR911", name: "irsa-trust-mismatch", severity: .error, also: [.warning],
        summary: "An IRSA trust policy (an EKS OIDC provider, `sts:AssumeRoleWithWebIdentity`) whose `sub` condition does not name the ServiceAccount annotated with the role in the linted files (error), or has no `sub` condition at all (warning).",
        rationale: "STS compares the pod's token subject `system:serviceaccount:NAMESPACE:NAME` with the trust policy's `sub` condition: another namespace or account name and AssumeRoleWithWebIdentity is denied, so the agent has no credentials. Without a `sub` condition, every ServiceAccount of every cluster trusting that provider may assume the role.",
        sources: [.eksIRSAAnnotation, .eksIRSA],
        examples: [
            RuleExample("trust.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE"},
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Condition": ↓{"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud": "sts.amazonaws.com"}}}]}

                """),
            RuleExample("iam/xray-daemon.trust.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE"},
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Condition": {"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub": ↓"system:serviceaccount:default:xray-daemon"}}}]}

                """, with: [("serviceaccount.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  namespace: xray
                  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/xray-daemon"}

                """)]),
            RuleExample("iam/xray-daemon.trust.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE"},
                  "Action": "sts:AssumeRoleWithWebIdentity",
                  "Condition": {"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub": "system:serviceaccount:xray:xray-daemon"}}}]}

                """, with: [("serviceaccount.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  namespace: xray
                  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/xray-daemon"}

                """)]),
        ])

    /// An IRSA statement: a Federated EKS OIDC provider allowed AssumeRoleWithWebIdentity.
    package static func isIRSA(_ statement: LocatedNode) -> Bool {
        guard statement.field("effect")?.text == "Allow",
              let federated = statement.field("principal")?.field("federated") else { return false }
        let providers = federated.asList.map { $0.literalText ?? $0.field("Fn::Sub")?.text ?? "" }
        let actions = (statement.field("action")?.asList ?? []).compactMap(\.text)
        return providers.contains { $0.containsBytes(":oidc-provider/") && $0.containsBytes("oidc.eks.") }
            && actions.contains { $0 == "sts:AssumeRoleWithWebIdentity" || $0 == "sts:*" || $0 == "*" }
    }

    /// The `…:sub` condition values, each with its operator.
    package static func subjects(_ statement: LocatedNode) -> [(test: String, value: LocatedNode)] {
        (statement.field("condition")?.pairs ?? []).flatMap { condition -> [(test: String, value: LocatedNode)] in
            let name = condition.key.text ?? ""
            return (condition.value.pairs ?? []).filter { ($0.key.text ?? "").hasSuffix(":sub") }
                .flatMap { pair in pair.value.asList.map { (name, $0) } }
        }
    }

    package func check(_ run: LintRun) -> [Finding] {
        // Roles named by ServiceAccount annotations here: role name → the subjects that must match.
        var annotated: [String: [String]] = [:]
        for account in run.kubernetes.serviceAccounts {
            guard let arn = KubernetesAgentWithoutIRSA.roleAnnotation(account)?.text, let name = account.name,
                  let range = arn.range(of: ":role/") else { continue }
            let role = String(arn[range.upperBound...].split(separator: "/").last ?? "")
            annotated[role, default: []].append("system:serviceaccount:\(account.namespace):\(name)")
        }
        var findings: [Finding] = []
        var trusts: [(policy: PolicyView, role: String?)] = run.roles.compactMap { role in role.trust.map { ($0, role.name) } }
        let known = Set(trusts.map { $0.policy.document.path + "#" + $0.policy.node.pointer })
        trusts += run.policies.filter { $0.isTrustPolicy && !known.contains($0.document.path + "#" + $0.node.pointer) }.map { ($0, nil) }
        for (policy, role) in trusts {
            for statement in policy.statementNodes where Self.isIRSA(statement) {
                let subjects = Self.subjects(statement)
                if subjects.isEmpty {
                    findings.append(finding(statement.field("condition") ?? statement.field("principal") ?? statement,
                                            "this IRSA trust has no ':sub' condition: every ServiceAccount in every cluster of that OIDC provider may assume the role",
                                            fix: "Add StringEquals \"OIDC:sub\": \"system:serviceaccount:NAMESPACE:NAME\" (and \"OIDC:aud\": \"sts.amazonaws.com\")",
                                            severity: .warning))
                    continue
                }
                guard let role, let expected = annotated[role] else { continue }
                let matches = expected.contains { subject in
                    subjects.contains { condition in
                        guard let value = condition.value.text else { return true }
                        return condition.test.hasPrefix("StringLike") ? WildcardPattern.matches(value, subject) : value == subject
                    }
                }
                if !matches, let first = subjects.first {
                    findings.append(finding(first.value, "the role \(role) trusts '\(first.value.text ?? "")', but the ServiceAccount annotated with it is \(expected.joined(separator: ", ")): STS denies AssumeRoleWithWebIdentity and the pods get no credentials",
                                            fix: "Make the sub condition \(expected[0])"))
                }
            }
        }
        return findings
    }
}
