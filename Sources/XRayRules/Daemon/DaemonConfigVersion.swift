import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonConfigVersion: LintRule {
    package static let description = RuleDescription(
        id: "XR501", name: "daemon-config-version", severity: .error,
        summary: "The daemon config's `Version` is missing or not 1 or 2.",
        rationale: "A 3.x daemon exits at start with 'Config Version Setting is not correct' when Version is not 1 or 2 — the cause of aws-xray-daemon #50, from configs copied out of older docs.",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "↓Region: us-east-1\nLogging:\n  LogLevel: warn\n"),
            RuleExample("cfg.yaml", "Version: ↓3\nRegion: us-east-1\n"),
            RuleExample("cfg.yaml", "Version: 2\nRegion: us-east-1\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.daemonConfigs.compactMap { config in
            guard let version = config["Version"] else {
                return finding(config, "the daemon config has no Version; the daemon exits with 'Config Version Setting is not correct'",
                               fix: "Add Version: 2")
            }
            guard version.text != "1", version.text != "2" else { return nil }
            return finding(version, "Version must be 1 or 2, found \(version.text ?? version.typeName); the daemon exits at start", fix: "Set Version: 2")
        }
    }
}
