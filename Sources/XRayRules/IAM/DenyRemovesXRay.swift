import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DenyRemovesXRay: LintRule {
    package static let description = RuleDescription(
        id: "XR208", name: "deny-removes-xray", severity: .error,
        summary: "An explicit `Deny` removes X-Ray write permissions that an `Allow` grants.",
        rationale: "In IAM an explicit Deny always wins over an Allow, wherever both are written; the agent gets AccessDenied although the role 'has' the policy.",
        sources: [.xrayIAM, .xrayActions, .iamEvaluation],
        examples: [
            RuleExample("policy.json", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "xray:*", "Resource": "*"},
                  ↓{"Effect": "Deny", "Action": "xray:Put*", "Resource": "*"}]}

                """),
            RuleExample("policy.json", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "xray:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "xray:DeleteGroup", "Resource": "*"}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        var reported = Set<String>()
        // Across every policy of each workload role, then within each permission policy.
        let sets: [(String, [PolicyStatement])] = run.workloadRoles.map { ("role '\($0.displayName)'", $0.permissions.statements) }
            + run.policies.filter { !$0.isTrustPolicy }.map { ("this policy", $0.statements) }
        for (owner, statements) in sets {
            let denied = XRayActions.upload.compactMap { action -> (String, LocatedNode)? in
                let result = PolicyEvaluator.evaluate(action, statements: statements)
                guard case .denied(overridesAllow: true) = result.decision, let node = result.denyStatement?.node else { return nil }
                return (action, node)
            }
            guard let node = denied.first?.1, reported.insert(node.location.description).inserted else { continue }
            findings.append(finding(node, "in \(owner) this Deny removes \(denied.map(\.0).joined(separator: " and ")), which an Allow grants; an explicit Deny always wins",
                                    fix: "Narrow the Deny so it does not match the X-Ray write actions"))
        }
        return findings
    }
}
