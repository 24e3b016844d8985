import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayRules
@testable import XRayViews

/// `lint` over the real `.tf` corpus (Tests/HCLTests/Fixtures/corpus, 21 repositories, copied
/// unchanged): every file is read without XR001, and every finding is either one of the problems
/// written down by hand before any linter ran (`hand-found.json`) or judged one by one in
/// `judged-findings.json`, with no false error. The README states recall and precision as measured here.
@Suite struct TerraformCorpusTests {
    static let folder = TestSupport.path("Tests/HCLTests/Fixtures/corpus")

    struct HandFound: Decodable {
        var file: String
        var line: Int
        var kind: String
    }

    struct Judged: Codable {
        var file: String
        var line: Int
        var rule: String
        var severity: String
        var verdict: String
        var reason: String
    }

    /// Which rules report each kind of hand-found problem; a kind without rules is one lint does
    /// not look for in `.tf` source yet, and its problems count as missed.
    static let rulesForKind: [String: Set<String>] = [
        "xray-daemon-end-of-support": ["XR805"], "daemon-image-floating-tag": ["XR110"], "untagged-agent-image": ["XR110"],
        "sampling-rule-attributes-ignored-by-sdk": ["XR605"], "traced-state-machine-role-cannot-upload": ["XR407"],
        "missing-tracing": ["XR403", "XR405"], "overbroad-xray-grant": ["XR205"],
    ]

    /// `xrayctl lint REPOSITORY` for each repository, as its owners would run it.
    static func reported() async throws -> [RecallTests.Reported] {
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary was not built beside the tests")
        let repositories = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("+") }.sorted()
        #expect(repositories.count >= 20)
        var reported: [RecallTests.Reported] = []
        for repository in repositories {
            let result = try await TestSupport.run(binary, ["lint", repository, "--format", "json"], in: folder)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
            reported += (report["findings"] as? [[String: Any]] ?? []).map { finding in
                RecallTests.Reported(file: finding["file"] as? String ?? "", line: finding["line"] as? Int ?? 0,
                                     rule: finding["rule"] as? String ?? "", severity: finding["severity"] as? String ?? "")
            }
        }
        return reported
    }

    @Test(.disabled(if: ProcessInfo.processInfo.environment["XRAYCTL_FAST"] == "1" && !TestSupport.inCI, "XRAYCTL_FAST=1: the corpus run is skipped"))
    func recallAndPrecisionOnTheTerraformCorpus() async throws {
        let hand = try JSONDecoder().decode([HandFound].self, from: Data(contentsOf: Self.folder.appendingPathComponent("hand-found.json")))
        let judged = try JSONDecoder().decode([Judged].self, from: Data(contentsOf: Self.folder.appendingPathComponent("judged-findings.json")))
        let findings = try await Self.reported()
        #expect(!findings.contains { $0.rule == "XR001" }, "every corpus file is read: \(findings.filter { $0.rule == "XR001" }.map(\.file))")

        let (found, missed, unmatched) = RecallTests.match(hand.map { RecallTests.HandFound(file: $0.file, line: $0.line, severity: "", class: $0.kind, problem: "") },
                                                           findings, rules: Self.rulesForKind)
        func key(_ file: String, _ line: Int, _ rule: String, _ severity: String) -> String { "\(file):\(line) \(rule) \(severity)" }
        let verdicts = Dictionary(judged.map { (key($0.file, $0.line, $0.rule, $0.severity), $0) }, uniquingKeysWith: { first, _ in first })
        let unjudged = unmatched.filter { verdicts[key($0.file, $0.line, $0.rule, $0.severity)] == nil }
        #expect(unjudged.isEmpty, "judge these findings in judged-findings.json: \(unjudged.map { key($0.file, $0.line, $0.rule, $0.severity) })")
        let reportedKeys = Set(unmatched.map { key($0.file, $0.line, $0.rule, $0.severity) })
        let stale = judged.filter { !reportedKeys.contains(key($0.file, $0.line, $0.rule, $0.severity)) }
        #expect(stale.isEmpty, "judged-findings.json names findings lint no longer reports: \(stale.map { key($0.file, $0.line, $0.rule, $0.severity) })")
        let falseOnes = unmatched.compactMap { verdicts[key($0.file, $0.line, $0.rule, $0.severity)] }.filter { $0.verdict != "true" }
        #expect(!falseOnes.contains { $0.severity == "error" || $0.severity == "warning" }, "a false warning or error on a real module: \(falseOnes.map(\.reason))")

        let trueCount = findings.count - falseOnes.count
        let figures = "recall **\(found.count) of \(hand.count) (\(RecallTests.percent(found.count, hand.count)))**, precision **\(trueCount) of \(findings.count) (\(RecallTests.percent(trueCount, findings.count)))**"
        #expect(TestSupport.read(TestSupport.path("README.md"))?.contains(figures) == true, "README.md should say: \(figures); missed: \(missed.map { "\($0.class) \($0.file):\($0.line)" })")
    }
}
