import XRayCore

/// A request as the SDKs describe it when choosing a rule. A field left out (or empty) matches any pattern.
public struct SamplingRequest: Sendable, Hashable, Codable {
    public var service: String?
    public var serviceType: String?
    public var host: String?
    public var method: String?
    public var path: String?

    public init(service: String? = nil, serviceType: String? = nil, host: String? = nil, method: String? = nil, path: String? = nil) {
        self.service = service
        self.serviceType = serviceType
        self.host = host
        self.method = method
        self.path = path
    }

    package enum CodingKeys: String, CodingKey {
        case service, serviceType = "service_type", host, method, path
    }
}

/// Chooses the rule for a request exactly as the X-Ray SDKs do (docs/xray-facts.md §6.3): rules the SDKs
/// ignore are skipped, the rest are tried in order, the first match wins, Default otherwise.
public enum SamplingMatcher {
    public struct Attempt: Sendable {
        public var rule: SamplingRule
        /// nil when the rule matched; else why not (a field's name, or why the SDKs skip it).
        public var mismatch: String?
    }

    public struct Decision: Sendable {
        public var rule: SamplingRule
        public var attempts: [Attempt]
        /// From an SDK local rules file, where order (not priority) decides.
        public var local = false
    }

    public static func match(_ request: SamplingRequest, in set: SamplingRuleSet) -> Decision {
        var attempts: [Attempt] = []
        for rule in set.rules {
            if case .centralized = set.kind, let reason = rule.ignoredBecause {
                attempts.append(Attempt(rule: rule, mismatch: "skipped: the SDKs ignore it because \(reason)"))
                continue
            }
            if let field = mismatch(rule, request, local: set.kind != .centralized) {
                attempts.append(Attempt(rule: rule, mismatch: field))
                continue
            }
            attempts.append(Attempt(rule: rule, mismatch: nil))
            return Decision(rule: rule, attempts: attempts, local: set.kind != .centralized)
        }
        return Decision(rule: set.defaultRule, attempts: attempts, local: set.kind != .centralized)
    }

    /// The first field whose pattern does not match, or nil when the rule applies.
    package static func mismatch(_ rule: SamplingRule, _ request: SamplingRequest, local: Bool) -> String? {
        var checks: [(String, String, String?)] = [
            ("host", rule.host, request.host), ("method", rule.httpMethod, request.method), ("path", rule.urlPath, request.path),
        ]
        // Local rules have no service matchers (docs/xray-facts.md §6.5).
        if !local { checks += [("service", rule.serviceName, request.service), ("service_type", rule.serviceType, request.serviceType)] }
        for (field, pattern, value) in checks {
            if let value, !value.isEmpty, !WildcardPattern.matches(pattern, value) {
                return "\(field) '\(value)' does not match '\(pattern)'"
            }
        }
        return nil
    }
}

/// Finds rules that can never apply because an earlier rule matches every request they match.
public enum SamplingShadowing {
    public struct Shadow: Sendable {
        public var rule: SamplingRule
        public var by: SamplingRule
        /// The patterns were too costly to compare exactly: the rule may or may not be shadowed.
        public var undecided = false
    }

    /// The state pairs the comparisons of one set of rules (one file) may explore in all. Each
    /// pair of rules is compared against every earlier one, each up to `WildcardPattern.stateBudget`:
    /// a file of a few hundred costly patterns took minutes. Ordinary files need a small fraction.
    public static let setBudget = 500_000

    public static func shadowed(in set: SamplingRuleSet) -> [Shadow] {
        analyse(set).shadows
    }

    /// The shadowed rules, and the rule at which the comparisons stopped when the set's budget ran
    /// out (that rule and the ones after it were not checked).
    public static func analyse(_ set: SamplingRuleSet, budget: Int = setBudget) -> (shadows: [Shadow], stoppedAt: SamplingRule?) {
        let local = set.kind != .centralized
        let usable = set.rules.filter { local || $0.ignoredBecause == nil }
        var result: [Shadow] = []
        var remaining = budget
        for (index, rule) in usable.enumerated() {
            var undecidedBy: SamplingRule?
            var shadowedBy: SamplingRule?
            for earlier in usable[..<index] where shadowedBy == nil {
                switch covers(earlier, rule, local: local, remaining: &remaining) {
                case .yes: shadowedBy = earlier
                case .undecided: undecidedBy = undecidedBy ?? earlier
                case .no: continue
                case .outOfBudget: return (result, rule)
                }
            }
            if let by = shadowedBy {
                result.append(Shadow(rule: rule, by: by))
            } else if let by = undecidedBy {
                result.append(Shadow(rule: rule, by: by, undecided: true))
            }
        }
        return (result, nil)
    }

    private enum Coverage { case yes, no, undecided, outOfBudget }

    /// `covers`, drawing on the set's remaining budget (one unit per matcher compared, and one per
    /// state pair explored): out of budget when a comparison was cut short by it rather than by
    /// the limit of one pair.
    private static func covers(_ earlier: SamplingRule, _ later: SamplingRule, local: Bool, remaining: inout Int) -> Coverage {
        var pairs = [(earlier.host, later.host), (earlier.httpMethod, later.httpMethod), (earlier.urlPath, later.urlPath)]
        if !local { pairs += [(earlier.serviceName, later.serviceName), (earlier.serviceType, later.serviceType)] }
        var decided = true
        for (outer, inner) in pairs {
            guard remaining > 0 else { return .outOfBudget }
            let limit = min(WildcardPattern.stateBudget, remaining)
            var explored = 0
            let answer = WildcardPattern.containment(outer, inner, budget: limit, explored: &explored)
            remaining -= 1 + explored
            switch answer {
            case false?: return .no
            case nil where limit < WildcardPattern.stateBudget: return .outOfBudget
            case nil: decided = false
            case true?: continue
            }
        }
        return decided ? .yes : .undecided
    }

    /// Whether `earlier` matches every request `later` matches: each matcher contains the
    /// other's. nil when some matcher pair is too costly to decide and none rules it out.
    public static func covers(_ earlier: SamplingRule, _ later: SamplingRule, local: Bool) -> Bool? {
        var pairs = [(earlier.host, later.host), (earlier.httpMethod, later.httpMethod), (earlier.urlPath, later.urlPath)]
        if !local { pairs += [(earlier.serviceName, later.serviceName), (earlier.serviceType, later.serviceType)] }
        var decided = true
        for (outer, inner) in pairs {
            switch WildcardPattern.containment(outer, inner) {
            case false?: return false
            case nil: decided = false
            case true?: continue
            }
        }
        return decided ? true : nil
    }
}
