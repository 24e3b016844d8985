import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct MisspelledBeanstalkOption: LintRule {
    package static let description = RuleDescription(
        id: "XR302", name: "misspelled-beanstalk-option", severity: .error,
        summary: "A misspelled X-Ray namespace or option (`aws:elasticbeanstalk:x-ray`, `XrayEnabled`, …), with a did-you-mean.",
        rationale: "The namespace is aws:elasticbeanstalk:xray and the option XRayEnabled; a misspelled one is rejected or ignored and the daemon never starts.",
        sources: [.beanstalkXRay, .daemonOnBeanstalk],
        examples: [
            RuleExample(".ebextensions/xray.config", "option_settings:\n  ↓aws:elasticbeanstalk:x-ray:\n    XRayEnabled: true\n"),
            RuleExample(".ebextensions/xray.config", "option_settings:\n  aws:elasticbeanstalk:xray:\n    ↓XrayEnabled: true\n"),
            RuleExample(".ebextensions/xray.config", "option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: true\n  aws:elasticbeanstalk:environment:\n    EnvironmentType: SingleInstance\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        for config in run.beanstalkConfigs {
            var reported = Set<String>()
            for option in config.options {
                let namespace = BeanstalkConfigView.xrayNamespace
                if option.namespace == namespace {
                    if option.name != "XRayEnabled" {
                        findings.append(finding(option.nameNode, "'\(option.name)' is not an option of \(namespace); did you mean 'XRayEnabled'?",
                                                fix: "Rename it to XRayEnabled"))
                    }
                } else if option.namespace.lowercased().containsBytes("ray"),
                          Suggestion.editDistance(option.namespace.lowercased(), namespace) <= 3,
                          reported.insert(option.namespaceNode.location.description).inserted {
                    findings.append(finding(option.namespaceNode, "'\(option.namespace)' is not an Elastic Beanstalk namespace; did you mean '\(namespace)'?",
                                            fix: "Rename it to \(namespace)"))
                }
            }
        }
        return findings
    }
}
