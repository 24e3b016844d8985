import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Adaptive sampling (`SamplingRateBoost`): read from every format, generated where an output can
/// hold it, and bounded by `simulate`; Transaction Search's span prices beside X-Ray's.
@Suite struct SamplingBoostTests {
    static let header = "version: 1\nproject: shop\nregion: us-east-1\naccount: \"210987654321\"\n"
    static let boosted = header + """
        services:
          - name: fn
            platform: lambda
            function_name: f
        sampling:
          rules:
            - name: api
              priority: 10
              reservoir: 1
              rate: 0.05
              service: api
              boost:
                max_rate: 0.5
                cooldown_minutes: 15

        """

    func boostedRule(maxRate: Double, cooldown: Double?) -> SamplingRule {
        var rule = SamplingRule(name: "api", priority: 1, fixedRate: 0.05, reservoir: 1)
        rule.boost = SamplingRule.Boost(maxRate: maxRate, cooldownMinutes: cooldown)
        return rule
    }

    /// 101 requests/s, 30 days: 1/s + 5% of 100/s = 6/s; boosted to 50%, 1 + 50 = 51/s. One boost of
    /// a minute per 15-minute window adds 45/s for a fifteenth of the month: 9/s at most.
    @Test func boostUpperBoundWorkedExample() {
        let set = SamplingRuleSet(kind: .centralized, rules: [boostedRule(maxRate: 0.5, cooldown: 15)])
        let result = SamplingSimulator.simulate(set, traffic: [TrafficEntry(request: SamplingRequest(), rps: 101)], hosts: 1, days: 30)
        guard let figures = result.rules.first else { Issue.record("no rule"); return }
        #expect(abs(figures.tracesPerSecond - 6) < 1e-9)
        #expect(abs((figures.boostedTracesPerSecond ?? 0) - 51) < 1e-9)
        #expect(abs((result.boostedTracesPerMonth ?? 0) - 9 * 2_592_000) < 1e-3)
        #expect(abs((result.boostedCostPerMonth ?? 0) - (23_328_000 - 100_000) / 1_000_000 * 5) < 1e-9)
        let text = SamplingReports.simulationText(result)
        #expect(text.contains("boosted traces/s"), "\(text)")
        #expect(text.contains("at most (every boost at its MaxRate for 1 minute in each cooldown window): 23,328,000 traces, $116.14 a month"), "\(text)")
        let json = (try? JSONSerialization.jsonObject(with: Data(SamplingReports.simulationJSON(result).utf8))) as? [String: Any]
        #expect(abs((json?["boosted_traces_per_month_at_most"] as? Double ?? 0) - 23_328_000) < 1e-3)
    }

    /// No cooldown lets boosts follow each other: the whole month at the boosted rate; a MaxRate at
    /// or below the rate raises nothing; a rule without a boost adds no column.
    @Test func boostBoundsAtTheEdges() {
        let traffic = [TrafficEntry(request: SamplingRequest(), rps: 101)]
        let none = SamplingSimulator.simulate(SamplingRuleSet(kind: .centralized, rules: [boostedRule(maxRate: 0.5, cooldown: 0)]),
                                              traffic: traffic, hosts: 1, days: 30)
        #expect(abs((none.boostedTracesPerMonth ?? 0) - 51 * 2_592_000) < 1e-3)
        let below = SamplingSimulator.simulate(SamplingRuleSet(kind: .centralized, rules: [boostedRule(maxRate: 0.01, cooldown: 5)]),
                                               traffic: traffic, hosts: 1, days: 30)
        #expect(abs((below.boostedTracesPerMonth ?? 0) - below.tracesPerMonth) < 1e-3)
        let plain = SamplingSimulator.simulate(SamplingRuleSet(kind: .centralized, rules: []), traffic: traffic, hosts: 1, days: 30)
        #expect(plain.boostedTracesPerMonth == nil)
        #expect(!SamplingReports.simulationText(plain).contains("boosted"))
    }

    /// 10 requests/s all recorded for 30 days: 25,920,000 traces; 4 spans of 1,000 bytes each is
    /// 103,680,000,000 bytes, 96.56 GB (of 2^30 bytes) at $0.50. At 1% indexing nothing more is
    /// billed; at 5%, the 4% beyond the free 1% is 4,147,200 spans at $5 per million.
    @Test func transactionSearchWorkedExample() {
        let set = SamplingRuleSet(kind: .centralized, rules: [SamplingRule(name: "all", priority: 1, fixedRate: 1, reservoir: 0)])
        let result = SamplingSimulator.simulate(set, traffic: [TrafficEntry(request: SamplingRequest(), rps: 10)], hosts: 1, days: 30)
        #expect(abs(result.tracesPerMonth - 25_920_000) < 1e-3)
        let free = TransactionSearchCost.figures(tracesPerMonth: result.tracesPerMonth,
                                                 pricing: .init(spansPerTrace: 4, spanBytes: 1_000, ingestionPricePerGB: 0.5, indexingPercent: 1))
        #expect(abs(free.spansPerMonth - 103_680_000) < 1e-3)
        #expect(abs(free.gigabytesPerMonth - 103_680_000_000 / 1_073_741_824) < 1e-9)
        #expect(String(format: "%.2f", free.ingestionCost) == "48.28")
        #expect(abs(free.indexedSpansPerMonth - 1_036_800) < 1e-6)
        #expect(free.billableIndexedSpansPerMonth == 0 && free.indexingCost == 0)
        let five = TransactionSearchCost.figures(tracesPerMonth: result.tracesPerMonth,
                                                 pricing: .init(spansPerTrace: 4, spanBytes: 1_000, ingestionPricePerGB: 0.5,
                                                                indexingPercent: 5, indexingPricePerMillion: 5))
        #expect(abs(five.billableIndexedSpansPerMonth - 4_147_200) < 1e-6)
        #expect(abs(five.indexingCost - 20.736) < 1e-9)
        #expect(abs(five.costPerMonth - (five.ingestionCost + 20.736)) < 1e-9)
        // Side by side: X-Ray's 25,920,000 traces cost (25,920,000 - 100,000) x $5 per million = $129.10.
        let text = SamplingReports.simulationText(result, transactionSearch: .init(spansPerTrace: 4, spanBytes: 1_000, indexingPercent: 5))
        #expect(text.contains("X-Ray traces"), "\(text)")
        #expect(text.contains("$129.10"), "\(text)")
        #expect(text.contains("$69.02 ($48.28 ingestion + $20.74 indexing)"), "\(text)")
    }

    @Test func readsTheBoostFromAPIInputAndTemplates() throws {
        let input = #"{"SamplingRule": {"RuleName": "api", "Priority": 1, "FixedRate": 0.05, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1, "SamplingRateBoost": {"MaxRate": 0.4, "CooldownWindowMinutes": 10}}}"#
        let set = try SamplingInput.rules(path: "rule.json", data: Data(input.utf8))
        #expect(set.rules.first?.boost?.maxRate == 0.4)
        #expect(set.rules.first?.boost?.cooldownMinutes == 10)
        let model = try SamplingInput.rules(path: "xray.yaml", data: Data(Self.boosted.utf8))
        #expect(model.rules.first?.boost?.maxRate == 0.5)
        #expect(model.rules.first?.boost?.cooldownMinutes == 15)
    }

    /// The CLI input and the template hold the boost; Terraform cannot, so its remaining steps set it.
    @Test func boostIsGeneratedWhereAnOutputCanHoldIt() throws {
        let decoded = try ModelDecoder.decode(Self.boosted, file: "m.yaml")
        #expect(decoded.warnings.isEmpty, "\(decoded.warnings)")
        let files = Dictionary(uniqueKeysWithValues: Generator.generate(decoded.model).map { ($0.path, $0.contents) })
        let rulesText = try #require(files["sampling/rules.json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(rulesText.utf8)) as? [[String: Any]])
        let boost = (rules.first?["SamplingRule"] as? [String: Any])?["SamplingRateBoost"] as? [String: Any]
        #expect(boost?["MaxRate"] as? Double == 0.5 && boost?["CooldownWindowMinutes"] as? Int == 15)
        let updatesText = try #require(files["sampling/rate-boosts.json"])
        let updates = try #require(try JSONSerialization.jsonObject(with: Data(updatesText.utf8)) as? [[String: Any]])
        #expect((updates.first?["SamplingRuleUpdate"] as? [String: Any])?["RuleName"] as? String == "shop-api")
        let template = try #require(files["cloudformation.yaml"])
        #expect(template.contains("SamplingRateBoost:\n"))
        let mainTF = try #require(files["terraform/main.tf"])
        #expect(!mainTF.contains("boost"))
        let readme = try #require(files["README.md"])
        let terraformSection = try #require(readme.components(separatedBy: "## With Terraform").last)
        #expect(terraformSection.contains("update-sampling-rule"), "\(terraformSection)")
        // The full CLI path creates the rules with their boost: no second update there.
        let cliPath = try #require(readme.components(separatedBy: "## With Terraform").first)
        #expect(!cliPath.contains("update-sampling-rule --region 'us-east-1' --cli-input-json \"$update\""), "\(cliPath)")

        let context = GenerationContext(model: decoded.model, placeholders: true)
        let setup = Generator.plan(context)
        let terraform = try #require(TerraformGenerator(context: context).render(setup))
        let rendered = try #require(CloudFormationGenerator(context: context).render(setup))
        for (index, resource) in setup.resources.enumerated() {
            guard case .samplingRateBoosts = resource else { continue }
            #expect(terraform.remaining.indices.contains(index))
            #expect(!rendered.remaining.indices.contains(index))
        }
        #expect(terraform.remaining.reasons.contains { $0.contains("sampling_rate_boost") })
    }

    @Test(arguments: [
        ("      boost:\n        max_rate: 50\n        cooldown_minutes: 15\n", "looks like a percentage"),
        ("      boost:\n        max_rate: 0.5\n        cooldown_minutes: 0\n", "cooldown_minutes"),
        ("      boost:\n        max_rate: 0.5\n", "missing the required key 'cooldown_minutes'"),
        ("      boost:\n        max_rate: 0.5\n        cooldown: 15\n", "unknown key 'cooldown'"),
    ])
    func badBoostsAreLocatedErrors(_ boost: String, _ message: String) {
        let yaml = Self.header + "services:\n  - name: fn\n    platform: lambda\n    function_name: f\nsampling:\n  rules:\n    - name: api\n      priority: 10\n      reservoir: 1\n      rate: 0.05\n" + boost
        do {
            _ = try ModelDecoder.decode(yaml, file: "m.yaml")
            Issue.record("expected an error containing \(message)")
        } catch {
            #expect(error.diagnostics.contains { $0.severity == .error && $0.message.contains(message) && $0.location.line >= 15 },
                    "\(error.diagnostics.map(\.description))")
        }
    }

    @Test func boostNotAboveTheRateWarns() throws {
        let yaml = Self.boosted.replacingOccurrences(of: "max_rate: 0.5", with: "max_rate: 0.05")
        let decoded = try ModelDecoder.decode(yaml, file: "m.yaml")
        #expect(decoded.warnings.map(\.description).contains { $0.contains("m.yaml:17:19: warning: boost max_rate 0.05 is not above the rule's rate 0.05") },
                "\(decoded.warnings.map(\.description))")
    }

    @Test func simulateCommandPricesTransactionSearch() async throws {
        let binary = try #require(TestSupport.xrayctl)
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let traffic = work.appendingPathComponent("traffic.yaml")
        try Data("- {path: /orders, rps: 10}\n".utf8).write(to: traffic)
        let text = try await TestSupport.run(binary, ["sampling", "simulate", "--traffic", traffic.path, "--transaction-search", "--spans-per-trace", "4"],
                                       in: TestSupport.repoRoot)
        #expect(text.status == 0)
        #expect(text.stdout.contains("Transaction Search") && text.stdout.contains("indexed free"), "\(text.stdout)")
        let json = try await TestSupport.run(binary, ["sampling", "simulate", "--traffic", traffic.path, "--transaction-search", "--format", "json"],
                                       in: TestSupport.repoRoot)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["transaction_search"] is [String: Any])
        let bad = try await TestSupport.run(binary, ["sampling", "simulate", "--traffic", traffic.path, "--transaction-search", "--indexing-percent", "150"],
                                      in: TestSupport.repoRoot)
        #expect(bad.status != 0 && bad.stderr.contains("--indexing-percent"))
    }
}
