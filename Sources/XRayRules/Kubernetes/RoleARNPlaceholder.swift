import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct RoleARNPlaceholder: LintRule {
    package static let description = RuleDescription(
        id: "XR908", name: "role-arn-placeholder", severity: .warning, also: [.info],
        summary: "A ServiceAccount's `eks.amazonaws.com/role-arn` still holds a placeholder (`${AWS_ACCOUNT_ID}`, `<ACCOUNT>`, `ACCOUNT_ID`, `{{ … }}`) instead of a role ARN.",
        rationale: "`kubectl apply` takes the text as it is; STS then refuses the web identity call for a role ARN that names no account, and the agent has no credentials. Files kept as templates for envsubst, a template engine or xrayctl's own README step are fine once rendered, so this is a warning, not an error: lint what you apply to be sure. Two cases are information instead: a value that is a template variable as a whole (`{{ROLE_ARN}}`, `XRAY_SA_ROLE`), which the tool that renders the file replaces with an ARN, in any manifest; and xrayctl's own `ACCOUNT_ID` in manifests xrayctl generated (labelled `app.kubernetes.io/managed-by: xrayctl`), which the generated README's apply step fills.",
        sources: [.eksIRSAAnnotation],
        examples: [
            RuleExample("serviceaccount.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  annotations:
                    eks.amazonaws.com/role-arn: ↓arn:aws:iam::${AWS_ACCOUNT_ID}:role/xray-daemon

                """),
            RuleExample("serviceaccount.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  annotations:
                    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/xray-daemon

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.kubernetes.serviceAccounts.compactMap { account in
            guard let value = KubernetesAgentWithoutIRSA.roleAnnotation(account), let text = value.text else { return nil }
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            let accountID = parts.count > 4 ? String(parts[4]) : ""
            guard text.containsBytes("${") || text.containsBytes("<") || text.containsBytes("{{") || !ARN.isAccountID(accountID) else { return nil }
            // The whole value a template variable (`{{ROLE}}`, `${ROLE}`, `XRAY_SA_ROLE`): the tool that
            // renders the file writes the ARN, as the rest of such a repository shows.
            if !text.hasPrefix("arn:") {
                return finding(value, "the role ARN on \(account.label) is the template variable '\(text)': whatever renders this file must write a role ARN there before it is applied",
                               fix: "Lint the rendered manifests to check the ARN", severity: .info)
            }
            if text.containsBytes(":\(GenerationContext.accountPlaceholder):"), account.metadata?["labels"]?["app.kubernetes.io/managed-by"]?.text == "xrayctl" {
                return finding(value, "the role ARN on \(account.label) holds xrayctl's placeholder \(GenerationContext.accountPlaceholder), which the generated README's apply step fills with the caller's account; apply it that way",
                               fix: "Set account: in xray.yaml to write the ARN in full", severity: .info)
            }
            return finding(value, "the role ARN '\(text)' on \(account.label) holds a placeholder, not a 12-digit account: STS refuses it and the pods get no credentials",
                           fix: "Substitute the account (and role) before applying, or lint the rendered manifests")
        }
    }
}
