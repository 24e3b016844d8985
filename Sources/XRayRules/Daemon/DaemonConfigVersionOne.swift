import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonConfigVersionOne: LintRule {
    package static let description = RuleDescription(
        id: "XR503", name: "daemon-config-version-one", severity: .warning, also: [.info],
        summary: "The daemon config uses `Version: 1`: a warning where the files show a 3.x daemon reads it, information where they do not say which daemon does (a 2.x daemon needs it).",
        rationale: "Version 1 predates the TCP sampling proxy (daemon 3.0.0); its address cannot be set there, and AWS documents Version 2. Scorekeep's sample still writes Version 1. But daemon 2.x reads only Version 1 (3.x reads both: aws-xray-daemon's cfg.go at V2.1.3 and V3.0.0), so the advice depends on the daemon: the one whose image tag mounts the ConfigMap, the package `.ebextensions` installs, or Elastic Beanstalk's own (3.x) with XRayEnabled. A file alone gets information only.",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "Version: ↓1\nRegion: us-east-1\n"),
            RuleExample(".ebextensions/xray.config", "option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: true\nfiles:\n  /etc/amazon/xray/cfg.yaml:\n    content: |\n      Version: 2\n"),
            RuleExample("cfg.yaml", "Version: 2\nRegion: us-east-1\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.daemonConfigs.compactMap { config in
            guard let version = config["Version"], version.text == "1" else { return nil }
            return finding(version, "Version 1: " + Self.migrate + " (a 2.x daemon reads only Version 1; nothing here says which daemon reads this file)",
                           fix: "Set Version: 2 for daemon 3.x", severity: .info)
        }
    }

    package static let migrate = "Version 1 predates the TCP sampling proxy settings; migrate the file to Version 2"
}
