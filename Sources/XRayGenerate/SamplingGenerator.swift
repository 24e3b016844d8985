import XRayCore
import XRaySampling

/// Centralized sampling rules, the Default rule's update, and the SDK's local fallback file (docs/xray-facts.md §6).
package struct SamplingGenerator {
    package let context: GenerationContext

    package static let defaultReservoir = 1
    package static let defaultRate = 0.05
    package static let boostsPath = "sampling/rate-boosts.json"

    package func generate(_ sampling: SamplingSpec) -> Setup {
        var output = Setup(context)
        // Centralized rules apply by priority, then name; the local file applies in file order,
        // so it is written in the same order to give the same decisions.
        let rules = sampling.rules.sorted { ($0.priority, $0.name) < ($1.priority, $1.name) }
        let inputs = rules.map { rule in
            CreateSamplingRuleInput(SamplingRule: .init(
                RuleName: rule.name, Priority: rule.priority, FixedRate: rule.rate, ReservoirSize: rule.reservoir,
                ServiceName: rule.service, ServiceType: rule.serviceType, Host: rule.host,
                HTTPMethod: rule.method, URLPath: rule.path,
                SamplingRateBoost: rule.boost.map { RateBoost(MaxRate: $0.maxRate, CooldownWindowMinutes: $0.cooldownMinutes) }))
        }
        if !rules.isEmpty {
            output.add("sampling/rules.json", CanonicalJSON.encode(inputs),
                       "custom sampling rules (an array of CreateSamplingRule inputs)")
            for account in context.samplingAccounts { output.add(.samplingRules(inputs, path: "sampling/rules.json", account: account)) }
        }
        let boosts = inputs.compactMap { input in
            input.SamplingRule.SamplingRateBoost.map {
                UpdateSamplingRateBoostInput(SamplingRuleUpdate: .init(RuleName: input.SamplingRule.RuleName, SamplingRateBoost: $0))
            }
        }
        if !boosts.isEmpty {
            output.add(Self.boostsPath, CanonicalJSON.encode(boosts),
                       "the rules' adaptive sampling boosts again (an array of UpdateSamplingRule inputs), for Terraform, whose aws_xray_sampling_rule cannot hold them")
            for account in context.samplingAccounts { output.add(.samplingRateBoosts(boosts, path: Self.boostsPath, account: account)) }
            output.notes.append("Only SDKs that support adaptive sampling raise a rule's rate on anomalies (ADOT Java 2.11.5 or later, ADOT Python 0.15.0 or later, with the CloudWatch agent or a collector serving sampling); other SDKs keep its fixed rate. A boost lasts up to a minute, at most once per cooldown window.")
        }
        if sampling.defaultReservoir != Self.defaultReservoir || sampling.defaultRate != Self.defaultRate {
            let update = UpdateDefaultRuleInput(SamplingRuleUpdate: .init(FixedRate: sampling.defaultRate,
                                                                          ReservoirSize: sampling.defaultReservoir))
            output.add("sampling/default-rule.json", CanonicalJSON.encode(update),
                       "the Default rule's reservoir and rate (UpdateSamplingRule input; Default cannot be created)")
            // One Default rule per account: with `account_settings: external` another project sets it.
            for account in context.samplingAccounts {
                output.add(context.model.accountSettings == .managed
                    ? .defaultSamplingRule(path: "sampling/default-rule.json", account: account)
                    : .accountSettingCheck(.defaultSamplingRule(reservoir: sampling.defaultReservoir, rate: sampling.defaultRate), account: account))
            }
            output.notes.append("The Default sampling rule is one per account: every project that sets it sets it for all. \(context.model.accountSettings == .managed ? "This one does; set `account_settings: external` in the others." : "`account_settings: external`: the steps show its reservoir and rate beside this model's.")")
        }

        // Local rules match only host, method and path, so a rule that selects a service cannot be
        // expressed there without applying to every service.
        let local = rules.filter { $0.service == "*" && $0.serviceType == "*" }
        let file = LocalSamplingRules(
            default: .init(fixed_target: sampling.defaultReservoir, rate: sampling.defaultRate),
            rules: local.map { .init(description: $0.name, host: $0.host, http_method: $0.method, url_path: $0.path,
                                     fixed_target: $0.reservoir, rate: $0.rate) })
        output.add("sampling/local-rules.json", CanonicalJSON.encode(file),
                   "the SDKs' local fallback rules (version 2), used when the centralized rules cannot be fetched")
        let skipped = rules.filter { $0.service != "*" || $0.serviceType != "*" }.map { "`\($0.name)`" }
        if !skipped.isEmpty {
            output.notes.append("`sampling/local-rules.json` leaves out \(skipped.joined(separator: ", ")): local rules cannot match a service name or type.")
        }
        output.notes.append("Point the SDKs at `sampling/local-rules.json` (for example `AWSXRay.middleware.setSamplingRules` in Node, `xray_recorder.configure(sampling_rules=...)` in Python) so they fall back to the same decisions when the centralized rules are out of reach.")
        return output
    }
}
