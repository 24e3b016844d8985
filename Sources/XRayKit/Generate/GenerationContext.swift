/// Model-wide facts every generator needs: names, ARNs, principals.
struct GenerationContext {
    let model: XRayModel

    /// The literal written where an account ID is needed but the model names none.
    static let accountPlaceholder = "ACCOUNT_ID"

    var account: String { model.account ?? Self.accountPlaceholder }
    var partition: String { model.partition.rawValue }

    func roleARN(_ name: String) -> String { "arn:\(partition):iam::\(account):role/\(name)" }

    func arn(_ choice: RoleChoice, generatedName: String) -> String? {
        switch choice {
        case .generate: return roleARN(generatedName)
        case .existing(let arn): return arn.description
        case .none: return nil
        }
    }

    func prefixed(_ name: String) -> String { Naming.prefixed(model.project, name) }

    /// The name shared by the agent container, the daemon task family prefix and its role.
    var agentName: String { model.agent.kind.rawValue }
}
