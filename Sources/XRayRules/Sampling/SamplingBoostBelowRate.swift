import XRayCore
import XRaySampling
import XRayViews

package struct SamplingBoostBelowRate: LintRule {
    package static let description = RuleDescription(
        id: "XR614", name: "sampling-boost-below-rate", severity: .warning,
        summary: "A rule's `SamplingRateBoost.MaxRate` is not above its `FixedRate`, so the boost can never raise the rate.",
        rationale: "X-Ray boosts a rule on anomalies to a rate between its fixed rate and MaxRate. A MaxRate at or below the fixed rate leaves nothing to boost: the rule looks adaptive and samples exactly as before. Usually MaxRate was written as a percentage's neighbour (0.05 for 5% when the fixed rate is 0.1) or the fixed rate was raised later.",
        sources: [.adaptiveSampling, .samplingRateBoostAPI],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 10, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1, \"SamplingRateBoost\": {\"MaxRate\": ↓0.05, \"CooldownWindowMinutes\": 10}}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 10, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1, \"SamplingRateBoost\": {\"MaxRate\": 0.5, \"CooldownWindowMinutes\": 10}}}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.centralizedRules.compactMap { rule, _ in
            guard let boost = rule.boost, let maxRate = boost.maxRate, let node = boost.maxRateNode, !node.isIntrinsic,
                  let rateNode = rule.fields["FixedRate"], !rateNode.isIntrinsic,
                  (0...1).contains(maxRate), maxRate <= rule.fixedRate else { return nil }
            return finding(node, "rule '\(rule.name)' boosts to at most \(SamplingRuleNumbers.text(maxRate)), which is not above its FixedRate \(SamplingRuleNumbers.text(rule.fixedRate)): the boost never raises the rate",
                           fix: "Set MaxRate above \(SamplingRuleNumbers.text(rule.fixedRate)) (the highest rate X-Ray may use during an anomaly), or remove SamplingRateBoost")
        }
    }
}

/// Numbers as written in sampling rules: 0.1 stays 0.1, 1.0 prints as 1.
enum SamplingRuleNumbers {
    static func text(_ value: Double) -> String { String(format: "%g", value) }
}
