import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SamplingPriorityOutOfRange: LintRule {
    package static let description = RuleDescription(
        id: "XR601", name: "sampling-priority-out-of-range", severity: .error,
        summary: "A custom rule's `Priority` is outside 1–9999 (10000 belongs to `Default`).",
        rationale: "X-Ray rejects other priorities for custom rules with InvalidRequestException; 10000 is the Default rule's and cannot be taken.",
        sources: [.samplingRules, .samplingRuleAPI, .xrayQuotas, .issue("hashicorp/terraform-provider-aws", 23409)],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": ↓10000, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 9999, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.centralizedRules.compactMap { rule, existing in
            guard !(existing && rule.isDefault), let node = rule.fields["Priority"], !node.isIntrinsic else { return nil }
            if let priority = node.text.flatMap({ Int($0) }), (1...9999).contains(priority) { return nil }
            return finding(node, "rule '\(rule.name)' has Priority \(node.text ?? node.typeName); custom rules take 1 to 9999 (10000 is Default's)",
                           fix: "Use a priority from 1 to 9999 (lower is tried first)")
        }
    }
}
