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
        let key = context.model.encryption?.kmsKey
        if context.model.accountSettings == .external {
            // Someone else's to set: checked in each account traces land in, never changed.
            for account in context.traceAccounts {
                output.add(.accountSettingCheck(.transactionSearch(indexingPercentage: spec.indexingPercentage), account: account))
                if let key { output.add(.accountSettingCheck(.spansEncryption(key: key), account: account)) }
            }
            output.notes.append("`account_settings: external`: Transaction Search (the segment destination, the indexing rule, the logs resource policy for X-Ray\(key == nil ? "" : ", the key of `aws/spans`")) belongs to whoever owns this account's settings; the steps only check it and say on stderr when it is off.")
            return output
        }
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
        if let key {
            // "X-Ray applies the key only when it creates aws/spans … To set or change the key of the existing
            // log group, use the CloudWatch Logs AssociateKmsKey operation" (X-Ray API reference,
            // CloudWatchLogsConfiguration.SpansLogGroupKmsKeyId). The CLI here (botocore 1.43) has no
            // SpansLogGroupKmsKeyId, and the log group exists once the destination is ACTIVE, so it is associated then.
            for account in context.traceAccounts { output.add(.spansEncryption(key: key, account: account)) }
            output.notes.append("Spans are stored in the CloudWatch Logs group `aws/spans`, which X-Ray's encryption setting does not reach: the steps associate \(key) with it (`aws logs associate-kms-key`) once Transaction Search is ACTIVE, and `iam/kms-key-policy-statements.json` lets CloudWatch Logs use the key for that log group only. Spans stored before then stay under CloudWatch Logs' own encryption.")
        }
        output.notes.append("Transaction Search is account-wide: it stores every span in the CloudWatch Logs group `aws/spans` (billed as CloudWatch Logs) and indexes \(Self.percent(spec.indexingPercentage)) of them (1% is free). The steps wait until `get-trace-segment-destination` says `ACTIVE` (ten minutes at most); X-Ray's OTLP endpoint drops spans until then. When it is on already (another project of this account turned it on), the steps keep its destination, indexing rule and resource policy as they are, so projects in one account do not undo each other: set `account_settings: external` in all but the one project that owns these settings.")
        // The template holds it for the model's own account.
        if context.traceAccounts.contains(where: { $0 == nil }) && context.model.outputs.contains(.cloudformation) {
            output.notes.append("`account/cloudformation.yaml` (`AWS::XRay::TransactionSearchConfig`) can turn Transaction Search on only while it is off; if it is on already, leave that template out (the account has the setting) or set `account_settings: external`.")
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

    /// The role AWS's prerequisites name for Application Signals' discovery, which turning Transaction
    /// Search on starts (StartDiscovery creates it).
    package static let applicationSignalsServiceName = "application-signals.cloudwatch.amazonaws.com"

    /// Every statement of the prerequisites on "Enable transaction search" (Amazon CloudWatch User Guide,
    /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Enable-TransactionSearch.html, also
    /// CloudWatch-Transaction-Search-getting-started.html; docs/xray-facts.md §10), scoped to the
    /// accounts and region where the page writes `*`: the X-Ray settings, the two log groups, the logs
    /// resource policy, StartDiscovery with the service-linked role it creates and reads (`iam:GetRole`)
    /// and the CloudTrail service-linked channel discovery creates.
    package func enablePermissions() -> PolicyDocument {
        let region = context.model.region, partition = context.partition
        // An identity policy may leave an unknown account as `*`, unlike the resource policy's condition.
        let accounts = context.traceAccounts.map { $0 ?? context.model.account ?? "*" }
        let groups = accounts.flatMap { account in
            Self.logGroups.map { "arn:\(partition):logs:\(region):\(account):log-group:\($0):*" }
        }
        let serviceLinkedRoles = accounts.map {
            "arn:\(partition):iam::\($0):role/aws-service-role/\(Self.applicationSignalsServiceName)/AWSServiceRoleForCloudWatchApplicationSignals"
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
            .init(sid: "ApplicationSignalsServiceLinkedRole", action: "iam:CreateServiceLinkedRole",
                  resource: .many(serviceLinkedRoles),
                  condition: ["StringLike": ["iam:AWSServiceName": .one(Self.applicationSignalsServiceName)]]),
            .init(sid: "ApplicationSignalsGetServiceLinkedRole", action: "iam:GetRole", resource: .many(serviceLinkedRoles)),
            .init(sid: "ApplicationSignalsCloudTrailChannel", action: "cloudtrail:CreateServiceLinkedChannel",
                  resource: .many(accounts.map { "arn:\(partition):cloudtrail:*:\($0):channel/aws-service-channel/application-signals/*" })),
        ])
    }
}
