import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SamplingRuleNameInvalid: LintRule {
    package static let description = RuleDescription(
        id: "XR604", name: "sampling-rule-name-invalid", severity: .error,
        summary: "A rule name is empty, over 32 characters, or a custom rule is named `Default`.",
        rationale: "RuleName is 1 to 32 characters, and Default is the built-in rule that can only be updated, never created.",
        sources: [.samplingRules, .samplingRuleAPI, .xrayQuotas],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": ↓\"Default\", \"Priority\": 1, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": ↓\"checkout-service-payments-and-refunds\", \"Priority\": 1, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"checkout\", \"Priority\": 1, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.centralizedRules.compactMap { rule, existing in
            guard let node = rule.fields["RuleName"], !node.isIntrinsic, let name = node.text ?? (node.scalar?.kind == .null ? "" : nil) else { return nil }
            if name.isEmpty { return finding(node, "the rule name is empty") }
            if name.count > 32 { return finding(node, "rule name '\(name)' is \(name.count) characters; the limit is 32") }
            if name == "Default" && !existing {
                return finding(node, "'Default' is the built-in rule: it cannot be created, only updated",
                               fix: "Rename the rule, or change Default with UpdateSamplingRule")
            }
            return nil
        }
    }
}
