import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct OverbroadXRayGrant: LintRule {
    package static let description = RuleDescription(
        id: "XR205", name: "overbroad-xray-grant", severity: .warning, also: [.info],
        summary: "A workload role (ECS task, Lambda, EC2 instance) gets `xray:*`, `*`, `AWSXrayFullAccess`, a wildcard such as `xray:Put*` that covers account settings, or a settings action itself, where write access suffices (warning); or X-Ray's read APIs (`BatchGetTraces`, `GetTraceSummaries`, …) on a role that only sends traces (info).",
        rationale: "Full access includes PutEncryptionConfig and the rule and group APIs: a compromised workload could change encryption or sampling for the whole account. `xray:Put*` looks like \"the upload actions\" but also grants PutEncryptionConfig and PutResourcePolicy. Agents need only the five write and sampling actions of AWSXRayDaemonWriteAccess; reading traces back (every request's URLs, annotations and metadata) is for people and tools, not for the workloads that send them.",
        sources: [.daemonWriteAccessPolicy, .xrayEncryption, .putEncryptionConfigAPI],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - ↓arn:aws:iam::aws:policy/AWSXrayFullAccess

                """),
            RuleExample("template.yaml", """
                Resources:
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess

                """),
            RuleExample("template.yaml", """
                Resources:
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: xray
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: [↓"xray:Put*", "xray:GetSampling*"]
                                Resource: "*"

                """),
            RuleExample("template.yaml", """
                Resources:
                  FunctionRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: {Service: lambda.amazonaws.com}
                            Action: sts:AssumeRole
                      Policies:
                        - PolicyName: xray
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: [xray:PutTraceSegments, xray:PutTelemetryRecords, ↓xray:BatchGetTraces]
                                Resource: "*"

                """),
        ])

    /// Actions that change the account's X-Ray settings rather than send to it: a workload
    /// never needs them (X-Ray API reference; AWSXRayDaemonWriteAccess lists none).
    package static let settingsActions: Set<String> = Set([
        "PutEncryptionConfig", "PutResourcePolicy", "DeleteResourcePolicy", "CreateSamplingRule", "UpdateSamplingRule",
        "DeleteSamplingRule", "CreateGroup", "UpdateGroup", "DeleteGroup", "UpdateTraceSegmentDestination",
        "UpdateIndexingRule", "TagResource", "UntagResource",
    ].map { "xray:" + $0.lowercased() })

    /// Actions that read traces back.
    package static let readActions: Set<String> = Set([
        "BatchGetTraces", "BatchGetTraceSummaryById", "GetTraceSummaries", "GetTraceGraph", "GetServiceGraph",
        "GetTimeSeriesServiceStatistics", "GetDistinctTraceGraphs", "StartTraceRetrieval", "ListRetrievedTraces",
        "GetRetrievedTracesGraph", "GetInsight", "GetInsightEvents", "GetInsightImpactGraph", "GetInsightSummaries",
    ].map { "xray:" + $0.lowercased() })

    package static let loweredActions = XRayActions.all.map { $0.lowercased() }
    package static let loweredActionSet = Set(loweredActions)

    /// The X-Ray actions (lower-cased) an action pattern of an Allow covers. A pattern without `*`
    /// or `?` (most are) covers itself or nothing: no matching against every action.
    package static func covered(by pattern: String) -> [String] {
        let lowered = pattern.lowercased()
        guard lowered.contains(where: { $0 == "*" || $0 == "?" }) else {
            return loweredActionSet.contains(lowered) ? [lowered] : []
        }
        return loweredActions.filter { WildcardPattern.matches(lowered, $0) }
    }

    package func check(_ run: LintRun) -> [Finding] {
        run.workloadRoles.compactMap { role in
            if let grant = role.broadGrant() {
                return finding(grant.node, "workload role '\(role.displayName)' gets \(grant.what), far more X-Ray access than tracing needs",
                               fix: "Use AWSXRayDaemonWriteAccess (or the five actions it lists) instead")
            }
            let actions = role.inlinePolicies.flatMap(\.statementNodes).filter { $0.field("effect")?.text == "Allow" }
                .flatMap { $0.field("action")?.asList ?? [] }
            for action in actions {
                guard let text = action.text, text.lowercased().hasPrefix("xray:") else { continue }
                let settings = Self.covered(by: text).filter(Self.settingsActions.contains)
                if !settings.isEmpty {
                    let names = settings.prefix(3).map { lowered in XRayActions.all.first { $0.lowercased() == lowered } ?? lowered }
                    return finding(action, "workload role '\(role.displayName)' gets '\(text)', which \(text.containsBytes("*") ? "also grants" : "is") \(names.joined(separator: ", "))\(settings.count > 3 ? " and more" : ""): account settings a workload never changes",
                                   fix: "Grant the actions by name: xray:PutTraceSegments, xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets, xray:GetSamplingStatisticSummaries")
                }
            }
            for action in actions {
                guard let text = action.text, text.lowercased().hasPrefix("xray:") else { continue }
                if Self.covered(by: text).contains(where: Self.readActions.contains) {
                    return finding(action, "workload role '\(role.displayName)' sends traces but may also read them back ('\(text)'): traces hold every request's URLs, annotations and metadata",
                                   fix: "Remove the read actions unless this workload really reads traces (a dashboard or a test)", severity: .info)
                }
            }
            return nil
        }
    }
}
