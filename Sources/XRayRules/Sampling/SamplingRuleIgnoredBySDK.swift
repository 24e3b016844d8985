import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SamplingRuleIgnoredBySDK: LintRule {
    package static let description = RuleDescription(
        id: "XR605", name: "sampling-rule-ignored-by-sdk", severity: .warning,
        summary: "A rule the X-Ray SDKs ignore: `ResourceARN` other than `*`, non-empty `Attributes`, or `Version` other than 1.",
        rationale: "'The SDK can only use rules with Resource ARN set to *' and 'ignores rules that specify attributes': such a rule applies to API Gateway and other services but never to instrumented code.",
        sources: [.samplingRules, .pythonSDKSamplingRule, .pythonSDKConnector],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 1, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": ↓\"arn:aws:ecs:us-east-1:123456789012:service/api\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 1, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1}}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.centralizedRules.compactMap { rule, _ in
            guard let reason = rule.ignoredBecause else { return nil }
            let field = rule.resourceARN != "*" ? "ResourceARN" : !rule.attributes.isEmpty ? "Attributes" : "Version"
            guard let node = rule.node(field), rule.fields[field]?.isIntrinsic != true else { return nil }
            return finding(node, "the X-Ray SDKs ignore rule '\(rule.name)' because \(reason); it never applies to instrumented code",
                           fix: "Use ResourceARN \"*\", no Attributes and Version 1 for rules meant for SDK-instrumented services")
        }
    }
}
