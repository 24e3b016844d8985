import Foundation
import XRayCore
import XRaySampling
import XRayViews

package struct SamplingBoostWithoutSupportingSDK: LintRule {
    package static let description = RuleDescription(
        id: "XR616", name: "sampling-boost-without-supporting-sdk", severity: .info,
        summary: "A sampling rule has a `SamplingRateBoost`, and nothing linted with it runs an SDK that supports adaptive sampling (ADOT Java 2.11.5+, ADOT Python 0.15.0+).",
        rationale: "X-Ray boosts a rule only for clients that report anomalies with GetSamplingTargets' boost statistics, which AWS's page lists for the ADOT SDKs alone: Java v2.11.5 or later and Python v0.15.0 or later, run with the CloudWatch agent or a collector. The X-Ray SDKs and other OpenTelemetry SDKs keep the fixed rate, so a boost there costs nothing and does nothing. The rule looks at the images and layers in the same lint run (the ADOT auto-instrumentation images `adot-autoinstrumentation-java`/`-python` at those versions or later, the `AWSOpenTelemetryDistroJava`/`Python` Lambda layers); lint the rules together with the workloads, or ignore this note when the apps are instrumented elsewhere.",
        sources: [.adaptiveSampling, .samplingRateBoostAPI],
        examples: [
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 10, \"FixedRate\": 0.05, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1, \"SamplingRateBoost\": ↓{\"MaxRate\": 0.5, \"CooldownWindowMinutes\": 15}}}\n"),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 10, \"FixedRate\": 0.05, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1, \"SamplingRateBoost\": ↓{\"MaxRate\": 0.5, \"CooldownWindowMinutes\": 15}}}\n",
                        with: [("task.json", "{\"family\": \"api\", \"containerDefinitions\": [{\"name\": \"init\", \"image\": \"public.ecr.aws/aws-observability/adot-autoinstrumentation-java:v2.10.0\", \"essential\": false}]}\n")]),
            RuleExample("rule.json", "{\"SamplingRule\": {\"RuleName\": \"api\", \"Priority\": 10, \"FixedRate\": 0.05, \"ReservoirSize\": 1, \"ResourceARN\": \"*\", \"ServiceName\": \"*\", \"ServiceType\": \"*\", \"Host\": \"*\", \"HTTPMethod\": \"*\", \"URLPath\": \"*\", \"Version\": 1, \"SamplingRateBoost\": {\"MaxRate\": 0.5, \"CooldownWindowMinutes\": 15}}}\n",
                        with: [("task.json", "{\"family\": \"api\", \"containerDefinitions\": [{\"name\": \"init\", \"image\": \"public.ecr.aws/aws-observability/adot-autoinstrumentation-java:v2.11.5\", \"essential\": false}]}\n")]),
        ])

    /// The first versions that report boost statistics (docs/xray-facts.md §6.6).
    static let minimumVersions: [(image: String, version: [Int])] = [
        ("adot-autoinstrumentation-java", [2, 11, 5]),
        ("adot-autoinstrumentation-python", [0, 15, 0]),
    ]

    package func check(_ run: LintRun) -> [Finding] {
        let boosted = run.centralizedRules.compactMap { rule, _ in rule.boost.flatMap { $0.node }.map { (rule, $0) } }
        guard !boosted.isEmpty, !run.documents.contains(where: Self.showsSupportingSDK) else { return [] }
        return boosted.map { rule, node in
            finding(node, "rule '\(rule.name)' has a SamplingRateBoost, but no SDK that supports adaptive sampling is in sight: only ADOT Java 2.11.5 or later and ADOT Python 0.15.0 or later boost; other SDKs keep the fixed rate",
                    fix: "Instrument the services this rule matches with ADOT Java 2.11.5+ or ADOT Python 0.15.0+ (with the CloudWatch agent or a collector serving sampling), or expect no boost")
        }
    }

    /// An ADOT auto-instrumentation image at a supporting version, or an ADOT Java or Python Lambda
    /// layer, anywhere in the document.
    static func showsSupportingSDK(_ document: SourceDocument) -> Bool {
        let text = document.text
        if text.containsBytes(":layer:AWSOpenTelemetryDistroJava:") || text.containsBytes(":layer:AWSOpenTelemetryDistroPython:") { return true }
        for (image, minimum) in minimumVersions {
            let tag = image + ":v"
            for offset in text.utf8Offsets(of: tag) {
                let end = text.utf8.index(text.utf8.startIndex, offsetBy: offset + tag.utf8.count)
                let version = text[end...].prefix { $0.isNumber || $0 == "." }
                    .split(separator: ".").compactMap { Int($0) }
                if !version.isEmpty, version.lexicographicallyPrecedes(minimum) == false { return true }
            }
        }
        return false
    }
}
