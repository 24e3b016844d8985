import XRayCore

/// One sampling rule, whatever format it was read from, with the nodes it came from.
public struct SamplingRule: Sendable {
    public var name: String
    public var priority: Int
    public var fixedRate: Double
    /// Centralized: traces per second shared by all hosts. Local: `fixed_target`, per host.
    public var reservoir: Int
    public var serviceName = "*"
    public var serviceType = "*"
    public var host = "*"
    public var httpMethod = "*"
    public var urlPath = "*"
    public var resourceARN = "*"
    public var version = 1
    public var attributes: [String: String] = [:]
    /// Adaptive sampling's `SamplingRateBoost` (the model's `boost`), when the rule has one.
    public var boost: Boost?
    /// Where the rule is written, and each field's node by its API name (`Priority`, `FixedRate`, …).
    public var node: LocatedNode?
    public var fields: [String: LocatedNode] = [:]

    public init(name: String, priority: Int, fixedRate: Double, reservoir: Int) {
        self.name = name
        self.priority = priority
        self.fixedRate = fixedRate
        self.reservoir = reservoir
    }

    public var isDefault: Bool { name == "Default" }

    /// How far X-Ray may raise the rule's rate on anomalies, and how often (docs/xray-facts.md §6.6).
    public struct Boost: Sendable {
        public var maxRate: Double?
        public var cooldownMinutes: Double?
        /// The boost's own node and its two fields' nodes, by the API's names.
        public var node: LocatedNode?
        public var maxRateNode: LocatedNode?
        public var cooldownNode: LocatedNode?

        public init(maxRate: Double?, cooldownMinutes: Double?) {
            self.maxRate = maxRate
            self.cooldownMinutes = cooldownMinutes
        }
    }

    /// Why the X-Ray SDKs skip this rule, or nil when they use it (docs/xray-facts.md §6.3).
    public var ignoredBecause: String? {
        if resourceARN != "*" { return "its ResourceARN is not \"*\"" }
        if !attributes.isEmpty { return "it has Attributes" }
        if version != 1 { return "its Version is not 1" }
        // The Python SDK also drops a rule whose ServiceType is empty (connector._is_rule_valid).
        if serviceType.isEmpty { return "its ServiceType is empty" }
        return nil
    }
}

/// The rules of one source, in the order the SDKs try them.
public struct SamplingRuleSet: Sendable {
    public enum Kind: Sendable, Equatable {
        /// X-Ray's centralized rules: ordered by priority, then name; `Default` last.
        case centralized
        /// An SDK local rules file (version 1 or 2): file order, then its default.
        case local(version: Int)
    }

    public var kind: Kind
    public var rules: [SamplingRule]
    /// The fallback: the `Default` rule, or a local file's `default`.
    public var defaultRule: SamplingRule
    /// Where the set is written (for findings about the whole set).
    public var node: LocatedNode?

    public init(kind: Kind, rules: [SamplingRule], defaultRule: SamplingRule? = nil, node: LocatedNode? = nil) {
        self.kind = kind
        self.node = node
        var rules = rules
        let explicitDefault = rules.firstIndex { $0.isDefault && kind == .centralized }.map { rules.remove(at: $0) }
        self.defaultRule = defaultRule ?? explicitDefault ?? SamplingRule(name: "Default", priority: 10000, fixedRate: 0.05, reservoir: 1)
        self.rules = kind == .centralized ? rules.sorted { ($0.priority, $0.name) < ($1.priority, $1.name) } : rules
    }
}
