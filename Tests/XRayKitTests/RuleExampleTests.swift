import Foundation
import Testing
@testable import XRayKit

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
        // These rules pick their severity per finding (Fargate vs EC2, reserved vs overridden, …).
        let variable: Set<String> = ["XR107", "XR201", "XR305", "XR406", "XR805"]
        for finding in found where !variable.contains(testCase.rule) {
            #expect(finding.severity == description.severity)
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
        for description in RuleCatalog.descriptions {
            #expect(!description.summary.isEmpty && !description.rationale.isEmpty && !description.name.isEmpty)
        }
    }
}
