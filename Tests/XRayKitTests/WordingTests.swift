import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Prose built from values reads as English: articles by sound, agent names in words, CPU requests
/// in round millicores, and no file position for what is not a file.
@Suite struct WordingTests {
    @Test(arguments: [
        ("adot sidecar", "an"), ("ADOT collector", "an"), ("X-Ray daemon", "an"), ("xray-daemon", "an"),
        ("CloudWatch agent", "a"), ("cloudwatch-agent", "a"), ("ECS task", "an"), ("IAM role", "an"), ("S3 bucket", "an"),
        ("UDP port", "a"), ("UTF-16 byte-order mark", "a"), ("unified diff", "a"), ("user", "a"), ("one-element list", "a"),
        ("hour", "an"), ("Fargate task", "a"), ("OpenTelemetry collector", "an"), ("Lambda layer", "a"),
        ("8-byte segment", "an"), ("80-byte segment", "an"), ("11-byte segment", "an"), ("18000-byte segment", "an"),
        ("8192 CPU units / 16384 MiB", "an"), ("110-byte segment", "a"), ("1024 CPU units / 2048 MiB", "a"),
        ("256 CPU units / 512 MiB", "a"), ("2-byte segment", "a"),
    ] as [(String, String)])
    func articleBySound(_ phrase: String, _ article: String) {
        #expect(English.article(for: phrase) == article, "\(phrase)")
    }

    /// No generated file (examples, templates, fixtures) puts "a" before a vowel sound or "an"
    /// before a consonant one, where the noun comes from a value.
    @Test func generatedProseUsesTheRightArticle() throws {
        let wrong = try NSRegularExpression(pattern: #"\b(a (adot|ADOT|xray-daemon|X-Ray|ECS|EKS|IAM|8[0-9]*[ -])|an (cloudwatch|CloudWatch|xray|[0-79][0-9]*[ -]))"#)
        for (name, url) in TestSupport.allModels {
            for file in try TestSupport.generate(modelAt: url) {
                let text = file.contents
                let match = wrong.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
                #expect(match == nil, "\(name) \(file.path): '\(match.map { (text as NSString).substring(with: $0.range) } ?? "")'")
                #expect(!text.contains("The adot ") && !text.contains("The cloudwatch-agent ") && !text.contains("the xray-daemon,"),
                        "\(name) \(file.path): an agent named by its model word in prose")
            }
        }
    }

    @Test(arguments: [(0, 10), (10, 10), (32, 35), (64, 65), (100, 100), (128, 125), (256, 250), (512, 500), (1024, 1000),
                      (2048, 2000), (4096, 4000)] as [(Int, Int)])
    func cpuRequestsAreRoundMillicores(_ units: Int, _ millicores: Int) {
        #expect(EKSGenerator.millicores(forCPUUnits: units) == millicores)
        // Never less than the model asks (units / 1024 of a vCPU).
        #expect(millicores * 1024 >= units * 1000)
    }

    /// Every generated Kubernetes manifest requests CPU in multiples of 5 millicores.
    @Test func manifestsRequestRoundCPU() throws {
        let cpu = try NSRegularExpression(pattern: #"cpu: ([0-9]+)m"#)
        var seen = 0
        for (name, url) in TestSupport.allModels {
            for file in try TestSupport.generate(modelAt: url) where file.path.hasPrefix("eks/") {
                let text = file.contents
                for match in cpu.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let value = Int((text as NSString).substring(with: match.range(at: 1)))!
                    #expect(value % 5 == 0, "\(name) \(file.path): cpu: \(value)m")
                    seen += 1
                }
            }
        }
        #expect(seen > 0)
    }

    /// An AWS call or the daemon's address is named as it is, not as a position in a file.
    @Test func originsThatAreNotFilesPrintWithoutAPosition() {
        let finding = NoCredentialsOrRegion.finding(at: .origin("aws:xray:GetSamplingRules"), "no answer")
        #expect(TextReporter.render(LintReport(findings: [finding], fileCount: 0)).hasPrefix("aws:xray:GetSamplingRules: error: no answer [XR807]"))
        #expect(Diagnostic.error(at: .origin("flags"), "bad").description == "flags: error: bad")
        #expect(SourceLocation(file: "xray.yaml", line: 3, column: 5).description == "xray.yaml:3:5")
        // The JSON report keeps its shape: file, line and column for every finding.
        #expect(JSONReporter.render(LintReport(findings: [finding], fileCount: 0)).contains("\"line\": 1"))
    }
}
