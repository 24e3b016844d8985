import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UnknownDaemonRegion: LintRule {
    package static let description = RuleDescription(
        id: "XR510", name: "unknown-daemon-region", severity: .warning,
        summary: "`Region` (or `-n`) is not a known AWS region code.",
        rationale: "The daemon sends to xray.<region>.amazonaws.com; a misspelled region makes every upload fail to resolve.",
        sources: [.daemonGuide, .daemonReadme, .pythonSDKConfiguration, .pythonSDKDaemonConfig],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\nRegion: ↓us-east1\n"),
            RuleExample("cfg.yaml", "Version: 2\nRegion: us-east-1\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.daemonSettings(key: ["Region"], flag: "region").compactMap { setting in
            guard let text = setting.value, !text.isEmpty, !Region.known.contains(text), !DaemonAddress.isPlaceholder(text) else { return nil }
            return finding(setting.node, "'\(text)' is not an AWS region this xrayctl knows\(Suggestion.didYouMean(text, in: Region.known))")
        }
    }
}
