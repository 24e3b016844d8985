import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct EbextensionsWithoutConfigSuffix: LintRule {
    package static let description = RuleDescription(
        id: "XR303", name: "ebextensions-without-config-suffix", severity: .warning,
        summary: "A file in `.ebextensions/` does not end in `.config`.",
        rationale: "Elastic Beanstalk reads only.config files from.ebextensions; any other file is ignored, however correct.",
        sources: [.beanstalkEbextensions, .beanstalkXRay],
        examples: [
            RuleExample(".ebextensions/xray.yaml", "↓option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: true\n"),
            RuleExample(".ebextensions/xray.config", "option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: true\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.documents.filter { $0.isInEbextensions && !$0.path.hasSuffix(".config") }.map { document in
            let anchor = LocatedNode(.scalar(.init(text: "", kind: .null, isQuoted: false)),
                                     at: SourceLocation(file: document.path, line: 1, column: 1))
            return finding(anchor, "Elastic Beanstalk ignores this file: only files ending in .config in .ebextensions are read",
                           fix: "Rename it to end in .config")
        }
    }
}
