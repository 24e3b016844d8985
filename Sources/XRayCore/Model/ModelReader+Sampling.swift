extension ModelReader {
    package static let samplingKeys = ["default", "rules"]
    package static let samplingRuleKeys = ["name", "priority", "reservoir", "rate", "service", "service_type",
                                   "host", "method", "path", "boost"]
    package static let samplingBoostKeys = ["max_rate", "cooldown_minutes"]
    /// The default per-region quota of custom sampling rules (docs/xray-facts.md §6.2).
    package static let samplingRuleQuota = 25

    package func sampling(_ node: LocatedNode, project: String) -> SamplingSpec? {
        guard let fields = reader.fields(node, "sampling", keys: Self.samplingKeys) else { return nil }
        var spec = SamplingSpec(defaultReservoir: 1, defaultRate: 0.05, rules: [])
        if let defaultNode = fields["default"],
           let defaults = reader.fields(defaultNode, "sampling default", keys: ["reservoir", "rate"]) {
            if let node = defaults["reservoir"], let value = reservoir(node) { spec.defaultReservoir = value }
            if let node = defaults["rate"], let value = rate(node) { spec.defaultRate = value }
        }
        if let rulesNode = fields["rules"] {
            guard let items = rulesNode.items else {
                reader.error(rulesNode, "sampling rules must be a list, found \(rulesNode.typeName)")
                return spec
            }
            spec.rules = items.compactMap { rule($0, project: project) }
            rejectRepeatedNames(spec.rules.map { ($0.name, $0.location) }, "sampling rule name")
            if items.count > Self.samplingRuleQuota {
                reader.warning(rulesNode, "\(items.count) sampling rules exceed the default quota of \(Self.samplingRuleQuota) custom rules per region; request an increase (quota L-8C0C998A) before applying")
            }
        }
        return spec
    }

    private func rule(_ node: LocatedNode, project: String) -> SamplingRuleSpec? {
        guard let fields = reader.fields(node, "a sampling rule", keys: Self.samplingRuleKeys) else { return nil }
        let name = reader.required(fields, "name", "a sampling rule").flatMap {
            prefixedName($0, "sampling rule name", project: project, maxLength: Naming.maxRuleName,
                         reserved: "'Default' is the built-in rule; set its reservoir and rate under sampling.default")
        }
        // Priority 10000 belongs to the Default rule; the API rejects it for custom rules (docs/xray-facts.md §6.1).
        let priority = reader.required(fields, "priority", "a sampling rule")
            .flatMap { reader.int($0, "sampling rule priority", in: 1...9999) }
        let reservoir = reader.required(fields, "reservoir", "a sampling rule").flatMap(reservoir)
        let rate = reader.required(fields, "rate", "a sampling rule").flatMap { self.rate($0) }
        // Length limits of CreateSamplingRule (docs/xray-facts.md §6.2).
        func matcher(_ key: String, _ limit: Int) -> String {
            guard let node = fields[key], let text = reader.string(node, "sampling rule \(key)") else { return "*" }
            if text.count > limit {
                reader.error(node, "sampling rule \(key)", "is longer than \(limit) characters")
            }
            return text
        }
        let spec = SamplingRuleSpec(
            name: name ?? "", priority: priority ?? 1, reservoir: reservoir ?? 0, rate: rate ?? 0,
            service: matcher("service", 64), serviceType: matcher("service_type", 64),
            host: matcher("host", 64), method: matcher("method", 10), path: matcher("path", 128),
            boost: fields["boost"].flatMap { boost($0, rate: rate) },
            location: node.location)
        guard name != nil, priority != nil, reservoir != nil, rate != nil else { return nil }
        return spec
    }

    /// `boost: {max_rate, cooldown_minutes}`: SamplingRateBoost's MaxRate (0 to 1) and
    /// CooldownWindowMinutes, at least 1 as CloudFormation's resource schema requires (the API takes 0;
    /// docs/xray-facts.md §6.6).
    private func boost(_ node: LocatedNode, rate: Double?) -> SamplingBoostSpec? {
        guard let fields = reader.fields(node, "a sampling rule's boost", keys: Self.samplingBoostKeys) else { return nil }
        let maxRate = reader.required(fields, "max_rate", "a sampling rule's boost").flatMap { self.rate($0, what: "boost max_rate") }
        let cooldown = reader.required(fields, "cooldown_minutes", "a sampling rule's boost")
            .flatMap { reader.int($0, "boost cooldown_minutes", in: 1...Int(Int32.max)) }
        guard let maxRate, let cooldown else { return nil }
        if let rate, maxRate <= rate, let node = fields["max_rate"] {
            reader.warning(node, "boost max_rate \(maxRate) is not above the rule's rate \(rate): X-Ray never raises the rate, so the boost does nothing")
        }
        return SamplingBoostSpec(maxRate: maxRate, cooldownMinutes: cooldown)
    }

    private func reservoir(_ node: LocatedNode) -> Int? {
        reader.int(node, "reservoir (traces per second)", in: 0...Int(Int32.max))
    }

    private func rate(_ node: LocatedNode, what: String = "rate") -> Double? {
        if let scalar = node.scalar, let value = Double(scalar.text), value > 1, value <= 100 {
            reader.error(node, what, "is a fraction from 0 to 1; \(scalar.text) looks like a percentage (use \(value / 100))")
            return nil
        }
        return reader.double(node, what, in: 0...1)
    }
}
