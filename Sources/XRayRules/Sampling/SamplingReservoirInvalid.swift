import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SamplingReservoirInvalid: LintRule {
    package static let description = RuleDescription(
        id: "XR603", name: "sampling-reservoir-invalid", severity: .error,
        summary: "`ReservoirSize` / `fixed_target` is negative or not a whole number.",
        rationale: "The reservoir is a count of traces per second; the API and the SDKs reject anything but a whole number from 0.",
        sources: [.samplingRuleAPI, .xrayQuotas, .javaSDKConfiguration, .pythonSDKLocalRules],
        examples: [
            RuleExample("local.json", "{\"version\": 2, \"default\": {\"fixed_target\": ↓1.5, \"rate\": 0.05}, \"rules\": []}\n"),
            RuleExample("local.json", "{\"version\": 2, \"default\": {\"fixed_target\": 0, \"rate\": 0.05}, \"rules\": []}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let nodes = run.centralizedRules.compactMap { $0.rule.fields["ReservoirSize"].map { ($0, "ReservoirSize") } }
            + run.localRuleFiles.flatMap { file in (file.set.rules + [file.set.defaultRule]).compactMap { $0.fields["ReservoirSize"].map { ($0, "fixed_target") } } }
        return nodes.compactMap { node, name in
            guard !node.isIntrinsic, let text = node.text else { return nil }
            if let value = Int(text), value >= 0 { return nil }
            return finding(node, "\(name) must be a whole number of traces per second from 0, found '\(text)'")
        }
    }
}
