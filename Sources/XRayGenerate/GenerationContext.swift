import XRayCore
import XRaySampling

/// Model-wide facts every generator needs: names, ARNs, principals.
package struct GenerationContext {
    package let model: XRayModel
    /// Whether the ARNs generators build carry `Placeholder` tokens for the partition and the
    /// account the model does not name (for the template and Terraform, which fill them in their
    /// own syntax), or the values themselves (for files used as they are).
    package let placeholders: Bool

    package init(model: XRayModel, placeholders: Bool = false) {
        self.model = model
        self.placeholders = placeholders
    }

    /// The literal written where an account ID is needed but the model names none.
    package static let accountPlaceholder = "ACCOUNT_ID"

    package var account: String { model.account ?? (placeholders ? Placeholder.account.token : Self.accountPlaceholder) }
    package var partition: String { placeholders ? Placeholder.partition.token : model.partition.rawValue }

    package func roleARN(_ name: String) -> String { "arn:\(partition):iam::\(account):role/\(name)" }

    package func arn(_ choice: RoleChoice, generatedName: String) -> String? {
        switch choice {
        case .generate: return roleARN(generatedName)
        case .existing(let arn): return arn.description
        case .none, .keep: return nil
        }
    }

    package func prefixed(_ name: String) -> String { Naming.prefixed(model.project, name) }

    /// The name shared by the agent container, the daemon task family prefix and its role.
    package var agentName: String { model.agent.kind.rawValue }

    /// The platforms whose traces an agent uploads (and whose agent reads centralized sampling
    /// rules): with `agent.cross_account_role` they land in that role's account.
    package static func usesAgent(_ platform: Platform) -> Bool { platform.isECS || [.ec2, .elasticBeanstalk, .eks].contains(platform) }

    /// The other account the agents upload into, or nil when everything stays in the model's account.
    package var agentAccount: String? { model.agent.crossAccountRole?.account }

    /// The accounts (nil: the model's own) whose X-Ray the setup's traces land in. Lambda and API
    /// Gateway always trace into their own account; agents into the cross-account role's.
    package var traceAccounts: [String?] {
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
    package var samplingAccounts: [String?] {
        let platforms = Set(model.services.map(\.platform))
        var accounts: [String?] = []
        if platforms.contains(where: Self.usesAgent) { accounts.append(agentAccount) }
        if platforms.contains(.apiGateway) && !accounts.contains(where: { $0 == nil }) { accounts.append(nil) }
        return accounts.isEmpty ? [nil] : accounts
    }
}
