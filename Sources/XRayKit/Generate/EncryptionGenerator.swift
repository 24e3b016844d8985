/// Customer-managed KMS encryption of traces (facts §2.6).
struct EncryptionGenerator {
    let context: GenerationContext

    func generate(_ encryption: EncryptionSpec) -> GeneratorOutput {
        var output = GeneratorOutput()
        output.add("encryption.json", CanonicalJSON.encode(EncryptionConfigInput(KeyId: encryption.kmsKey)),
                   "encrypts traces with \(encryption.kmsKey) (PutEncryptionConfig input)")
        // "Permission only needs to be set on the key policy": whoever configures encryption needs
        // CreateGrant and DescribeKey, whoever reads encrypted traces needs Decrypt. Scoped to this
        // account's principals; narrow them to roles if the key serves more than X-Ray.
        let root = ["AWS": StringOrList.one("arn:\(context.partition):iam::\(context.account):root")]
        let sameAccount = ["StringEquals": ["kms:CallerAccount": StringOrList.one(context.account)]]
        let statements = PolicyDocument([
            .init(sid: "XRayConfigureEncryption", principal: root, action: ["kms:CreateGrant", "kms:DescribeKey"],
                  resource: "*", condition: sameAccount),
            .init(sid: "XRayReadEncryptedTraces", principal: root, action: "kms:Decrypt", resource: "*",
                  condition: sameAccount),
        ])
        output.add("iam/kms-key-policy-statements.json", CanonicalJSON.encode(statements),
                   "key-policy statements X-Ray needs on \(encryption.kmsKey): add them to the key's policy")
        output.steps.append(.mergeKeyPolicy(path: "iam/kms-key-policy-statements.json", key: encryption.kmsKey))
        output.steps.append(.putEncryptionConfig(path: "encryption.json"))
        return output
    }
}
