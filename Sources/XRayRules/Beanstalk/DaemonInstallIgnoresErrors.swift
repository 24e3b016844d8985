import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonInstallIgnoresErrors: LintRule {
    package static let description = RuleDescription(
        id: "XR310", name: "daemon-install-ignores-errors", severity: .warning,
        summary: "An `.ebextensions` command that installs the X-Ray daemon sets `ignoreErrors: true`.",
        rationale: "With ignoreErrors, a failed download or install (a region without the package, a changed URL, a full disk) lets the deployment succeed without a daemon: the SDKs send every segment to a port nobody listens on, and nothing says so.",
        sources: [.beanstalkLinuxCustomization, .daemonOnBeanstalk],
        examples: [
            RuleExample(".ebextensions/xray.config", """
                commands:
                  01-install-xray:
                    command: yum install -y https://s3.dualstack.us-east-1.amazonaws.com/aws-xray-assets.us-east-1/xray-daemon/aws-xray-daemon-3.x.rpm
                    ignoreErrors: ↓true

                """),
            RuleExample(".ebextensions/xray.config", """
                commands:
                  01-install-xray:
                    command: yum install -y https://s3.dualstack.us-east-1.amazonaws.com/aws-xray-assets.us-east-1/xray-daemon/aws-xray-daemon-3.x.rpm

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.beanstalkConfigs.flatMap { config -> [Finding] in
            // A script the command runs counts when this file writes it (`files:` content).
            let scripts = (config.root["files"]?.pairs ?? []).compactMap { path, file -> (String, String)? in
                guard let name = path.text, let content = file["content"]?.text else { return nil }
                return (name, content)
            }
            return ["commands", "container_commands"].flatMap { section in
                (config.root[section]?.pairs ?? []).compactMap { _, command -> Finding? in
                    guard let ignore = command["ignoreErrors"], ignore.text?.lowercased() == "true",
                          let line = command["command"]?.text ?? command["command"]?.items?.compactMap(\.text).joined(separator: " ") else { return nil }
                    let installs = Self.installsDaemon(line) || scripts.contains { line.contains($0.0) && Self.installsDaemon($0.1) }
                    guard installs else { return nil }
                    return finding(ignore, "the command that installs the X-Ray daemon ignores its errors: a failed install deploys without a daemon, silently",
                                   fix: "Remove ignoreErrors (or set it false) so a failed install fails the deployment")
                }
            }
        }
    }

    package static func installsDaemon(_ text: String) -> Bool {
        text.containsBytes("aws-xray-daemon") || text.containsBytes("xray-daemon/")
    }
}
