import XRayCore
import XRaySampling

/// Transaction Search (docs/xray-facts.md §10): X-Ray writes spans to CloudWatch Logs (`aws/spans`) and indexes
/// a share of them. X-Ray's OTLP endpoint accepts spans only when it is on, and drops them without
/// an error when it is off. It is account-wide, so it is turned on in every account traces land in.
package struct TransactionSearchGenerator {
    package let context: GenerationContext

    package static let folder = "transaction-search"
    package static let destinationPath = "\(folder)/segment-destination.json"
    package static let indexingPath = "\(folder)/indexing-rule.json"
    package static let permissionsPath = "\(folder)/enable-permissions.json"
    /// The log groups X-Ray writes spans and Application Signals data to.
    package static let logGroups = ["aws/spans", "/aws/application-signals/data"]

    package var policyName: String { "\(context.model.project)-xray-transaction-search" }

    package func generate(_ spec: TransactionSearchSpec) -> Setup {
        var output = Setup(context)
        for account in context.traceAccounts {
            let path = Self.resourcePolicyPath(account)
            let id = account ?? context.account
            output.add(path, CanonicalJSON.encode(resourcePolicy(partition: context.partition, region: context.model.region, account: id)),
                       "CloudWatch Logs resource policy that lets X-Ray write spans in account \(id) (PutResourcePolicy document)")
            output.add(.transactionSearch(spec, policyPath: path, policyName: policyName, account: account))
        }
        output.add(Self.destinationPath, CanonicalJSON.encode(TraceSegmentDestinationInput()),
                   "sends spans to CloudWatch Logs: turns Transaction Search on (UpdateTraceSegmentDestination input)")
        output.add(Self.indexingPath, CanonicalJSON.encode(IndexingRuleInput(percentage: spec.indexingPercentage)),
                   "indexes \(Self.percent(spec.indexingPercentage)) of spans as trace summaries (UpdateIndexingRule input)")
        output.add(Self.permissionsPath, CanonicalJSON.encode(enablePermissions()),
                   "what the person or pipeline that turns Transaction Search on needs (an IAM policy)")
        output.notes.append("Transaction Search is account-wide: it stores every span in the CloudWatch Logs group `aws/spans` (billed as CloudWatch Logs) and indexes \(Self.percent(spec.indexingPercentage)) of them (1% is free). The steps wait until `get-trace-segment-destination` says `ACTIVE`; X-Ray's OTLP endpoint drops spans until then.")
        // The template holds it for the model's own account.
        if context.traceAccounts.contains(where: { $0 == nil }) {
            output.notes.append("CloudFormation (`AWS::XRay::TransactionSearchConfig`) can turn Transaction Search on only while it is off; if it is on already, deploy the stack without that resource or leave the setting to the CLI steps.")
        }
        return output
    }

    package static func resourcePolicyPath(_ account: String?) -> String {
        "\(folder)/logs-resource-policy\(account.map { "-\($0)" } ?? "").json"
    }

    package static func percent(_ value: Double) -> String {
        value.rounded() == value ? "\(Int(value))%" : "\(value)%"
    }

    /// X-Ray may write to the span log groups of this account, on its own behalf only
    /// (`aws:SourceArn`, `aws:SourceAccount`: the confused-deputy guard AWS's example uses). The
    /// values are parameters so the template can pass `${AWS::Region}` and the rest.
    package func resourcePolicy(partition: String, region: String, account: String) -> PolicyDocument {
        PolicyDocument([.init(
            sid: "TransactionSearchXRayAccess",
            principal: ["Service": .one(context.model.partition.servicePrincipal("xray"))],
            action: ["logs:PutLogEvents", "logs:CreateLogStream"],
            resource: .many(Self.logGroups.map { "arn:\(partition):logs:\(region):\(account):log-group:\($0):*" }),
            condition: [
                "ArnLike": ["aws:SourceArn": .one("arn:\(partition):xray:\(region):\(account):*")],
                "StringEquals": ["aws:SourceAccount": .one(account)],
            ])])
    }

    /// The actions AWS lists for turning Transaction Search on (docs/xray-facts.md §10), scoped where they can be.
    package func enablePermissions() -> PolicyDocument {
        let region = context.model.region, partition = context.partition
        // An identity policy may leave an unknown account as `*`, unlike the resource policy's condition.
        let accounts = context.traceAccounts.map { $0 ?? context.model.account ?? "*" }
        let groups = accounts.flatMap { account in
            Self.logGroups.map { "arn:\(partition):logs:\(region):\(account):log-group:\($0):*" }
        }
        return PolicyDocument([
            .init(sid: "TransactionSearchXRay",
                  action: ["xray:GetTraceSegmentDestination", "xray:UpdateTraceSegmentDestination",
                           "xray:GetIndexingRules", "xray:UpdateIndexingRule"], resource: "*"),
            .init(sid: "TransactionSearchLogGroups",
                  action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutRetentionPolicy"], resource: .many(groups)),
            .init(sid: "TransactionSearchLogsResourcePolicy",
                  action: ["logs:PutResourcePolicy", "logs:DescribeResourcePolicies"], resource: "*"),
            .init(sid: "TransactionSearchApplicationSignals", action: "application-signals:StartDiscovery", resource: "*"),
            // Only the service-linked role StartDiscovery creates (AWSServiceRoleForCloudWatchApplicationSignals).
            .init(sid: "TransactionSearchServiceLinkedRole", action: "iam:CreateServiceLinkedRole",
                  resource: .many(accounts.map { "arn:\(partition):iam::\($0):role/aws-service-role/*" }),
                  condition: ["StringEquals": ["iam:AWSServiceName": "application-signals.cloudwatch.amazonaws.com"]]),
        ])
    }
}
