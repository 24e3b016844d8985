import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidLocalSamplingFile: LintRule {
    package static let description = RuleDescription(
        id: "XR609", name: "invalid-local-sampling-file", severity: .error,
        summary: "A local rules file with a version other than 1/2, `service_name` in version 2 or `host` in version 1, a default rule with matchers, or a custom rule missing `host`/`http_method`/`url_path`.",
        rationale: "The SDKs refuse such a file ('All non-default rules must have values for url_path, host, and http_method', 'Manifest version … not supported') and sample with their built-in default instead.",
        sources: [.javaSDKConfiguration, .pythonSDKLocalRules],
        examples: [
            RuleExample("sampling-rules.json", """
                {"version": 2, "default": {"fixed_target": 1, "rate": 0.05},
                 "rules": [{"description": "health", ↓"service_name": "*", "http_method": "GET", "url_path": "/health", "fixed_target": 0, "rate": 0}]}

                """),
            RuleExample("sampling-rules.json", """
                {"version": 2, "default": {"fixed_target": 1, "rate": 0.05},
                 "rules": [↓{"description": "health", "url_path": "/health", "fixed_target": 0, "rate": 0}]}

                """),
            RuleExample("sampling-rules.json", """
                {"version": 1, "default": {"fixed_target": 1, "rate": 0.05},
                 "rules": [{"description": "health", "service_name": "*", "http_method": "GET", "url_path": "/health", "fixed_target": 0, "rate": 0}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.localRuleFiles.flatMap { root, set -> [Finding] in
            guard case .local(let version) = set.kind else { return [] }
            var findings: [Finding] = []
            if version != 1 && version != 2 {
                return [finding(root["version"] ?? root, "local rules version \(root["version"]?.text ?? "?") is not supported; use 2")]
            }
            let hostKey = version == 1 ? "service_name" : "host"
            let wrongKey = version == 1 ? "host" : "service_name"
            if let defaultNode = root["default"] {
                for key in ["host", "service_name", "http_method", "url_path"] {
                    if let node = defaultNode.keyNode(key) {
                        findings.append(finding(node, "the default rule may not have matchers ('\(key)'); the SDK refuses the file"))
                    }
                }
            } else {
                findings.append(finding(root, "the file has no default rule; the SDK refuses it", fix: "Add \"default\": {\"fixed_target\": 1, \"rate\": 0.05}"))
            }
            for rule in root["rules"]?.items ?? [] {
                if let wrong = rule.keyNode(wrongKey) {
                    findings.append(finding(wrong, "version \(version) files name the host matcher '\(hostKey)', not '\(wrongKey)'", fix: "Rename it to \(hostKey)"))
                    continue
                }
                let missing = [hostKey, "http_method", "url_path"].filter { rule[$0] == nil }
                if !missing.isEmpty {
                    findings.append(finding(rule, "the rule lacks \(missing.joined(separator: ", ")); every custom local rule needs \(hostKey), http_method and url_path",
                                            fix: "Add the missing matchers (\"*\" matches anything)"))
                }
            }
            return findings
        }
    }
}
