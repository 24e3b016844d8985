import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SharedSamplingPriority: LintRule {
    package static let description = RuleDescription(
        id: "XR610", name: "shared-sampling-priority", severity: .info,
        summary: "Two rules share a priority, so their order depends on their names.",
        rationale: "Rules with equal priority are tried in name order; renaming one silently changes which applies.",
        sources: [.samplingRules, .pythonSDKSamplingRule],
        examples: [
            RuleExample("rules.json", """
                [{"SamplingRule": {"RuleName": "a", "Priority": 5, "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "a", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}},
                 {"SamplingRule": {"RuleName": "b", "Priority": ↓5, "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "b", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}}]

                """),
            RuleExample("rules.json", """
                [{"SamplingRule": {"RuleName": "a", "Priority": 5, "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "a", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}},
                 {"SamplingRule": {"RuleName": "b", "Priority": 6, "FixedRate": 0.1, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "b", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}}]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.samplingSets.filter { $0.kind == .centralized }.flatMap { set -> [Finding] in
            var first: [Int: SamplingRule] = [:]
            return set.rules.compactMap { rule in
                guard let earlier = first[rule.priority] else { first[rule.priority] = rule; return nil }
                guard let node = rule.node("Priority") else { return nil }
                return finding(node, "rules '\(earlier.name)' and '\(rule.name)' share priority \(rule.priority); their order depends on their names",
                               fix: "Give each rule its own priority")
            }
        }
    }
}
