import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SamplingFieldTooLong: LintRule {
    package static let description = RuleDescription(
        id: "XR608", name: "sampling-field-too-long", severity: .error,
        summary: "A field over its length limit (`ServiceName`/`ServiceType`/`Host` 64, `HTTPMethod` 10, `URLPath` 128, `ResourceARN` 500).",
        rationale: "CreateSamplingRule rejects longer values.",
        sources: [.samplingRuleAPI, .xrayQuotas],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 1, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": ↓\"GET,POST,PUT\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 1, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"GET\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
        ])

    package static let limits: [(String, Int)] = [("ServiceName", 64), ("ServiceType", 64), ("Host", 64), ("HTTPMethod", 10), ("URLPath", 128), ("ResourceARN", 500)]

    package func check(_ run: LintRun) -> [Finding] {
        run.centralizedRules.flatMap { rule, _ in
            Self.limits.compactMap { field, limit in
                guard let node = rule.fields[field], let text = node.text, text.count > limit else { return nil }
                return finding(node, "\(field) is \(text.count) characters; the limit is \(limit)")
            }
        }
    }
}
