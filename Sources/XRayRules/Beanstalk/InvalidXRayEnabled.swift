import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidXRayEnabled: LintRule {
    package static let description = RuleDescription(
        id: "XR301", name: "invalid-xray-enabled", severity: .error,
        summary: "`XRayEnabled` is not a boolean `true`/`false`.",
        rationale: "The option takes true or false only; Elastic Beanstalk rejects other values and the deployment fails.",
        sources: [.beanstalkXRay, .daemonOnBeanstalk],
        examples: [
            RuleExample(".ebextensions/xray.config", "option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: ↓yes-please\n"),
            RuleExample(".ebextensions/xray.config", "option_settings:\n  - namespace: aws:elasticbeanstalk:xray\n    option_name: XRayEnabled\n    value: \"true\"\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.beanstalkConfigs.compactMap { config in
            guard let value = config.xrayEnabled?.value else { return nil }
            guard !["true", "false"].contains(value.text?.lowercased() ?? "") else { return nil }
            return finding(value, "XRayEnabled must be true or false, found \(value.text.map { "'\($0)'" } ?? value.typeName)", fix: "Set XRayEnabled: true")
        }
    }
}
