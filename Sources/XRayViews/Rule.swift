import XRayCore
import XRaySampling

/// A catalogue entry: a rule's ID, documentation and examples. Every finding is made through its
/// rule type (`finding(at:…)`), so an ID is written once, in the rule's description. Rules whose
/// findings come from somewhere other than a lint run (the file loader, doctor's probes and AWS
/// calls) are only `Rule`; the ones a lint run checks are `LintRule`.
public protocol Rule: Sendable {
    static var description: RuleDescription { get }
    /// The rule as a `LintRule` when it is one (`RuleCatalog.lintRules`). Not `as? any LintRule`:
    /// that cast searches the binary's conformance records for each rule, and for 120 rules it
    /// was 6% of the instructions of linting 40 templates.
    var lintRule: (any LintRule)? { get }
}

extension Rule {
    public var lintRule: (any LintRule)? { nil }
}

extension LintRule {
    public var lintRule: (any LintRule)? { self }
}

/// A rule that looks at one lint run's documents.
public protocol LintRule: Rule {
    func check(_ run: LintRun) -> [Finding]
}

extension Rule {
    public var description: RuleDescription { Self.description }

    /// A finding of this rule. The severity must be one the rule declares (`severities`): the
    /// catalogue, the rule pages and SARIF promise no other.
    package static func finding(at location: SourceLocation, pointer: String = "", _ message: String, fix: String? = nil,
                        severity: Severity? = nil) -> Finding {
        let severity = severity ?? description.severity
        assert(description.severities.contains(severity), "\(description.id) does not declare severity \(severity)")
        return Finding(rule: description.id, severity: severity, message: message, location: location, pointer: pointer, fix: fix)
    }

    /// A finding of this rule at a node.
    package func finding(_ node: LocatedNode, _ message: String, fix: String? = nil, severity: Severity? = nil) -> Finding {
        Self.finding(at: node.location, pointer: node.pointer, message, fix: fix, severity: severity)
    }
}
