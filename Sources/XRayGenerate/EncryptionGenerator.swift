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
        let statements = PolicyDocument([
            .init(sid: "XRayConfigureEncryption", principal: root, action: ["kms:CreateGrant", "kms:DescribeKey"],
                  resource: "*", condition: sameAccount),
            .init(sid: "XRayReadEncryptedTraces", principal: root, action: "kms:Decrypt", resource: "*",
                  condition: sameAccount),
        ])
        output.add("iam/kms-key-policy-statements.json", CanonicalJSON.encode(statements),
                   "key-policy statements X-Ray needs on \(encryption.kmsKey): add them to the key's policy")
        // A key named by ARN in another account is changed there.
        let keyAccount = ARN(encryption.kmsKey).map(\.account).flatMap { $0 == context.model.account ? nil : $0 }
        output.add(.keyPolicy(path: "iam/kms-key-policy-statements.json", key: encryption.kmsKey,
                                            account: context.model.account == nil ? nil : keyAccount))
        for account in context.traceAccounts { output.add(.encryption(path: "encryption.json", account: account)) }
        return output
    }
}
