import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct SamplingTests {
    typealias Generator = RobustnessTests.SeededGenerator

    // MARK: differential test against the X-Ray SDK

    static let words = ["api", "API", "Orders", "orders-svc", "/health", "/Health", "/orders/42", "GET", "get", "POST",
                        "example.com", "EXAMPLE.com", "AWS::ECS::Container", "aws::ec2::instance", ""]

    static func pattern(_ generator: inout Generator) -> String {
        switch Int.random(in: 0..<7, using: &generator) {
        case 0, 1, 2: return "*"
        case 3: return words.randomElement(using: &generator)!
        default:
            // A word with some characters turned into wildcards, in random case.
            let word = words.randomElement(using: &generator)!
            return String(word.map { character -> String in
                switch Int.random(in: 0..<8, using: &generator) {
                case 0: return "*"
                case 1: return "?"
                case 2: return character.uppercased()
                case 3: return character.lowercased()
                case 4: return ""
                default: return String(character)
                }
            }.joined())
        }
    }

    static func record(_ index: Int, _ generator: inout Generator) -> [String: Any] {
        var record: [String: Any] = [
            "RuleName": ["r\(index)", "R\(index)", "a", "b"].randomElement(using: &generator)! + "-\(index)",
            "Priority": Int.random(in: 1...5, using: &generator),
            "FixedRate": 0.1, "ReservoirSize": Int.random(in: 0...2, using: &generator),
            "ServiceName": pattern(&generator), "ServiceType": pattern(&generator), "Host": pattern(&generator),
            "HTTPMethod": pattern(&generator), "URLPath": pattern(&generator), "ResourceARN": "*", "Version": 1,
        ]
        switch Int.random(in: 0..<12, using: &generator) {
        case 0: record["ResourceARN"] = "arn:aws:ecs:us-east-1:123456789012:service/x"
        case 1: record["Attributes"] = ["team": "a"]
        case 2: record["Version"] = 2
        default: break
        }
        return record
    }

    static func request(_ generator: inout Generator) -> [String: String] {
        var request: [String: String] = [:]
        for key in ["service", "service_type", "host", "method", "path"] where Int.random(in: 0..<5, using: &generator) > 1 {
            request[key] = words.randomElement(using: &generator)!
        }
        return request
    }

    @Test(.tags(.slow), PythonTools.available([.xraySDK]))
    func matcherAgreesWithTheXRaySDK() async throws {
        try PythonTools.require([.xraySDK])
        var generator = Generator(state: 1729)
        var cases: [[String: Any]] = []
        for _ in 0..<1200 {
            let rules = (0..<Int.random(in: 1...6, using: &generator)).map { Self.record($0, &generator) }
            let requests = (0..<5).map { _ in Self.request(&generator) }
            cases.append(["rules": rules, "requests": requests])
        }
        let input = String(decoding: try JSONSerialization.data(withJSONObject: cases), as: UTF8.self)
        let script = TestSupport.path("Tests/XRayKitTests/Conformance/sampling_oracle.py").path
        let result = try await TestSupport.run(TestSupport.which("python3")!, [script], stdin: input)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]], "\(result.stderr)")
        #expect(expected.count == cases.count)
        var compared = 0, defaults = 0
        for (index, testCase) in cases.enumerated() {
            let data = try JSONSerialization.data(withJSONObject: ["SamplingRuleRecords": (testCase["rules"] as! [[String: Any]]).map { ["SamplingRule": $0] }])
            let set = try SamplingInput.rules(path: "rules.json", data: data)
            for (requestIndex, fields) in (testCase["requests"] as! [[String: String]]).enumerated() {
                let request = SamplingRequest(service: fields["service"], serviceType: fields["service_type"], host: fields["host"],
                                              method: fields["method"], path: fields["path"])
                let ours = SamplingMatcher.match(request, in: set).rule.name
                #expect(ours == expected[index][requestIndex], "case \(index) request \(fields): SDK chose \(expected[index][requestIndex]), xrayctl \(ours)")
                compared += 1
                if ours == "Default" { defaults += 1 }
            }
        }
        #expect(compared == 6000)
        #expect(defaults > 300 && defaults < compared - 300, "the cases exercise both matches and misses")
    }

    // MARK: matcher semantics

    @Test func pythonWildcardSemantics() {
        #expect(WildcardPattern.matches("*", ""))
        #expect(WildcardPattern.matches("", ""))
        #expect(!WildcardPattern.matches("", "a"))
        #expect(WildcardPattern.matches("/ORDERS/*", "/orders/42"))
        #expect(WildcardPattern.matches("a?c", "abc"))
        #expect(!WildcardPattern.matches("a?c", "ac"))
        #expect(WildcardPattern.matches("*.example.*", "api.EXAMPLE.com"))
    }

    // MARK: simulator

    func rule(_ name: String, reservoir: Int, rate: Double, path: String = "*") -> SamplingRule {
        var rule = SamplingRule(name: name, priority: 1, fixedRate: rate, reservoir: reservoir)
        rule.urlPath = path
        return rule
    }

    /// AWS's pricing example: 2,000 requests an hour sampled at 10% for a 31-day month records
    /// 148,800 traces; after the 100,000 free traces that costs $0.24.
    @Test func awsPricingExample() {
        let set = SamplingRuleSet(kind: .centralized, rules: [rule("ten-percent", reservoir: 0, rate: 0.1)])
        let result = SamplingSimulator.simulate(set, traffic: [TrafficEntry(request: SamplingRequest(), rps: 2000.0 / 3600)], hosts: 1, days: 31)
        #expect(abs(result.tracesPerMonth - 148_800) < 0.01)
        #expect(abs(result.costPerMonth - 0.244) < 0.0001)
        #expect(String(format: "%.2f", result.costPerMonth) == "0.24")
    }

    @Test func centralizedReservoirIsSharedAndLocalTargetIsPerHost() {
        let traffic = [TrafficEntry(request: SamplingRequest(path: "/a"), rps: 40)]
        let centralized = SamplingRuleSet(kind: .centralized, rules: [rule("a", reservoir: 2, rate: 0.1, path: "/a")])
        // 2/s from the shared reservoir, then 10% of the other 38/s: 5.8/s, whatever the host count.
        for hosts in [1, 4] {
            let result = SamplingSimulator.simulate(centralized, traffic: traffic, hosts: hosts, days: 30)
            #expect(abs(result.tracesPerSecond - 5.8) < 1e-9)
        }
        // Locally each of 4 hosts sees 10/s and keeps 2/s, then 10% of 8/s: 4 × 2.8 = 11.2/s.
        let local = SamplingRuleSet(kind: .local(version: 2), rules: [rule("a", reservoir: 2, rate: 0.1, path: "/a")])
        let four = SamplingSimulator.simulate(local, traffic: traffic, hosts: 4, days: 30)
        #expect(abs(four.tracesPerSecond - 11.2) < 1e-9)
        #expect(abs(four.tracesPerMonth - 11.2 * 30 * 86_400) < 1e-3)
        // A host whose traffic is below the target records all of it.
        let many = SamplingSimulator.simulate(local, traffic: traffic, hosts: 40, days: 30)
        #expect(abs(many.tracesPerSecond - 40) < 1e-9)
    }

    @Test func unmatchedTrafficFallsToTheDefaultAndCostsRespectTheFreeTier() {
        let set = SamplingRuleSet(kind: .centralized, rules: [rule("health", reservoir: 0, rate: 0, path: "/health")])
        let traffic = [TrafficEntry(request: SamplingRequest(path: "/health"), rps: 100),
                       TrafficEntry(request: SamplingRequest(path: "/orders"), rps: 21)]
        let result = SamplingSimulator.simulate(set, traffic: traffic, hosts: 1, days: 30,
                                                pricing: .init(pricePerMillion: 5, freeTraces: 100_000))
        #expect(result.rules.map(\.rule.name) == ["health", "Default"])
        #expect(result.rules[0].tracesPerSecond == 0)
        #expect(abs(result.tracesPerSecond - 2.0) < 1e-9, "Default: 1/s + 5% of 20/s")
        #expect(abs(result.costPerMonth - (2.0 * 30 * 86_400 - 100_000) / 1_000_000 * 5) < 1e-9)
    }

    // MARK: every rule format

    @Test func readsEveryRuleFormat() throws {
        let formats: [(String, String)] = [
            ("create.json", #"{"SamplingRule": {"RuleName": "h", "Priority": 1, "FixedRate": 0, "ReservoirSize": 0, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "/health", "Version": 1}}"#),
            ("array.json", #"[{"SamplingRule": {"RuleName": "h", "Priority": 1, "FixedRate": 0, "ReservoirSize": 0, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "/health", "Version": 1}}]"#),
            ("records.json", #"{"SamplingRuleRecords": [{"SamplingRule": {"RuleName": "Default", "Priority": 10000, "FixedRate": 0.05, "ReservoirSize": 1, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}}, {"SamplingRule": {"RuleName": "h", "Priority": 1, "FixedRate": 0, "ReservoirSize": 0, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "/health", "Version": 1}}]}"#),
            ("template.yaml", "Resources:\n  H:\n    Type: AWS::XRay::SamplingRule\n    Properties:\n      SamplingRule: {RuleName: h, Priority: 1, FixedRate: 0, ReservoirSize: 0, ResourceARN: '*', ServiceName: '*', ServiceType: '*', Host: '*', HTTPMethod: '*', URLPath: /health, Version: 1}\n"),
            // Bare rules, as `get-sampling-rules --query 'SamplingRuleRecords[].SamplingRule'` prints them.
            ("bare.json", #"[{"RuleName": "h", "Priority": 1, "FixedRate": 0, "ReservoirSize": 0, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "/health", "Version": 1}, {"RuleName": "o", "Priority": 2, "FixedRate": 0.1, "ReservoirSize": 2, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "POST", "URLPath": "/admin", "Version": 1}]"#),
            ("local2.json", #"{"version": 2, "default": {"fixed_target": 1, "rate": 0.05}, "rules": [{"description": "h", "host": "*", "http_method": "*", "url_path": "/health", "fixed_target": 0, "rate": 0}]}"#),
            ("local1.json", #"{"version": 1, "default": {"fixed_target": 1, "rate": 0.05}, "rules": [{"description": "h", "service_name": "*", "http_method": "*", "url_path": "/health", "fixed_target": 0, "rate": 0}]}"#),
            ("xray.yaml", "version: 1\nproject: p\nregion: us-east-1\nsampling:\n  rules:\n    - {name: h, priority: 1, reservoir: 0, rate: 0, path: /health}\nservices: []\n"),
        ]
        for (path, text) in formats {
            let set = try SamplingInput.rules(path: path, data: Data(text.utf8))
            // xray.yaml's rules answer under the names the generated rules have in AWS (project prefix).
            #expect(SamplingMatcher.match(SamplingRequest(path: "/health"), in: set).rule.name == (path == "xray.yaml" ? "p-h" : "h"), "\(path)")
            #expect(SamplingMatcher.match(SamplingRequest(path: "/orders"), in: set).rule.reservoir == 1, "\(path): the default")
        }
        #expect(throws: DiagnosticsError.self) { try SamplingInput.rules(path: "x.json", data: Data("{\"a\": 1}".utf8)) }
        // A list of objects that are not rules is still no rule set.
        #expect(throws: DiagnosticsError.self) { try SamplingInput.rules(path: "x.json", data: Data("[{\"RuleName\": \"h\"}]".utf8)) }
    }

    @Test func matchTakesABareListOfRules() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let rules = work.appendingPathComponent("rules.json")
        try Data(#"[{"RuleName": "health", "Priority": 1, "FixedRate": 0, "ReservoirSize": 0, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "GET", "URLPath": "/health", "Version": 1}]"#.utf8).write(to: rules)
        let result = try await xrayctl(["sampling", "match", "--rules", rules.path, "--method", "GET", "--path", "/health"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("=> health: reservoir 0/s, then 0% of the rest"))
        // Lint reads the same file as sampling rules, not as an unrecognised file.
        let lint = try await xrayctl(["lint", rules.path, "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)) as? [String: Any]
        let findings = report?["findings"] as? [[String: Any]] ?? []
        #expect(!findings.contains { $0["rule"] as? String == "XR002" }, "\(lint.stdout)")
        #expect((report?["skipped"] as? [String])?.isEmpty == true, "\(lint.stdout)")
    }

    // MARK: the commands

    func xrayctl(_ arguments: [String], stdin: String? = nil) async throws -> TestSupport.ProcessResult {
        let binary = try #require(TestSupport.xrayctl)
        return try await TestSupport.run(binary, arguments, in: TestSupport.repoRoot, stdin: stdin)
    }

    @Test func matchCommand() async throws {
        let text = try await xrayctl(["sampling", "match", "--rules", "examples/broken/sampling/rules.json", "--service", "payments", "--path", "/pay"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("  - api (priority 100): service 'payments' does not match 'api-*'"))
        #expect(text.stdout.contains("  + payments (priority 10000): matches"))
        #expect(text.stderr.contains("ignore rule 'gateway-only'"))

        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let requests = work.appendingPathComponent("requests.jsonl")
        try Data("{\"service\": \"api-orders\", \"method\": \"GET\", \"path\": \"/health\"}\n\n{\"path\": \"/x\", \"service\": \"other\"}\n".utf8).write(to: requests)
        let json = try await xrayctl(["sampling", "match", "--rules", "examples/broken/sampling/rules.json", "--requests", requests.path, "--format", "json"])
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["rule"] as? String == "api")
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any]
        #expect(second?["rule"] as? String == "Default")

        try Data("{\"path\": \"/x\"}\n{\"pth\": \"/y\"}\n".utf8).write(to: requests)
        let bad = try await xrayctl(["sampling", "match", "--rules", "examples/broken/sampling/rules.json", "--requests", requests.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("requests.jsonl:2:2: error: unknown key 'pth'; did you mean 'path'?"))
    }

    @Test func simulateCommand() async throws {
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let rules = work.appendingPathComponent("rules.json"), traffic = work.appendingPathComponent("traffic.yaml")
        try Data(#"[{"SamplingRule": {"RuleName": "ten", "Priority": 1, "FixedRate": 0.1, "ReservoirSize": 0, "ResourceARN": "*", "ServiceName": "*", "ServiceType": "*", "Host": "*", "HTTPMethod": "*", "URLPath": "*", "Version": 1}}]"#.utf8).write(to: rules)
        try Data("- {path: /orders, rps: 0.5555555555555556}\n".utf8).write(to: traffic)
        let json = try await xrayctl(["sampling", "simulate", "--rules", rules.path, "--traffic", traffic.path, "--days", "31", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(abs((object["traces_per_month"] as? Double ?? 0) - 148_800) < 0.01)
        #expect(abs((object["cost_per_month_usd"] as? Double ?? 0) - 0.244) < 0.0001)
        #expect((object["rules"] as? [[String: Any]])?.first?["rule"] as? String == "ten")
        let text = try await xrayctl(["sampling", "simulate", "--rules", rules.path, "--traffic", traffic.path, "--days", "31"])
        #expect(text.stdout.contains("$0.24 a month"))
        // Counts are grouped, and the rules are compared with the Default rule alone.
        #expect(text.stdout.contains("31-day month: 148,800 traces, 100,000 free"), "\(text.stdout)")
        #expect(text.stdout.contains("compared with the Default rule alone (1,488,000 traces, $6.94): -1,339,200 traces, -$6.70 a month"), "\(text.stdout)")
        let defaultOnly = try await xrayctl(["sampling", "simulate", "--traffic", traffic.path, "--days", "31"])
        #expect(defaultOnly.status == 0)
        #expect(defaultOnly.stdout.contains("Default") && !defaultOnly.stdout.contains("compared with"))
        // A local rules file is tried in file order: no priorities are shown.
        let local = work.appendingPathComponent("local.json")
        try Data(#"{"version": 2, "default": {"fixed_target": 1, "rate": 0.05}, "rules": [{"description": "h", "host": "*", "http_method": "*", "url_path": "/health", "fixed_target": 0, "rate": 0}]}"#.utf8).write(to: local)
        let match = try await xrayctl(["sampling", "match", "--rules", local.path, "--path", "/orders"])
        #expect(match.stdout.contains("  - h (rule 1 in the file): path"), "\(match.stdout)")

        try Data("- {path: /orders, rps: lots}\n".utf8).write(to: traffic)
        let bad = try await xrayctl(["sampling", "simulate", "--rules", rules.path, "--traffic", traffic.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("traffic.yaml:1:24: error: rps must be a number"))
        #expect(try await xrayctl(["sampling", "simulate", "--rules", rules.path, "--traffic", traffic.path, "--hosts", "0"]).status == 64)
    }
}
