import Foundation
import XRayCore
import XRaySampling

/// Everything a rule says about itself: the catalogue entry, the documentation and the test cases.
public struct RuleDescription: Sendable {
    /// Where a rule looks: files given to `lint`, a project's application code (`doctor`), or a
    /// running setup (`doctor`'s probes and AWS checks). Each layer's examples run in its own tests.
    public enum Layer: String, Sendable { case lint, project, live }

    public var id: String
    public var name: String
    /// The severity findings have unless the rule says otherwise for one.
    public var severity: Severity
    /// Every severity the rule may report (its default among them): some rules say less when they
    /// cannot prove a problem (info), or more on Fargate than on EC2.
    public var severities: Set<Severity>
    /// One sentence: what triggers the rule.
    public var summary: String
    /// Why it matters, in prose; what it rests on is in `sources`.
    public var rationale: String
    /// Public documents that show the behaviour: rule pages and SARIF list them.
    public var sources: [RuleSource]
    /// Made when asked (tests, rule pages), not when a lint run reads the rule's ID: some examples
    /// are large texts built at run time.
    public var examples: [RuleExample] { makeExamples() }
    private let makeExamples: @Sendable () -> [RuleExample]
    public var layer: Layer

    public init(id: String, name: String, severity: Severity, also otherSeverities: Set<Severity> = [], summary: String,
                rationale: String, sources: [RuleSource], examples: @autoclosure @escaping @Sendable () -> [RuleExample],
                layer: Layer = .lint) {
        self.id = id
        self.name = name
        self.severity = severity
        self.severities = otherSeverities.union([severity])
        self.summary = summary
        self.rationale = rationale
        self.sources = sources
        self.makeExamples = examples
        self.layer = layer
    }
}

/// A file that triggers the rule exactly at each `↓` marker, or (with none) must not trigger it.
public struct RuleExample: Sendable {
    public static let marker: Character = "↓"

    /// The file's name decides kind detection for `.ebextensions`; the content decides the rest.
    public var file: String
    public var text: String
    /// Other files linted in the same run (a role the example's task definition names, say).
    public var companions: [(file: String, text: String)]

    public init(_ file: String, _ text: String, with companions: [(file: String, text: String)] = []) {
        self.file = file
        self.text = text
        self.companions = companions
    }

    public var triggers: Bool { text.contains(Self.marker) }
    /// The text without markers, and each marker's line and column there.
    public var unmarked: (text: String, markers: [(line: Int, column: Int)]) {
        var text = "", markers: [(Int, Int)] = []
        var line = 1, column = 1
        for character in self.text {
            if character == Self.marker {
                markers.append((line, column))
                continue
            }
            text.append(character)
            if character == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (text, markers)
    }
}
