import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidDaemonLogLevel: LintRule {
    package static let description = RuleDescription(
        id: "XR506", name: "invalid-daemon-log-level", severity: .error,
        summary: "An invalid `Logging.LogLevel` (or `-l`).",
        rationale: "The daemon accepts dev, debug, info, warn, error and prod.",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\nLogging:\n  LogLevel: ↓warning\n"),
            RuleExample("cfg.yaml", "Version: 2\nLogging:\n  LogLevel: warn\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.daemonSettings(key: ["Logging", "LogLevel"], flag: "log-level").compactMap { setting in
            guard let text = setting.value, !AgentSpec.logLevels.contains(text) else { return nil }
            let suggestion = Suggestion.closest(to: text, in: AgentSpec.logLevels)
            return finding(setting.node, "'\(text)' is not a daemon log level (\(AgentSpec.logLevels.joined(separator: ", ")))\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                           fix: suggestion.map { "Use \($0)" })
        }
    }
}
