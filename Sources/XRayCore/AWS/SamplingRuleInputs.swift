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
        /// Adaptive sampling; left out of the JSON when nil.
        public var SamplingRateBoost: RateBoost?

        // Other modules of the package build these; the implicit memberwise initializer is internal.
        package init(RuleName: String, ResourceARN: String = "*", Priority: Int, FixedRate: Double, ReservoirSize: Int, ServiceName: String, ServiceType: String, Host: String, HTTPMethod: String, URLPath: String, Version: Int = 1, SamplingRateBoost: RateBoost? = nil) {
            self.RuleName = RuleName
            self.ResourceARN = ResourceARN
            self.Priority = Priority
            self.FixedRate = FixedRate
            self.ReservoirSize = ReservoirSize
            self.ServiceName = ServiceName
            self.ServiceType = ServiceType
            self.Host = Host
            self.HTTPMethod = HTTPMethod
            self.URLPath = URLPath
            self.Version = Version
            self.SamplingRateBoost = SamplingRateBoost
        }
    }

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(SamplingRule: Rule) {
        self.SamplingRule = SamplingRule
    }
}

/// X-Ray's `SamplingRateBoost` (botocore: MaxRate 0–1, CooldownWindowMinutes an integer; docs/xray-facts.md §6.6).
public struct RateBoost: Encodable, Hashable, Sendable {
    public var MaxRate: Double
    public var CooldownWindowMinutes: Int

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(MaxRate: Double, CooldownWindowMinutes: Int) {
        self.MaxRate = MaxRate
        self.CooldownWindowMinutes = CooldownWindowMinutes
    }
}

/// X-Ray `UpdateSamplingRule` input that sets one rule's boost, for outputs that create the rule
/// without it (the Terraform AWS provider 5.100's `aws_xray_sampling_rule` has no such argument).
public struct UpdateSamplingRateBoostInput: Encodable, Hashable, Sendable {
    public var SamplingRuleUpdate: Update

    public struct Update: Encodable, Hashable, Sendable {
        public var RuleName: String
        public var SamplingRateBoost: RateBoost

        // Other modules of the package build these; the implicit memberwise initializer is internal.
        package init(RuleName: String, SamplingRateBoost: RateBoost) {
            self.RuleName = RuleName
            self.SamplingRateBoost = SamplingRateBoost
        }
    }

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(SamplingRuleUpdate: Update) {
        self.SamplingRuleUpdate = SamplingRuleUpdate
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

        // Other modules of the package build these; the implicit memberwise initializer is internal.
        package init(RuleName: String = "Default", FixedRate: Double, ReservoirSize: Int) {
            self.RuleName = RuleName
            self.FixedRate = FixedRate
            self.ReservoirSize = ReservoirSize
        }
    }

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(SamplingRuleUpdate: Update) {
        self.SamplingRuleUpdate = SamplingRuleUpdate
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

        // Other modules of the package build these; the implicit memberwise initializer is internal.
        package init(fixed_target: Int, rate: Double) {
            self.fixed_target = fixed_target
            self.rate = rate
        }
    }

    public struct Rule: Encodable, Hashable, Sendable {
        public var description: String
        public var host: String
        public var http_method: String
        public var url_path: String
        public var fixed_target: Int
        public var rate: Double

        // Other modules of the package build these; the implicit memberwise initializer is internal.
        package init(description: String, host: String, http_method: String, url_path: String, fixed_target: Int, rate: Double) {
            self.description = description
            self.host = host
            self.http_method = http_method
            self.url_path = url_path
            self.fixed_target = fixed_target
            self.rate = rate
        }
    }

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(version: Int = 2, `default`: Target, rules: [Rule]) {
        self.version = version
        self.default = `default`
        self.rules = rules
    }
}
