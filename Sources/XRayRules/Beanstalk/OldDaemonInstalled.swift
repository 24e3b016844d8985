import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct OldDaemonInstalled: LintRule {
    package static let description = RuleDescription(
        id: "XR309", name: "old-daemon-installed", severity: .warning,
        summary: "An `.ebextensions` file downloads and installs an X-Ray daemon package older than 3.x (`aws-xray-daemon-1.x.rpm`, `…-2.1.3…`).",
        rationale: "Daemons before 3.0.0 have no TCP proxy for centralized sampling (the SDKs then fall back to their local rules) and read only `Version: 1` configurations; they have had no fixes for years and the daemon itself reaches end of support on 2027-02-25. Elastic Beanstalk runs a current daemon itself with `XRayEnabled: true`; a hand-installed one should at least be the 3.x package.",
        sources: [.daemonOnBeanstalk, .beanstalkXRay, .daemonChangelog],
        examples: [
            RuleExample(".ebextensions/xray.config", """
                commands:
                  01-install-xray:
                    command: curl -o /tmp/xray.rpm https://s3.dualstack.us-east-1.amazonaws.com/aws-xray-assets.us-east-1/xray-daemon/↓aws-xray-daemon-1.x.rpm && yum install -y /tmp/xray.rpm

                """),
            RuleExample(".ebextensions/xray.config", """
                commands:
                  01-install-xray:
                    command: curl -o /tmp/xray.rpm https://s3.dualstack.us-east-1.amazonaws.com/aws-xray-assets.us-east-1/xray-daemon/aws-xray-daemon-3.x.rpm && yum install -y /tmp/xray.rpm

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.beanstalkConfigs.flatMap { config -> [Finding] in
            // One finding per file: the download and the install name the same package again.
            DaemonInstall.packages(in: config.document.text).filter { $0.major < 3 }.prefix(1).map { package in
                let location = DocumentLoader.location(ofByte: config.document.text.utf8.distance(from: config.document.text.startIndex, to: package.offset),
                                                       in: Data(config.document.text.utf8), file: config.document.path)
                return Self.finding(at: location, "this installs X-Ray daemon \(package.major).x by hand: no TCP sampling proxy (3.0.0), only Version 1 configurations, long without fixes",
                                    fix: "Set option_settings aws:elasticbeanstalk:xray XRayEnabled: true (Elastic Beanstalk runs a current daemon), or install aws-xray-daemon-3.x.rpm")
            }
        }
    }
}
