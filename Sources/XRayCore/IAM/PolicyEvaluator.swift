/// Decides whether a set of policies allows an action, following AWS's evaluation logic: an
/// explicit Deny wins, then an Allow; otherwise the action is not granted. What cannot be proven
/// statically (conditions, intrinsics, unknown managed policies) is reported as such, never guessed.
public enum PolicyEvaluator {
    public enum Decision: Sendable, Equatable {
        case allowed
        /// An explicit Deny applies; `overridesAllow` when an Allow would otherwise grant it.
        case denied(overridesAllow: Bool)
        /// Granted only under a Condition, or a conditional Deny may remove it.
        case conditional
        case notGranted
        /// A policy could not be read (an unknown managed policy, an intrinsic).
        case unknown

        public var isAllowed: Bool { self == .allowed }
    }

    public struct Result: Sendable {
        public var decision: Decision
        /// The statement that allows (or denies) the action, when one is written in a file.
        public var allowStatement: PolicyStatement?
        public var denyStatement: PolicyStatement?
    }

    /// Evaluates `action` on `resource` (X-Ray's write actions take "*"). `unknownPolicies` counts
    /// attached policies whose content is not known.
    public static func evaluate(_ action: String, resource: String = "*", statements: [PolicyStatement],
                                unknownPolicies: Int = 0) -> Result {
        var allow: PolicyStatement?, conditionalAllow: PolicyStatement?, maybeAllow = false
        var deny: PolicyStatement?, conditionalDeny = false
        for statement in statements {
            guard let actionMatch = statement.actions.matches(action, using: { Wildcard.matches($0, $1) }) else {
                if statement.effect == .allow { maybeAllow = true } else { conditionalDeny = true }
                continue
            }
            guard actionMatch else { continue }
            // A resource pattern matches the request's resource with case-sensitive wildcards.
            let resourceMatch = statement.resources.map { $0.matches(resource) { Wildcard.matches($0, $1, caseInsensitive: false) } } ?? true
            guard let resourceMatch else {
                if statement.effect == .allow { maybeAllow = true } else { conditionalDeny = true }
                continue
            }
            guard resourceMatch else { continue }
            switch (statement.effect, statement.hasCondition) {
            case (.deny, false): deny = deny ?? statement
            case (.deny, true): conditionalDeny = true
            case (.allow, false): allow = allow ?? statement
            case (.allow, true): conditionalAllow = conditionalAllow ?? statement
            }
        }
        if let deny {
            return Result(decision: .denied(overridesAllow: allow != nil || conditionalAllow != nil),
                          allowStatement: allow ?? conditionalAllow, denyStatement: deny)
        }
        if let allow {
            return Result(decision: conditionalDeny ? .conditional : .allowed, allowStatement: allow)
        }
        if let conditionalAllow { return Result(decision: .conditional, allowStatement: conditionalAllow) }
        if maybeAllow || unknownPolicies > 0 { return Result(decision: .unknown) }
        return Result(decision: .notGranted)
    }
}
