import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct XRayActionOnResource: LintRule {
    package static let description = RuleDescription(
        id: "XR204", name: "xray-action-on-resource", severity: .error,
        summary: "X-Ray write or sampling actions scoped to a resource other than `*`.",
        rationale: "PutTraceSegments, PutTelemetryRecords and the GetSampling* actions support no resource-level permissions; a statement that names a resource for them matches no request and grants nothing.",
        sources: [.xrayIAM, .xrayActions],
        examples: [
            RuleExample("policy.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["xray:PutTraceSegments"],
                  "Resource": ↓"arn:aws:xray:us-east-1:123456789012:group/default"}]}

                """),
            RuleExample("policy.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.policies.filter { !$0.isTrustPolicy }.flatMap { policy in
            policy.statementNodes.compactMap { statement -> Finding? in
                guard statement.field("effect")?.text == "Allow", let resource = statement.field("resource") else { return nil }
                let actions = (statement.field("action")?.asList ?? []).compactMap(\.text)
                let named = XRayActions.writeAndSampling.filter { action in
                    actions.contains { $0.lowercased().hasPrefix("xray:") && Wildcard.matches($0, action) }
                }
                let resources = resource.asList
                guard !named.isEmpty, !resources.contains(where: { $0.literalText == "*" || $0.isIntrinsic }),
                      resources.allSatisfy({ $0.literalText != nil }) else { return nil }
                return finding(resource, "\(named.joined(separator: ", ")) support no resource-level permissions; with this Resource the statement grants nothing",
                               fix: "Use \"Resource\": \"*\" for the X-Ray write and sampling actions")
            }
        }
    }
}
