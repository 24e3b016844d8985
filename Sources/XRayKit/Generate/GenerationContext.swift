/// Model-wide facts every generator needs: names, ARNs, principals.
struct GenerationContext {
    let model: XRayModel

    /// The literal written where an account ID is needed but the model names none.
    static let accountPlaceholder = "ACCOUNT_ID"

    var account: String { model.account ?? Self.accountPlaceholder }
    var partition: String { model.partition.rawValue }

    func roleARN(_ name: String) -> String { "arn:\(partition):iam::\(account):role/\(name)" }

    /// A string for a template language: the partition in ARNs and the account placeholder become
    /// that language's expressions for them, and a literal `${` is escaped its way (`${!` in
    /// CloudFormation's `Fn::Sub`, `$${` in Terraform). nil when the string has neither to fill in.
    func interpolated(_ text: String, literal: String, partition expression: String, account: String) -> String? {
        let partitionPrefix = "arn:\(partition):"
        guard text.contains(Self.accountPlaceholder) || text.contains(partitionPrefix) else { return nil }
        return text.replacingOccurrences(of: "${", with: literal)
            .replacingOccurrences(of: partitionPrefix, with: "arn:\(expression):")
            .replacingOccurrences(of: Self.accountPlaceholder, with: account)
    }

    func arn(_ choice: RoleChoice, generatedName: String) -> String? {
        switch choice {
        case .generate: return roleARN(generatedName)
        case .existing(let arn): return arn.description
        case .none, .keep: return nil
        }
    }

    func prefixed(_ name: String) -> String { Naming.prefixed(model.project, name) }

    /// The name shared by the agent container, the daemon task family prefix and its role.
    var agentName: String { model.agent.kind.rawValue }

    /// The platforms whose traces an agent uploads (and whose agent reads centralized sampling
    /// rules): with `agent.cross_account_role` they land in that role's account.
    static func usesAgent(_ platform: Platform) -> Bool { platform.isECS || [.ec2, .elasticBeanstalk, .eks].contains(platform) }

    /// The other account the agents upload into, or nil when everything stays in the model's account.
    var agentAccount: String? { model.agent.crossAccountRole?.account }

    /// The accounts (nil: the model's own) whose X-Ray the setup's traces land in. Lambda and API
    /// Gateway always trace into their own account; agents into the cross-account role's.
    var traceAccounts: [String?] {
        let platforms = Set(model.services.map(\.platform))
        var accounts: [String?] = []
        if platforms.contains(where: Self.usesAgent) { accounts.append(agentAccount) }
        if (platforms.contains(.lambda) || platforms.contains(.apiGateway)) && !accounts.contains(where: { $0 == nil }) {
            accounts.append(nil)
        }
        return accounts.isEmpty ? [nil] : accounts
    }

    /// The accounts whose centralized sampling rules something reads: the agents' and API
    /// Gateway's (Lambda samples on its own).
    var samplingAccounts: [String?] {
        let platforms = Set(model.services.map(\.platform))
        var accounts: [String?] = []
        if platforms.contains(where: Self.usesAgent) { accounts.append(agentAccount) }
        if platforms.contains(.apiGateway) && !accounts.contains(where: { $0 == nil }) { accounts.append(nil) }
        return accounts.isEmpty ? [nil] : accounts
    }
}
