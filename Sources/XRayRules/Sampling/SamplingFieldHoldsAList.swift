import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SamplingFieldHoldsAList: LintRule {
    package static let description = RuleDescription(
        id: "XR611", name: "sampling-field-holds-a-list", severity: .warning,
        summary: "A sampling rule's `URLPath`, `Host`, `ServiceName`, `ServiceType` or `HTTPMethod` (in an SDK local file `url_path`, `host`, `service_name`, `http_method`) holds several values in one string (`/livez,/readyz`, `GET|POST`): it is one pattern, and matches none of them.",
        rationale: "Each matcher field is a single wildcard pattern (`*` and `?`); commas, pipes and spaces are ordinary characters in it. `url_path = \"/livez,/readyz\"` (a common Terraform slip) matches only a request for that literal path, so health checks stay sampled at the default rate. One rule per value does what was meant.",
        sources: [.samplingRuleAPI, .samplingRules, .pythonSDKSamplingRule],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"health\", \"Priority\": 1, \"FixedRate\": 0, \"ReservoirSize\": 0, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"GET\", \"URLPath\": ↓\"/livez,/readyz\", \"Version\": 1}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"health\", \"Priority\": 1, \"FixedRate\": 0, \"ReservoirSize\": 0, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"GET\", \"URLPath\": \"/*z\", \"Version\": 1}}\n"),
            RuleExample("sampling-rules.json", "{\"version\": 2, \"rules\": [{\"description\": \"health\", \"host\": \"*\", \"http_method\": \"GET\", \"url_path\": ↓\"/livez, /readyz\", \"fixed_target\": 0, \"rate\": 0}],\n \"default\": {\"fixed_target\": 1, \"rate\": 0.05}}\n"),
            RuleExample("sampling-rules.json", "{\"version\": 2, \"rules\": [{\"description\": \"health\", \"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/*z\", \"fixed_target\": 0, \"rate\": 0}],\n \"default\": {\"fixed_target\": 1, \"rate\": 0.05}}\n"),
        ])

    package static let fields = ["URLPath", "Host", "ServiceName", "ServiceType", "HTTPMethod"]

    /// What SDK local files call the same fields (version 1 says `service_name` for the host).
    package static let localNames = ["URLPath": "url_path", "Host": "host", "HTTPMethod": "http_method"]

    package func check(_ run: LintRun) -> [Finding] {
        let centralized = run.centralizedRules.flatMap { rule, _ in
            Self.fields.compactMap { check(rule, $0, named: $0) }
        }
        let local = run.localRuleFiles.flatMap { _, set in
            set.rules.flatMap { rule in
                Self.localNames.compactMap { field, name in
                    check(rule, field, named: field == "Host" && set.kind == .local(version: 1) ? "service_name" : name)
                }
            }
        }
        return centralized + local
    }

    private func check(_ rule: SamplingRule, _ field: String, named name: String) -> Finding? {
        guard let node = rule.fields[field], let text = node.text else { return nil }
        let parts = text.split { ",| ".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return nil }
        return finding(node, "\(name) '\(text)' is one pattern, not a list: it matches only that literal text, none of \(parts.map { "'\($0)'" }.joined(separator: ", "))",
                       fix: "Write one rule per value (or one wildcard pattern that covers them)")
    }
}
