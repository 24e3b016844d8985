struct SamplingFieldHoldsAList: LintRule {
    static let description = RuleDescription(
        id: "XR611", name: "sampling-field-holds-a-list", severity: .warning,
        summary: "A sampling rule's `URLPath`, `Host`, `ServiceName`, `ServiceType` or `HTTPMethod` holds several values in one string (`/livez,/readyz`, `GET|POST`): it is one pattern, and matches none of them.",
        rationale: "Each matcher field is a single wildcard pattern (`*` and `?`); commas, pipes and spaces are ordinary characters in it. `url_path = \"/livez,/readyz\"` (a common Terraform slip) matches only a request for that literal path, so health checks stay sampled at the default rate. One rule per value does what was meant.",
        sources: [.samplingRuleAPI, .samplingRules, .pythonSDKSamplingRule],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"health\", \"Priority\": 1, \"FixedRate\": 0, \"ReservoirSize\": 0, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"GET\", \"URLPath\": ↓\"/livez,/readyz\", \"Version\": 1}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"health\", \"Priority\": 1, \"FixedRate\": 0, \"ReservoirSize\": 0, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"GET\", \"URLPath\": \"/*z\", \"Version\": 1}}\n"),
        ])

    static let fields = ["URLPath", "Host", "ServiceName", "ServiceType", "HTTPMethod"]

    func check(_ run: LintRun) -> [Finding] {
        run.centralizedRules.flatMap { rule, _ in
            Self.fields.compactMap { field -> Finding? in
                guard let node = rule.fields[field], let text = node.text else { return nil }
                let parts = text.split { ",| ".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard parts.count > 1 else { return nil }
                return finding(node, "\(field) '\(text)' is one pattern, not a list: it matches only that literal text, none of \(parts.map { "'\($0)'" }.joined(separator: ", "))",
                               fix: "Write one rule per value (or one wildcard pattern that covers them)")
            }
        }
    }
}
