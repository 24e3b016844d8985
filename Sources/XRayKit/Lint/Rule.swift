/// A lint rule: a self-describing value that looks at one run's documents.
public protocol LintRule: Sendable {
    static var description: RuleDescription { get }
    func check(_ run: LintRun) -> [Finding]
}

extension LintRule {
    public var description: RuleDescription { Self.description }

    /// A finding of this rule at a node.
    func finding(_ node: LocatedNode, _ message: String, fix: String? = nil, severity: Severity? = nil) -> Finding {
        Finding(rule: Self.description.id, severity: severity ?? Self.description.severity, message: message,
                location: node.location, pointer: node.pointer, fix: fix)
    }
}
