import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonSkipsTLSVerification: LintRule {
    package static let description = RuleDescription(
        id: "XR509", name: "daemon-skips-tls-verification", severity: .warning,
        summary: "`NoVerifySSL: true`.",
        rationale: "The daemon then accepts any certificate for the X-Ray endpoint, so trace data and the credentials that sign it can be intercepted.",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\nNoVerifySSL: ↓true\n"),
            RuleExample("cfg.yaml", "Version: 2\nNoVerifySSL: false\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.daemonConfigs.compactMap { config in
            guard let node = config["NoVerifySSL"], node.text?.lowercased() == "true" else { return nil }
            return finding(node, "NoVerifySSL turns off certificate checks for uploads to X-Ray", fix: "Remove NoVerifySSL; for a custom CA, install it in the image instead")
        }
    }
}
