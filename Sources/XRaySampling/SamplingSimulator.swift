import XRayCore

/// One entry of a traffic profile: requests per second across the fleet for a kind of request.
public struct TrafficEntry: Sendable {
    public var request: SamplingRequest
    public var rps: Double

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(request: SamplingRequest, rps: Double) {
        self.request = request
        self.rps = rps
    }
}

/// Expected traces per rule and in total, and what they cost (docs/xray-facts.md §2.8, §6.4).
public enum SamplingSimulator {
    public struct Pricing: Sendable {
        /// Dollars per million traces recorded (list price, us-east-1, 2026).
        public var pricePerMillion = 5.0
        /// Traces recorded free each month.
        public var freeTraces = 100_000.0
        public init(pricePerMillion: Double = 5.0, freeTraces: Double = 100_000) {
            self.pricePerMillion = pricePerMillion
            self.freeTraces = freeTraces
        }
    }

    public struct RuleFigures: Sendable {
        public var rule: SamplingRule
        public var requestsPerSecond: Double
        public var tracesPerSecond: Double
        public var tracesPerMonth: Double
    }

    public struct Result: Sendable {
        public var rules: [RuleFigures]
        public var requestsPerSecond: Double
        public var tracesPerSecond: Double
        public var tracesPerMonth: Double
        public var costPerMonth: Double
        public var hosts: Int
        public var days: Double
        public var pricing: Pricing
    }

    /// Each request goes to the rule the SDKs would choose; a rule records its reservoir first
    /// (traces per second), then its rate of the rest. A centralized reservoir is one quota
    /// shared by every host; a local `fixed_target` applies on every host (docs/xray-facts.md §6.4).
    public static func simulate(_ set: SamplingRuleSet, traffic: [TrafficEntry], hosts: Int, days: Double,
                                pricing: Pricing = Pricing()) -> Result {
        var rps: [String: Double] = [:]
        var order: [SamplingRule] = []
        for entry in traffic {
            let rule = SamplingMatcher.match(entry.request, in: set).rule
            if rps[rule.name] == nil { order.append(rule) }
            rps[rule.name, default: 0] += entry.rps
        }
        let secondsPerMonth = days * 86_400
        let figures = order.map { rule -> RuleFigures in
            let requests = rps[rule.name] ?? 0
            // The SDKs sample when a random number in [0, 1) is below the rate, so a rate above 1
            // records everything and one below 0 nothing.
            let rate = min(max(rule.fixedRate, 0), 1)
            let traces: Double
            switch set.kind {
            case .centralized:
                let reservoir = min(requests, Double(max(rule.reservoir, 0)))
                traces = reservoir + (requests - reservoir) * rate
            case .local:
                let perHost = requests / Double(max(hosts, 1))
                let reservoir = min(perHost, Double(max(rule.reservoir, 0)))
                traces = Double(max(hosts, 1)) * (reservoir + (perHost - reservoir) * rate)
            }
            return RuleFigures(rule: rule, requestsPerSecond: requests, tracesPerSecond: traces, tracesPerMonth: traces * secondsPerMonth)
        }
        let tracesPerSecond = figures.map(\.tracesPerSecond).reduce(0, +)
        let tracesPerMonth = tracesPerSecond * secondsPerMonth
        let billable = max(0, tracesPerMonth - pricing.freeTraces)
        return Result(rules: figures, requestsPerSecond: figures.map(\.requestsPerSecond).reduce(0, +),
                      tracesPerSecond: tracesPerSecond, tracesPerMonth: tracesPerMonth,
                      costPerMonth: billable / 1_000_000 * pricing.pricePerMillion, hosts: hosts, days: days, pricing: pricing)
    }
}
