import XRayCore
import XRaySampling

/// How serious a finding is. Ordered: info < warning < error.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case info, warning, error

    package var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One problem a rule found, at a node of a document.
public struct Finding: Hashable, Sendable {
    public var rule: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    public var pointer: String
    public var fix: String?
    /// The Terraform resource the finding is about (plans only).
    public var address: String?
    /// For a finding about an embedded document (a daemon config in `.ebextensions` or a ConfigMap),
    /// the rule that found it there; its message ends with `[ID]`. Suppressing either ID suppresses it.
    public var innerRule: String?

    /// The finding's rule, and the embedded document's rule when there is one.
    public var ruleIDs: [String] { [rule] + (innerRule.map { [$0] } ?? []) }

    public init(rule: String, severity: Severity, message: String, location: SourceLocation, pointer: String, fix: String?) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.pointer = pointer
        self.fix = fix
    }

    /// Sorted by file, line, column, rule, as the JSON report promises.
    package static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        (a.location.file, a.location.line, a.location.column, a.rule, a.message)
            < (b.location.file, b.location.line, b.location.column, b.rule, b.message)
    }
}
