struct DaemonConfigVersionOne: LintRule {
    static let description = RuleDescription(
        id: "XR503", name: "daemon-config-version-one", severity: .warning,
        summary: "The daemon config uses `Version: 1`.",
        rationale: "Version 1 predates the TCP sampling proxy (daemon 3.0.0); its address cannot be set there, and AWS documents Version 2. Scorekeep's sample still writes Version 1.",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "Version: ↓1\nRegion: us-east-1\n"),
            RuleExample("cfg.yaml", "Version: 2\nRegion: us-east-1\n"),
        ])

    func check(_ run: LintRun) -> [Finding] {
        run.daemonConfigs.compactMap { config in
            guard let version = config["Version"], version.text == "1" else { return nil }
            return finding(version, "Version 1 predates the TCP sampling proxy settings; migrate the file to Version 2", fix: "Set Version: 2")
        }
    }
}
