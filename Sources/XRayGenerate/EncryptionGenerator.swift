import XRayCore
import XRaySampling

/// Customer-managed KMS encryption of traces (docs/xray-facts.md §2.6).
package struct EncryptionGenerator {
    package let context: GenerationContext

    package func generate(_ encryption: EncryptionSpec) -> Setup {
        var output = Setup(context)
        output.add("encryption.json", CanonicalJSON.encode(EncryptionConfigInput(KeyId: encryption.kmsKey)),
                   "encrypts traces with \(encryption.kmsKey) (PutEncryptionConfig input)")
        // "Permission only needs to be set on the key policy": whoever configures encryption needs
        // CreateGrant and DescribeKey, whoever reads encrypted traces needs Decrypt. Scoped to this
        // account's principals; narrow them to roles if the key serves more than X-Ray.
        // Every account whose traces X-Ray encrypts with the key configures it and reads with it.
        let accounts = context.traceAccounts.map { $0 ?? context.account }
        let principals = StringOrList.many(accounts.map { "arn:\(context.partition):iam::\($0):root" })
        let callers: StringOrList = accounts.count == 1 ? .one(accounts[0]) : .many(accounts)
        let root = ["AWS": accounts.count == 1 ? StringOrList.one("arn:\(context.partition):iam::\(accounts[0]):root") : principals]
        let sameAccount = ["StringEquals": ["kms:CallerAccount": callers]]
        var statements = PolicyDocument([
            .init(sid: "XRayConfigureEncryption", principal: root, action: ["kms:CreateGrant", "kms:DescribeKey"],
                  resource: "*", condition: sameAccount),
            .init(sid: "XRayReadEncryptedTraces", principal: root, action: "kms:Decrypt", resource: "*",
                  condition: sameAccount),
        ])
        if spansEncrypted {
            statements.statements += spansStatements(accounts: accounts)
        }
        output.add("iam/kms-key-policy-statements.json", CanonicalJSON.encode(statements),
                   "key-policy statements X-Ray needs on \(encryption.kmsKey): add them to the key's policy")
        // A key named by ARN in another account is changed there.
        let keyAccount = ARN(encryption.kmsKey).map(\.account).flatMap { $0 == context.model.account ? nil : $0 }
        output.add(.keyPolicy(path: "iam/kms-key-policy-statements.json", key: encryption.kmsKey,
                                            account: context.model.account == nil ? nil : keyAccount))
        for account in context.traceAccounts { output.add(.encryption(path: "encryption.json", account: account)) }
        return output
    }

    /// With Transaction Search, spans live in the CloudWatch Logs group `aws/spans`, which
    /// PutEncryptionConfig does not reach: the README associates the key with it, this project's
    /// or (`account_settings: external`) not.
    package var spansEncrypted: Bool {
        context.model.traces.transactionSearch != nil && context.model.accountSettings == .managed
    }

    /// CloudWatch Logs may use the key for the `aws/spans` group of each account traces land in, and
    /// for nothing else: the statement "Encrypt log data in CloudWatch Logs using AWS Key Management
    /// Service" (Amazon CloudWatch Logs User Guide, encrypt-log-data-kms.html) gives, with its
    /// `kms:EncryptionContext:aws:logs:arn` condition naming the log group (docs/xray-facts.md §10).
    /// Two departures, each for a validator and neither wider: the condition is an exact
    /// `StringEquals` (the key is a string to IAM's condition types; AWS's page writes ArnEquals/ArnLike),
    /// and `kms:DescribeKey`, which carries no encryption context, stands alone (AWS's `kms:Describe*`
    /// under that condition could never match).
    package func spansStatements(accounts: [String]) -> [PolicyDocument.Statement] {
        let region = context.model.region
        let groups = accounts.map { "arn:\(context.partition):logs:\(region):\($0):log-group:aws/spans" }
        let logs: [String: StringOrList] = ["Service": .one("logs.\(region).\(context.model.partition.dnsSuffix)")]
        return [
            .init(sid: "CloudWatchLogsEncryptSpans", principal: logs,
                  action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"], resource: "*",
                  condition: ["StringEquals": ["kms:EncryptionContext:aws:logs:arn": groups.count == 1 ? .one(groups[0]) : .many(groups)]]),
            .init(sid: "CloudWatchLogsDescribeKey", principal: logs, action: "kms:DescribeKey", resource: "*"),
        ]
    }
}
