import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UnknownXRayAction: LintRule {
    package static let description = RuleDescription(
        id: "XR203", name: "unknown-xray-action", severity: .error,
        summary: "An `xray:` action that does not exist (a typo such as `xray:PutTraceSegment`), or a wildcard that matches none.",
        rationale: "IAM accepts a policy with a misspelled action and grants nothing for it, so the real action stays denied.",
        sources: [.xrayActions],
        examples: [
            RuleExample("policy.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [↓"xray:PutTraceSegment", "xray:PutTelemetryRecords"], "Resource": "*"}]}

                """),
            RuleExample("policy.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["xray:puttracesegments", "xray:GetSampling*"], "Resource": "*"}]}

                """),
        ])

    package static let known = Set(XRayActions.all.map { $0.lowercased() })

    package static func exists(_ action: String) -> Bool {
        let lowered = action.lowercased()
        if known.contains(lowered) { return true }
        guard lowered.containsBytes("*") || lowered.containsBytes("?") else { return false }
        return XRayActions.all.contains { Wildcard.matches(lowered, $0) }
    }

    package func check(_ run: LintRun) -> [Finding] {
        run.policies.filter { !$0.isTrustPolicy }.flatMap { policy in
            policy.actionNodes.compactMap { text, node in
                guard text.lowercased().hasPrefix("xray:"), !Self.exists(text) else { return nil }
                let name = String(text.dropFirst(5))
                let suggestion = Suggestion.closest(to: name, in: XRayActions.all.map { String($0.dropFirst(5)) })
                return finding(node, "'\(text)' is not an X-Ray action, so IAM grants nothing for it\(suggestion.map { "; did you mean 'xray:\($0)'?" } ?? "")",
                               fix: suggestion.map { "Use xray:\($0)" })
            }
        }
    }
}
