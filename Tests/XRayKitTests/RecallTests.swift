import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Recall and precision on real files whose problems were written down by hand before lint ever
/// ran on them (Fixtures/recall: hand-found.json, with sources; README.md there says how). Every
/// finding lint reports there is either one of those problems or judged one by one in
/// judged-findings.json, so both figures are measured, not guessed.
@Suite struct RecallTests {
    static let folder = TestSupport.path("Tests/XRayKitTests/Fixtures/recall")

    struct HandFound: Decodable {
        var file: String
        var line: Int
        var severity: String
        var `class`: String
        var problem: String
    }

    struct Judged: Decodable {
        var file: String
        var line: Int
        var rule: String
        var severity: String
        var verdict: String
        var reason: String
    }

    struct Reported {
        var file: String
        var line: Int
        var rule: String
        var severity: String
    }

    /// Which rules report each class of hand-found problem. A class without rules is one lint
    /// does not look for yet; its problems count as missed.
    static let rulesForClass: [String: Set<String>] = [
        "removed-k8s-api": ["XR909"], "deprecated-crd-version": ["XR909", "XR522"],
        "serviceaccount-cluster-admin": ["XR916"], "unpinned-agent-image": ["XR110"],
        "daemon-memory-limit-too-small": ["XR915"], "tcp-proxy-loopback": ["XR905"],
        "malformed-daemon-address": ["XR901", "XR105"],
        "removed-collector-component": ["XR516"], "traces-pipeline-without-batch": ["XR519"],
        "awsxray-exporter-deprecated": ["XR514"], "literal-placeholder": ["XR520"],
        "daemon-cfg-version-1": ["XR503", "XR912", "XR305"], "daemon-cfg-version-missing": ["XR501", "XR305", "XR912"],
        "hand-installed-daemon-1x": ["XR309"], "install-errors-ignored": ["XR310"],
        "invalid-xray-action": ["XR203"], "missing-sampling-permissions": ["XR202"],
        "function-tracing-not-enabled": ["XR403"],
    ]

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// `xrayctl lint OWNER__REPO` for each repository's folder, as its owners would run it: one run
    /// over all of them would join files of unrelated repositories (an X-Ray SDK app of one making
    /// a rule speak of another's collector).
    static func reported() async throws -> [Reported] {
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary was not built beside the tests")
        let repositories = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("__") }.sorted()
        #expect(repositories.count >= 10)
        var reported: [Reported] = []
        for repository in repositories {
            let result = try await TestSupport.run(binary, ["lint", repository, "--format", "json"], in: folder)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
            reported += (report["findings"] as? [[String: Any]] ?? []).map { finding in
                Reported(file: finding["file"] as? String ?? "", line: finding["line"] as? Int ?? 0,
                         rule: finding["rule"] as? String ?? "", severity: finding["severity"] as? String ?? "")
            }
        }
        return reported
    }

    /// Each hand-found problem takes at most one finding: one of its class's rules in the same
    /// file, the nearest line first (a rule may report a definition or the place that uses it).
    static func match(_ hand: [HandFound], _ findings: [Reported], rules rulesFor: [String: Set<String>] = rulesForClass)
        -> (found: [HandFound], missed: [HandFound], unmatched: [Reported]) {
        var used = Set<Int>(), found: [HandFound] = [], missed: [HandFound] = []
        for problem in hand {
            let rules = rulesFor[problem.class] ?? []
            let candidates = findings.indices.filter { index in
                !used.contains(index) && findings[index].file == problem.file && rules.contains(findings[index].rule)
            }.sorted { abs(findings[$0].line - problem.line) < abs(findings[$1].line - problem.line) }
            if let best = candidates.first {
                used.insert(best)
                found.append(problem)
            } else {
                missed.append(problem)
            }
        }
        return (found, missed, findings.indices.filter { !used.contains($0) }.map { findings[$0] })
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        String(format: "%.1f%%", whole == 0 ? 0 : 100 * Double(part) / Double(whole))
    }

    @Test func recallAndPrecisionOnFilesJudgedByHand() async throws {
        let hand = try Self.decode([HandFound].self, "hand-found.json")
        let judged = try Self.decode([Judged].self, "judged-findings.json")
        let findings = try await Self.reported()
        let (found, missed, unmatched) = Self.match(hand, findings)

        // Every other finding has a verdict, and every verdict still has its finding.
        func key(_ file: String, _ line: Int, _ rule: String, _ severity: String) -> String { "\(file):\(line) \(rule) \(severity)" }
        let verdicts = Dictionary(judged.map { (key($0.file, $0.line, $0.rule, $0.severity), $0) }, uniquingKeysWith: { first, _ in first })
        let unjudged = unmatched.filter { verdicts[key($0.file, $0.line, $0.rule, $0.severity)] == nil }
        #expect(unjudged.isEmpty, "judge these findings in Fixtures/recall/judged-findings.json: \(unjudged.map { key($0.file, $0.line, $0.rule, $0.severity) })")
        let reportedKeys = Set(unmatched.map { key($0.file, $0.line, $0.rule, $0.severity) })
        let stale = judged.filter { !reportedKeys.contains(key($0.file, $0.line, $0.rule, $0.severity)) }
        #expect(stale.isEmpty, "judged-findings.json names findings lint no longer reports: \(stale.map { key($0.file, $0.line, $0.rule, $0.severity) })")

        let falseOnes = unmatched.compactMap { verdicts[key($0.file, $0.line, $0.rule, $0.severity)] }.filter { $0.verdict != "true" }
        #expect(!falseOnes.contains { $0.severity == "error" }, "a false error on a real file: \(falseOnes.filter { $0.severity == "error" }.map(\.reason))")
        let trueCount = findings.count - falseOnes.count
        let recall = Double(found.count) / Double(hand.count), precision = Double(trueCount) / Double(findings.count)
        #expect(recall >= 0.80, "recall \(found.count)/\(hand.count); missed: \(missed.map { "\($0.class) \($0.file):\($0.line)" })")
        #expect(precision >= 0.97, "precision \(trueCount)/\(findings.count); false: \(falseOnes.map { "\($0.rule) \($0.file):\($0.line) \($0.reason)" })")

        // The README states both figures as measured here.
        let figures = "recall **\(found.count) of \(hand.count) (\(Self.percent(found.count, hand.count)))**, precision **\(trueCount) of \(findings.count) (\(Self.percent(trueCount, findings.count)))**"
        #expect(TestSupport.read(TestSupport.path("README.md"))?.contains(figures) == true, "README.md should say: \(figures)")
    }

    /// The matcher itself: a finding of another class's rule never counts, and one finding
    /// never answers two problems.
    @Test func theMatcherCountsOnlyTheRulesOfAClass() {
        let hand = [HandFound(file: "a.yaml", line: 3, severity: "warning", class: "unpinned-agent-image", problem: ""),
                    HandFound(file: "a.yaml", line: 9, severity: "warning", class: "unpinned-agent-image", problem: "")]
        let result = Self.match(hand, [Reported(file: "a.yaml", line: 3, rule: "XR909", severity: "error"),
                                       Reported(file: "a.yaml", line: 8, rule: "XR110", severity: "warning")])
        #expect(result.found.map(\.line) == [3] && result.missed.map(\.line) == [9])
        #expect(result.unmatched.map(\.rule) == ["XR909"])
    }
}
