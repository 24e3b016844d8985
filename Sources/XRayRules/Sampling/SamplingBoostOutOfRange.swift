import XRayCore
import XRaySampling
import XRayViews

package struct SamplingBoostOutOfRange: LintRule {
    package static let description = RuleDescription(
        id: "XR615", name: "sampling-boost-out-of-range", severity: .error, also: [.warning],
        summary: "`SamplingRateBoost` has a `MaxRate` outside 0–1, or a `CooldownWindowMinutes` that is not a whole number of at least 1 (0 in an API input: warning).",
        rationale: "X-Ray's API takes MaxRate from 0 to 1 and CooldownWindowMinutes as an integer from 0; CloudFormation's AWS::XRay::SamplingRule requires a cooldown of at least 1 minute, so 0 fails the stack. In an API input 0 is accepted but lets boosts follow each other with no pause, which is rarely meant: the cooldown is what caps the cost of a boost.",
        sources: [.samplingRateBoostAPI, .samplingRateBoostCFN, .adaptiveSampling],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  ApiRule:
                    Type: AWS::XRay::SamplingRule
                    Properties:
                      SamplingRule:
                        RuleName: api
                        Priority: 10
                        FixedRate: 0.05
                        ReservoirSize: 1
                        ResourceARN: "*"
                        ServiceName: "*"
                        ServiceType: "*"
                        Host: "*"
                        HTTPMethod: "*"
                        URLPath: "*"
                        Version: 1
                        SamplingRateBoost:
                          MaxRate: ↓50
                          CooldownWindowMinutes: ↓0

                """),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 10, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1, \"SamplingRateBoost\": {\"MaxRate\": 0.5, \"CooldownWindowMinutes\": ↓0}}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 10, \"FixedRate\": 0.1, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1, \"SamplingRateBoost\": {\"MaxRate\": 0.5, \"CooldownWindowMinutes\": 15}}}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let templates = Set(run.templates.map(\.document.path))
        return run.centralizedRules.flatMap { rule, _ -> [Finding] in
            guard let boost = rule.boost else { return [] }
            var findings: [Finding] = []
            if let node = boost.maxRateNode, !node.isIntrinsic, let text = node.text {
                if let rate = Double(text) {
                    if !(0...1).contains(rate) {
                        let percent = rate > 1 && rate <= 100 ? "; \(text) looks like a percentage" : ""
                        findings.append(finding(node, "rule '\(rule.name)' has SamplingRateBoost.MaxRate \(text), outside 0 to 1\(percent)",
                                                fix: rate > 1 && rate <= 100 ? "Use \(rate / 100)" : "Use a fraction from 0 to 1"))
                    }
                } else {
                    findings.append(finding(node, "SamplingRateBoost.MaxRate must be a number from 0 to 1, found '\(text)'"))
                }
            }
            if let node = boost.cooldownNode, !node.isIntrinsic, let text = node.text {
                let minutes = Int(text)
                let inTemplate = templates.contains(node.location.file)
                if minutes == nil || minutes! < 0 || (inTemplate && minutes! < 1) {
                    let floor = inTemplate ? "1 (CloudFormation's minimum)" : "0"
                    findings.append(finding(node, "rule '\(rule.name)' has SamplingRateBoost.CooldownWindowMinutes \(text); it takes a whole number of minutes from \(floor)",
                                            fix: "Use a whole number of minutes, such as 15: at most one boost per window"))
                } else if minutes == 0 {
                    findings.append(finding(node, "rule '\(rule.name)' has a cooldown of 0 minutes: boosts may follow each other with no pause, and CloudFormation rejects 0",
                                            fix: "Use a cooldown of at least 1 minute, such as 15, to cap how often a boost happens",
                                            severity: .warning))
                }
            }
            return findings
        }
    }
}
