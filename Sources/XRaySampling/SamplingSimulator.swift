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
        /// With a boost: traces per second while X-Ray holds the rule at its `MaxRate`, and the
        /// month's traces if a boost came in every cooldown window and lasted its full minute.
        public var boostedTracesPerSecond: Double?
        public var boostedTracesPerMonth: Double?
    }

    /// AWS's adaptive sampling page: a boost lasts up to one minute, one per cooldown window (docs/xray-facts.md §6.6).
    public static let boostMinutes = 1.0

    public struct Result: Sendable {
        public var rules: [RuleFigures]
        public var requestsPerSecond: Double
        public var tracesPerSecond: Double
        public var tracesPerMonth: Double
        public var costPerMonth: Double
        public var hosts: Int
        public var days: Double
        public var pricing: Pricing

        /// The month's traces and cost at most, with every boost at its bound; nil when no rule that
        /// received traffic has a boost.
        public var boostedTracesPerMonth: Double? {
            guard rules.contains(where: { $0.boostedTracesPerMonth != nil }) else { return nil }
            return rules.map { $0.boostedTracesPerMonth ?? $0.tracesPerMonth }.reduce(0, +)
        }

        public var boostedCostPerMonth: Double? {
            boostedTracesPerMonth.map { max(0, $0 - pricing.freeTraces) / 1_000_000 * pricing.pricePerMillion }
        }
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
            var boosted: (perSecond: Double, perMonth: Double)?
            switch set.kind {
            case .centralized:
                let reservoir = min(requests, Double(max(rule.reservoir, 0)))
                traces = reservoir + (requests - reservoir) * rate
                if let maxRate = rule.boost?.maxRate {
                    // X-Ray's boost stays between the rule's rate and MaxRate.
                    let perSecond = reservoir + (requests - reservoir) * max(rate, min(max(maxRate, 0), 1))
                    // A cooldown of 0 (or none) lets boosts follow each other: boosted all month at most.
                    let cooldown = rule.boost?.cooldownMinutes ?? 0
                    let share = cooldown > boostMinutes ? boostMinutes / cooldown : 1
                    boosted = (perSecond, (traces + (perSecond - traces) * share) * secondsPerMonth)
                }
            case .local:
                let perHost = requests / Double(max(hosts, 1))
                let reservoir = min(perHost, Double(max(rule.reservoir, 0)))
                traces = Double(max(hosts, 1)) * (reservoir + (perHost - reservoir) * rate)
            }
            return RuleFigures(rule: rule, requestsPerSecond: requests, tracesPerSecond: traces, tracesPerMonth: traces * secondsPerMonth,
                               boostedTracesPerSecond: boosted?.perSecond, boostedTracesPerMonth: boosted?.perMonth)
        }
        let tracesPerSecond = figures.map(\.tracesPerSecond).reduce(0, +)
        let tracesPerMonth = tracesPerSecond * secondsPerMonth
        let billable = max(0, tracesPerMonth - pricing.freeTraces)
        return Result(rules: figures, requestsPerSecond: figures.map(\.requestsPerSecond).reduce(0, +),
                      tracesPerSecond: tracesPerSecond, tracesPerMonth: tracesPerMonth,
                      costPerMonth: billable / 1_000_000 * pricing.pricePerMillion, hosts: hosts, days: days, pricing: pricing)
    }
}
