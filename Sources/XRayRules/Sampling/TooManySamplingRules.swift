import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TooManySamplingRules: LintRule {
    package static let description = RuleDescription(
        id: "XR607", name: "too-many-sampling-rules", severity: .warning,
        summary: "More than 25 custom rules (the default quota per region).",
        rationale: "X-Ray allows 25 custom sampling rules per region unless the quota (L-8C0C998A) is raised; the 26th CreateSamplingRule call fails.",
        sources: [.samplingRuleAPI, .xrayQuotas],
        examples: [
            RuleExample("rules.json", "↓[" + (1...26).map { "{\"SamplingRule\": {\"RuleName\": \"r\($0)\", \"Priority\": \($0), \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"s\($0)\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}" }.joined(separator: ",\n") + "]\n"),
            RuleExample("rules.json", "[" + (1...25).map { "{\"SamplingRule\": {\"RuleName\": \"r\($0)\", \"Priority\": \($0), \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"s\($0)\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}" }.joined(separator: ",\n") + "]\n"),
        ])

    package static let quota = 25

    package func check(_ run: LintRun) -> [Finding] {
        run.samplingSets.filter { $0.kind == .centralized && $0.rules.count > Self.quota }.compactMap { set in
            set.node.map { finding($0, "\(set.rules.count) custom sampling rules exceed the default quota of \(Self.quota) per region",
                                   fix: "Merge rules, or request a quota increase (L-8C0C998A) before applying") }
        }
    }
}
