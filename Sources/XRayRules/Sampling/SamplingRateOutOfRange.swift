import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SamplingRateOutOfRange: LintRule {
    package static let description = RuleDescription(
        id: "XR602", name: "sampling-rate-out-of-range", severity: .error,
        summary: "`FixedRate` / `rate` is outside 0–1 (a value above 1 is almost always a percentage).",
        rationale: "The API and the SDK files take a fraction from 0 to 1; the console shows a percentage, which is how 5 ends up where 0.05 was meant.",
        sources: [.samplingRuleAPI, .xrayQuotas],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 10, \"FixedRate\": ↓5, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
            RuleExample("local.json", "{\"version\": 2, \"default\": {\"fixed_target\": 1, \"rate\": ↓-0.1}, \"rules\": []}\n"),
            RuleExample("local.json", "{\"version\": 2, \"default\": {\"fixed_target\": 1, \"rate\": 0.05}, \"rules\": []}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let nodes = run.centralizedRules.compactMap { $0.rule.fields["FixedRate"].map { ($0, "FixedRate") } }
            + run.localRuleFiles.flatMap { file in (file.set.rules + [file.set.defaultRule]).compactMap { $0.fields["FixedRate"].map { ($0, "rate") } } }
        return nodes.compactMap { node, name in
            guard !node.isIntrinsic, let text = node.text else { return nil }
            guard let rate = Double(text) else {
                return finding(node, "\(name) must be a number from 0 to 1, found '\(text)'")
            }
            guard !(0...1).contains(rate) else { return nil }
            let percent = rate > 1 && rate <= 100 ? "; \(text) looks like a percentage: use \(rate / 100)" : ""
            return finding(node, "\(name) \(text) is outside 0 to 1\(percent)", fix: rate > 1 && rate <= 100 ? "Use \(rate / 100)" : "Use a fraction from 0 to 1")
        }
    }
}
