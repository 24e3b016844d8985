import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct MalformedPolicy: LintRule {
    package static let description = RuleDescription(
        id: "XR211", name: "malformed-policy", severity: .error,
        summary: "A malformed policy document: no `Statement`, a statement without `Effect` or `Action`, an `Effect` other than Allow/Deny, or a bad `Version`.",
        rationale: "IAM rejects such a policy (MalformedPolicyDocument) when it is created, so the role ends up without it.",
        sources: [.iamGrammar],
        examples: [
            RuleExample("policy.json", """
                {"Version": ↓"2012-10-18", "Statement": [{"Effect": "Allow", "Action": "xray:PutTraceSegments", "Resource": "*"}]}

                """),
            RuleExample("policy.json", """
                {"Version": "2012-10-17", "Statement": [↓{"Action": "xray:PutTraceSegments", "Resource": "*"}]}

                """),
            RuleExample("policy.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "xray:PutTraceSegments", "Resource": "*"}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.policies.flatMap { policy -> [Finding] in
            guard !policy.node.isIntrinsic, policy.node.pairs != nil else { return [] }
            var findings: [Finding] = []
            if let version = policy.node.field("version"), let text = version.text, !["2012-10-17", "2008-10-17"].contains(text) {
                findings.append(finding(version, "policy Version '\(text)' is not 2012-10-17 (or the old 2008-10-17)", fix: "Use \"Version\": \"2012-10-17\""))
            }
            guard policy.node.field("statement") != nil else {
                return findings + [finding(policy.node, "the policy has no Statement", fix: "Add a Statement list")]
            }
            for statement in policy.statementNodes where statement.pairs != nil && !statement.isIntrinsic {
                if let effect = statement.field("effect") {
                    if let text = effect.text, text != "Allow", text != "Deny" {
                        findings.append(finding(effect, "Effect must be Allow or Deny (case-sensitive), found '\(text)'"))
                    }
                } else {
                    findings.append(finding(statement, "the statement has no Effect", fix: "Add \"Effect\": \"Allow\" or \"Deny\""))
                }
                if statement.field("action") == nil && statement.field("notAction") == nil {
                    findings.append(finding(statement, "the statement has neither Action nor NotAction"))
                }
            }
            return findings
        }
    }
}
