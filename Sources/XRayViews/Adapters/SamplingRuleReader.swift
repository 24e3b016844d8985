import XRayCore
import XRaySampling

/// Reads sampling rules from every format xrayctl knows: `CreateSamplingRule` input, arrays of
/// them, bare arrays of rules (`[{"RuleName": …}, …]`), `get-sampling-rules` output, CloudFormation `AWS::XRay::SamplingRule`, SDK local rule
/// files (version 1 and 2), and the `sampling:` section of `xray.yaml`.
public enum SamplingRuleReader {
    public static func read(_ document: SourceDocument) -> [SamplingRuleSet] {
        guard let root = document.root else { return [] }
        switch document.kind {
        case .samplingRules:
            let records = root["SamplingRuleRecords"]?.items ?? root.items ?? [root]
            let rules = records.compactMap { record in
                (record["SamplingRule"] ?? record["SamplingRuleUpdate"]).map(centralized)
                    ?? (KindDetector.isBareSamplingRule(record) ? centralized(record) : nil)
            }
            return rules.isEmpty ? [] : [SamplingRuleSet(kind: .centralized, rules: rules, node: root)]
        case .cloudFormation, .terraformPlan, .terraformSource:
            let rules = TemplateView(document).resources(ofType: "AWS::XRay::SamplingRule").compactMap { resource in
                (resource.properties?["SamplingRule"] ?? resource.properties?["SamplingRuleRecord"]?["SamplingRule"]).map(centralized)
            }
            return rules.isEmpty ? [] : [SamplingRuleSet(kind: .centralized, rules: rules, node: root)]
        case .localSamplingRules:
            return [local(root)]
        default:
            if let sampling = root["sampling"], root["services"] != nil { return [model(sampling, project: root["project"]?.text)] }
            return []
        }
    }

    /// A rule in the API's shape (`RuleName`, `Priority`, `FixedRate`, …).
    package static func centralized(_ node: LocatedNode) -> SamplingRule {
        var rule = SamplingRule(name: node["RuleName"]?.text ?? node["RuleARN"]?.text?.split(separator: "/").last.map(String.init) ?? "",
                                priority: int(node["Priority"]) ?? 0, fixedRate: double(node["FixedRate"]) ?? 0,
                                reservoir: int(node["ReservoirSize"]) ?? 0)
        rule.serviceName = node["ServiceName"]?.text ?? "*"
        rule.serviceType = node["ServiceType"]?.text ?? "*"
        rule.host = node["Host"]?.text ?? "*"
        rule.httpMethod = node["HTTPMethod"]?.text ?? "*"
        rule.urlPath = node["URLPath"]?.text ?? "*"
        rule.resourceARN = node["ResourceARN"]?.text ?? "*"
        rule.version = int(node["Version"]) ?? 1
        for (key, value) in node["Attributes"]?.pairs ?? [] {
            if let name = key.text { rule.attributes[name] = value.text ?? "" }
        }
        rule.boost = node["SamplingRateBoost"].map { boost($0, maxRate: "MaxRate", cooldown: "CooldownWindowMinutes") }
        rule.node = node
        for (key, value) in node.pairs ?? [] { if let name = key.text { rule.fields[name] = value } }
        return rule
    }

    /// A boost as the API writes it (`MaxRate`, `CooldownWindowMinutes`) or as the model does.
    package static func boost(_ node: LocatedNode, maxRate: String, cooldown: String) -> SamplingRule.Boost {
        var boost = SamplingRule.Boost(maxRate: double(node[maxRate]), cooldownMinutes: double(node[cooldown]))
        boost.node = node
        boost.maxRateNode = node[maxRate]
        boost.cooldownNode = node[cooldown]
        return boost
    }

    /// An SDK local file: version 2 matches `host`, version 1 calls the same field `service_name`.
    package static func local(_ root: LocatedNode) -> SamplingRuleSet {
        let version = int(root["version"]) ?? 2
        func rule(_ node: LocatedNode, name: String) -> SamplingRule {
            var rule = SamplingRule(name: name, priority: 0, fixedRate: double(node["rate"]) ?? 0, reservoir: int(node["fixed_target"]) ?? 0)
            rule.host = node[version == 1 ? "service_name" : "host"]?.text ?? node["host"]?.text ?? "*"
            rule.httpMethod = node["http_method"]?.text ?? "*"
            rule.urlPath = node["url_path"]?.text ?? "*"
            rule.node = node
            let names = ["rate": "FixedRate", "fixed_target": "ReservoirSize", "host": "Host", "service_name": "Host",
                         "http_method": "HTTPMethod", "url_path": "URLPath", "description": "RuleName"]
            for (key, value) in node.pairs ?? [] { if let field = key.text { rule.fields[names[field] ?? field] = value } }
            return rule
        }
        let rules = (root["rules"]?.items ?? []).enumerated().map { index, node in
            rule(node, name: node["description"]?.text ?? "rule \(index + 1)")
        }
        let defaultRule = root["default"].map { rule($0, name: "default") }
        return SamplingRuleSet(kind: .local(version: version), rules: rules, defaultRule: defaultRule, node: root)
    }

    /// `xray.yaml`'s `sampling:` section, under the names the generated rules get (with the
    /// project prefix), so a rule is called the same in the model's answers and in AWS.
    package static func model(_ sampling: LocatedNode, project: String? = nil) -> SamplingRuleSet {
        let rules = (sampling["rules"]?.items ?? []).map { node -> SamplingRule in
            let name = node["name"]?.text ?? ""
            var rule = SamplingRule(name: project.map { Naming.prefixed($0, name) } ?? name, priority: int(node["priority"]) ?? 0,
                                    fixedRate: double(node["rate"]) ?? 0, reservoir: int(node["reservoir"]) ?? 0)
            rule.serviceName = node["service"]?.text ?? "*"
            rule.serviceType = node["service_type"]?.text ?? "*"
            rule.host = node["host"]?.text ?? "*"
            rule.httpMethod = node["method"]?.text ?? "*"
            rule.urlPath = node["path"]?.text ?? "*"
            rule.boost = node["boost"].map { boost($0, maxRate: "max_rate", cooldown: "cooldown_minutes") }
            rule.node = node
            return rule
        }
        var defaultRule = SamplingRule(name: "Default", priority: 10000, fixedRate: 0.05, reservoir: 1)
        if let node = sampling["default"] {
            defaultRule.fixedRate = double(node["rate"]) ?? 0.05
            defaultRule.reservoir = int(node["reservoir"]) ?? 1
        }
        return SamplingRuleSet(kind: .centralized, rules: rules, defaultRule: defaultRule, node: sampling)
    }

    package static func int(_ node: LocatedNode?) -> Int? { node?.text.flatMap { Int($0) } }
    package static func double(_ node: LocatedNode?) -> Double? { node?.text.flatMap { Double($0) } }
}
