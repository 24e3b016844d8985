/// X-Ray `CreateSamplingRule` input.
public struct CreateSamplingRuleInput: Encodable, Hashable, Sendable {
    public var SamplingRule: Rule

    public struct Rule: Encodable, Hashable, Sendable {
        public var RuleName: String
        /// SDKs use only rules whose ResourceARN is "*" (docs/xray-facts.md §6.3).
        public var ResourceARN = "*"
        public var Priority: Int
        public var FixedRate: Double
        public var ReservoirSize: Int
        public var ServiceName: String
        public var ServiceType: String
        public var Host: String
        public var HTTPMethod: String
        public var URLPath: String
        public var Version = 1
    }
}

/// X-Ray `UpdateSamplingRule` input for the built-in Default rule, which cannot be created or
/// deleted, only given another rate and reservoir (docs/xray-facts.md §6.1).
public struct UpdateDefaultRuleInput: Encodable, Hashable, Sendable {
    public var SamplingRuleUpdate: Update

    public struct Update: Encodable, Hashable, Sendable {
        public var RuleName = "Default"
        public var FixedRate: Double
        public var ReservoirSize: Int
    }
}

/// An X-Ray SDK local sampling rules file, version 2 (docs/xray-facts.md §6.5).
public struct LocalSamplingRules: Encodable, Hashable, Sendable {
    public var version = 2
    public var `default`: Target
    public var rules: [Rule]

    public struct Target: Encodable, Hashable, Sendable {
        public var fixed_target: Int
        public var rate: Double
    }

    public struct Rule: Encodable, Hashable, Sendable {
        public var description: String
        public var host: String
        public var http_method: String
        public var url_path: String
        public var fixed_target: Int
        public var rate: Double
    }
}
