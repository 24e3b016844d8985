import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// XR606 rests on wildcard containment; it must agree with brute force on random patterns.
@Suite struct ShadowingTests {
    typealias Generator = RobustnessTests.SeededGenerator

    static let alphabet: [Character] = ["a", "B", "b", "/"]

    /// Every text over the alphabet up to `length` characters.
    static func texts(upTo length: Int) -> [String] {
        var all = [""], frontier = [""]
        for _ in 0..<length {
            frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
            all += frontier
        }
        return all
    }

    static func randomPattern(_ generator: inout Generator) -> String {
        let pieces: [Character] = alphabet + ["*", "?", "*"]
        return String((0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! })
    }

    @Test func containmentAgreesWithBruteForce() {
        var generator = Generator(state: 2026)
        // Texts up to 7 characters decide containment for patterns of up to 4 symbols: a
        // counterexample, if one exists, needs at most one more character than both patterns' literals.
        let texts = Self.texts(upTo: 7).filter { !$0.isEmpty }
        var checked = 0, contained = 0
        for _ in 0..<1500 {
            let outer = Self.randomPattern(&generator), inner = Self.randomPattern(&generator)
            let brute = texts.allSatisfy { !WildcardPattern.matches(inner, $0) || WildcardPattern.matches(outer, $0) }
            #expect(WildcardPattern.contains(outer, inner) == brute, "contains(\(outer.debugDescription), \(inner.debugDescription))")
            checked += 1
            if brute { contained += 1 }
        }
        #expect(contained > 100 && contained < checked - 100, "the random cases exercise both answers")
    }

    @Test func knownCases() {
        #expect(WildcardPattern.contains("*?", "?*"))
        #expect(WildcardPattern.contains("api*", "api-prod"))
        #expect(WildcardPattern.contains("API*", "api-?"), "case-insensitive")
        #expect(!WildcardPattern.contains("api-prod", "api*"))
        #expect(!WildcardPattern.contains("/health", "/health*"))
        #expect(WildcardPattern.contains("", ""), "an empty field is absent and matches everything")
    }

    @Test func shadowedRulesInASet() {
        func rule(_ name: String, _ priority: Int, service: String = "*", path: String = "*") -> SamplingRule {
            var rule = SamplingRule(name: name, priority: priority, fixedRate: 0.1, reservoir: 1)
            rule.serviceName = service
            rule.urlPath = path
            return rule
        }
        var ignored = rule("ignored", 1)
        ignored.resourceARN = "arn:aws:apigateway:us-east-1::/restapis/x/stages/prod"
        let set = SamplingRuleSet(kind: .centralized, rules: [rule("b", 5, path: "/api/*"), rule("a", 5, service: "web"), ignored,
                                                            rule("c", 9, service: "web", path: "/api/v1"), rule("d", 9, service: "db")])
        let shadows = SamplingShadowing.shadowed(in: set)
        #expect(shadows.map(\.rule.name) == ["c"])
        #expect(shadows.first?.by.name == "a", "a sorts before b at the same priority, and a covers c")
    }
}
