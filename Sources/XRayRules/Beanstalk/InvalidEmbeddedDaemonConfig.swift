import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidEmbeddedDaemonConfig: LintRule {
    package static let description = RuleDescription(
        id: "XR305", name: "invalid-embedded-daemon-config", severity: .error, also: [.warning, .info],
        summary: "A daemon config written through `.ebextensions` `files:` is itself invalid (any XR5xx finding inside it, located in the .config file).",
        rationale: "Elastic Beanstalk writes the file verbatim to /etc/amazon/xray/cfg.yaml; a config without Version: 2 makes the daemon exit at start — aws-xray-daemon #50. Each finding keeps the severity of the XR5xx rule behind it (Version: 1 is a warning).",
        sources: [.beanstalkXRay, .daemonOnBeanstalk, .daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample(".ebextensions/xray.config", """
                option_settings:
                  aws:elasticbeanstalk:xray:
                    XRayEnabled: true
                files:
                  /etc/amazon/xray/cfg.yaml:
                    mode: "000644"
                    owner: root
                    group: root
                    content: |
                      ↓Logging:
                        LogLevel: warn

                """),
            RuleExample(".ebextensions/xray.config", """
                files:
                  /etc/amazon/xray/cfg.yaml:
                    content: |
                      Version: 2
                      Logging:
                        LogLevel: warn

                """),
        ])

    package static let path = "/etc/amazon/xray/cfg.yaml"
    package static let daemonRules: [any LintRule] = RuleCatalog.rules(in: .daemonConfig).compactMap { $0 as? any LintRule }

    /// What the daemon config rules (and the loader) find in a config embedded in another file:
    /// here and in Kubernetes ConfigMaps (XR912).
    package static func daemonFindings(_ embedded: SourceDocument, today: Date) -> [Finding] {
        let inner = LintRun(documents: [embedded], today: today)
        return embedded.loadFindings + daemonRules.flatMap { $0.check(inner) }
    }

    package func check(_ run: LintRun) -> [Finding] {
        let bundles = Dictionary(grouping: run.beanstalkConfigs, by: \.bundleRoot)
        return run.beanstalkConfigs.flatMap { config -> [Finding] in
            guard let content = config.root["files"]?[Self.path]?["content"],
                  let embedded = EmbeddedDocument.parse(content, in: config.document) else { return [] }
            // The daemon reading the file: one this bundle's .ebextensions install, or Beanstalk's own.
            let bundle = bundles[config.bundleRoot] ?? []
            let findings = DaemonInstall.inContext(Self.daemonFindings(embedded, today: run.today), config: embedded.root,
                                                   major: DaemonInstall.major(of: bundle))
            return findings.map { inner in
                var finding = Self.finding(at: inner.location, pointer: content.pointer,
                                       "in the daemon config written to \(Self.path): \(inner.message) [\(inner.rule)]", fix: inner.fix, severity: inner.severity)
                finding.innerRule = inner.rule
                return finding
            }
        }
    }
}
