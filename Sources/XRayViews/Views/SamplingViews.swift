import XRayCore
import XRaySampling

extension LintRun {
    /// Every rule set in the run, as the SDKs would read it.
    package static func samplingSets(_ documents: [SourceDocument]) -> [SamplingRuleSet] {
        documents.filter { [.samplingRules, .localSamplingRules].contains($0.kind) || $0.isTemplate }.flatMap(SamplingRuleReader.read)
    }

    /// Each centralized rule as written, including a rule named Default, and whether it comes
    /// from API output or an update (where Default and priority 10000 are legitimate).
    package static func centralizedRules(_ documents: [SourceDocument]) -> [(rule: SamplingRule, describesExisting: Bool)] {
        documents.flatMap { document -> [(SamplingRule, Bool)] in
            guard let root = document.root else { return [] }
            switch document.kind {
            case .samplingRules:
                if let records = root["SamplingRuleRecords"]?.items {
                    return records.compactMap { $0["SamplingRule"] }.map { (SamplingRuleReader.centralized($0), true) }
                }
                if let update = root["SamplingRuleUpdate"] { return [(SamplingRuleReader.centralized(update), true)] }
                let items = root.items ?? [root]
                if !items.isEmpty, items.allSatisfy(KindDetector.isBareSamplingRule) {
                    return items.map { (SamplingRuleReader.centralized($0), false) }
                }
                return items.compactMap { $0["SamplingRule"] }.map { (SamplingRuleReader.centralized($0), false) }
            case .cloudFormation, .terraformPlan, .terraformSource:
                return TemplateView(document).resources(ofType: "AWS::XRay::SamplingRule").compactMap { $0.properties?["SamplingRule"] }
                    .map { (SamplingRuleReader.centralized($0), false) }
            default:
                return []
            }
        }
    }

    /// Local rule files' rules, with the file's root.
    package static func localRuleFiles(_ documents: [SourceDocument]) -> [(root: LocatedNode, set: SamplingRuleSet)] {
        documents.filter { $0.kind == .localSamplingRules }.compactMap { document in
            document.root.map { ($0, SamplingRuleReader.local($0)) }
        }
    }
}

extension SamplingRule {
    /// The node of a field by API name, else the rule's own node.
    package func node(_ field: String) -> LocatedNode? { fields[field] ?? node }
}
