import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UnknownEbextensionsKey: LintRule {
    package static let description = RuleDescription(
        id: "XR307", name: "unknown-ebextensions-key", severity: .error, also: [.warning],
        summary: "An `.ebextensions` file has a top-level key Elastic Beanstalk does not know (`de.option_settings`, `option_setting`), so it ignores the whole file; a key that differs only in case is a warning.",
        rationale: "Elastic Beanstalk ignores a configuration file that contains a validation error such as an invalid key, and processes none of its other keys, so XRayEnabled in that file never takes effect. The documented keys are option_settings, packages, groups, users, sources, files, commands, services, container_commands and Resources (with Outputs). Whether Elastic Beanstalk accepts another spelling of a documented key's case is not documented.",
        sources: [.beanstalkLinuxCustomization],
        examples: [
            RuleExample(".ebextensions/xray.config", "↓option_setting:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: true\n"),
            RuleExample(".ebextensions/xray.config", "option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: true\ncommands:\n  01_noop:\n    command: \"true\"\n"),
        ])

    package static let keys = ["option_settings", "packages", "groups", "users", "sources", "files", "commands", "services",
                       "container_commands", "Resources", "Outputs"]

    package func check(_ run: LintRun) -> [Finding] {
        run.beanstalkConfigs.flatMap { config -> [Finding] in
            (config.root.pairs ?? []).compactMap { key, _ in
                guard let text = key.text, !Self.keys.contains(text) else { return nil }
                if let same = Self.keys.first(where: { $0.lowercased() == text.lowercased() }) {
                    return finding(key, "'\(text)' is not written as Elastic Beanstalk documents it ('\(same)'); whether it is read is undocumented",
                                   fix: "Write \(same)", severity: .warning)
                }
                return finding(key, "Elastic Beanstalk knows no top-level key '\(text)' and ignores this whole file\(Suggestion.didYouMean(text, in: Self.keys))",
                               fix: Suggestion.closest(to: text, in: Self.keys).map { "Write \($0)" } ?? "Remove it, or move it under one of \(Self.keys.joined(separator: ", "))")
            }
        }
    }
}
