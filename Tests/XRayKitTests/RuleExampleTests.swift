import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Every rule's examples are its tests: a triggering example must give exactly one finding of
/// that rule at each `↓`, a non-triggering one none.
@Suite struct RuleExampleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var index: Int
        var testDescription: String { "\(rule) example \(index + 1)" }
    }

    static var cases: [Case] {
        RuleCatalog.descriptions.filter { $0.layer == .lint }.flatMap { description in
            description.examples.indices.map { Case(rule: description.id, index: $0) }
        }
    }

    /// A fixed day before the end of support, so XR805's severity does not depend on the calendar.
    static let today = Date(timeIntervalSince1970: 1_795_000_000)

    static func findings(for example: RuleExample, rule: String) -> [Finding] {
        example.findings(of: rule, today: today)
    }

    @Test(arguments: cases)
    func example(_ testCase: Case) throws {
        let description = try #require(RuleCatalog.rule(testCase.rule)?.description)
        let example = description.examples[testCase.index]
        let found = Self.findings(for: example, rule: testCase.rule)
        let expected = example.unmarked.markers.map { "\($0.line):\($0.column)" }
        let actual = found.map { "\($0.location.line):\($0.location.column)" }
        #expect(actual == expected, "\(testCase.rule) example \(testCase.index + 1): \(found.map { "\($0.location): \($0.message)" })")
        // Some rules pick a severity per finding (Fargate vs EC2, reserved vs overridden, …): always one they declare.
        for finding in found {
            #expect(description.severities.contains(finding.severity), "\(testCase.rule) reported \(finding.severity)")
        }
    }

    @Test func everyRuleHasTriggeringAndCleanExamples() {
        for description in RuleCatalog.descriptions where description.layer != .live {
            #expect(description.examples.contains { $0.triggers }, "\(description.id) has no triggering example")
            #expect(description.examples.contains { !$0.triggers }, "\(description.id) has no non-triggering example")
        }
    }

    @Test func catalogueIsUniqueAndOrdered() {
        let ids = RuleCatalog.descriptions.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        // An area is a block of IDs: XR1nn are ECS, XR5nn the daemon's configuration, …
        for (area, rules) in RuleCatalog.areas {
            for rule in rules {
                #expect(rule.description.id.dropFirst(2).first == Character(String(area.rawValue)), "\(rule.description.id) in \(area)")
            }
        }
        #expect(RuleCatalog.areas.map(\.area) == RuleCatalog.Area.allCases)
        // Only rules a lint run checks have a check; the others are reported by the loader or doctor.
        #expect(Set(RuleCatalog.lintRules.map(\.description.id)).isSubset(of: Set(ids)))
        // `lintRule` (which the catalogue uses instead of a dynamic cast) finds exactly the rules with a check.
        #expect(RuleCatalog.lintRules.map(\.description.id) == RuleCatalog.all.filter { $0 is any LintRule }.map(\.description.id))
        for description in RuleCatalog.descriptions {
            #expect(!description.summary.isEmpty && !description.rationale.isEmpty && !description.name.isEmpty)
        }
    }
}
