import XRayCore
import XRaySampling

/// Checks on where a model's traces land, made on the finished model so `generate` and `lint`
/// (XR004) agree: with `agent.cross_account_role` the agents upload into that role's account,
/// while Lambda and API Gateway always trace into their own.
package enum AccountPlacement {
    package static func diagnostics(_ model: XRayModel) -> [Diagnostic] {
        guard let target = model.agent.crossAccountRole else { return [] }
        let context = GenerationContext(model: model)
        let location = model.agent.crossAccountLocation ?? model.services.first?.location
            ?? SourceLocation(file: "xray.yaml", line: 1, column: 1)
        var diagnostics: [Diagnostic] = []
        let local = model.services.filter { $0.platform == .lambda || $0.platform == .apiGateway }
        if !local.isEmpty && model.services.contains(where: { GenerationContext.usesAgent($0.platform) }) {
            let names = local.map { "'\($0.name)' (\($0.platform.rawValue))" }.joined(separator: ", ")
            diagnostics.append(.warning(at: location, "the agents upload into account \(target.account), but \(names) trace into \(model.account.map { "account \($0)" } ?? "the model's own account") (Lambda and API Gateway cannot upload elsewhere): this project's traces are split between two accounts; sampling rules and encryption are set up in both"))
        }
        // PutEncryptionConfig takes a key of another account only as a full ARN (X-Ray API reference,
        // PutEncryptionConfig, KeyId); an ID or alias is looked up in the account being configured.
        if let encryption = model.encryption, ARN(encryption.kmsKey) == nil,
           context.traceAccounts.contains(where: { $0 != nil && $0 != model.account }) {
            diagnostics.append(.error(at: encryption.location ?? location, "traces land in account \(target.account) (cross_account_role), where X-Ray would look up '\(encryption.kmsKey)' as one of that account's keys; give the key's full ARN (arn:\(model.partition.rawValue):kms:REGION:ACCOUNT:key/ID), which X-Ray accepts from another account"))
        }
        return diagnostics
    }
}
