import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct ShadowedSamplingRule: LintRule {
    package static let description = RuleDescription(
        id: "XR606", name: "shadowed-sampling-rule", severity: .warning, also: [.info],
        summary: "A rule that can never apply because an earlier rule (by priority, then name) matches every request it matches.",
        rationale: "The SDKs try rules in order and stop at the first match; a rule whose every matcher is contained in an earlier rule's is dead. Decided exactly by wildcard-pattern containment over all five matchers.",
        sources: [.samplingRules, .pythonSDKSamplingRule],
        examples: [
            RuleExample("rules.json", """
                [{"SamplingRule": {"RuleName": "all-api", "Priority": 1, "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "api*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}},
                 {"SamplingRule": {"RuleName": ↓"api-health", "Priority": 2, "FixedRate": 0, "ReservoirSize": 0, "ResourceARN": "*", "ServiceName": "api-prod", "ServiceType": "*", "Host": "*", "HTTPMethod": "GET", "URLPath": "/health", "Version": 1}}]

                """),
            RuleExample("rules.json", """
                [{"SamplingRule": {"RuleName": "api-health", "Priority": 1, "FixedRate": 0, "ReservoirSize": 0, "ResourceARN": "*", "ServiceName": "api-prod", "ServiceType": "*", "Host": "*", "HTTPMethod": "GET", "URLPath": "/health", "Version": 1}},
                 {"SamplingRule": {"RuleName": "all-api", "Priority": 2, "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "api*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}}]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.samplingSets.flatMap { set -> [Finding] in
            let analysis = SamplingShadowing.analyse(set)
            let stopped = analysis.stoppedAt.flatMap { rule in rule.node("RuleName").map { node in
                finding(node, "xrayctl stopped comparing the rules at '\(rule.name)': their patterns are too costly to compare in all (more than \(SamplingShadowing.setBudget) states), so it and the rules after it were not checked for shadowing",
                        fix: "Check the remaining rules' order by hand, or simplify their patterns (fewer ? and * around literals)", severity: .info)
            } }
            return analysis.shadows.compactMap { shadow -> Finding? in
                guard let node = shadow.rule.node("RuleName") else { return nil }
                if shadow.undecided {
                    return finding(node, "cannot decide whether '\(shadow.by.name)', which comes first, matches every request '\(shadow.rule.name)' matches: their patterns are too costly to compare exactly",
                                   fix: "Check the two rules' patterns by hand, or simplify them (fewer ? and * around literals)", severity: .info)
                }
                return finding(node, "rule '\(shadow.rule.name)' never applies: '\(shadow.by.name)' comes first and matches every request it matches",
                               fix: "Give '\(shadow.rule.name)' a lower priority number than '\(shadow.by.name)', or narrow '\(shadow.by.name)'")
            } + (stopped.map { [$0] } ?? [])
        }
    }
}
