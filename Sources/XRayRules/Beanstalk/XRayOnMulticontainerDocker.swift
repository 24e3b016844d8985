import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct XRayOnMulticontainerDocker: LintRule {
    package static let description = RuleDescription(
        id: "XR304", name: "xray-on-multicontainer-docker", severity: .error,
        summary: "X-Ray is enabled for an application on the Multicontainer Docker (ECS) platform, which has no integrated daemon.",
        rationale: "'Elastic Beanstalk does not provide the X-Ray daemon on the Multicontainer Docker (Amazon ECS) platform': XRayEnabled does nothing there. Recognised by a Dockerrun.aws.json version 2 at the bundle's root.",
        sources: [.beanstalkXRay, .daemonOnBeanstalk, .daemonIssue(71)],
        examples: [
            RuleExample("app/.ebextensions/xray.config", "option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: ↓true\n",
                        with: [("app/Dockerrun.aws.json", "{\"AWSEBDockerrunVersion\": 2, \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"web:1\", \"memory\": 256}]}\n")]),
            RuleExample("app/.ebextensions/xray.config", "option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: true\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let multicontainerRoots = Set(run.documents.filter { $0.kind == .dockerrun && $0.root?["AWSEBDockerrunVersion"]?.text == "2" }
            .map { $0.path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") })
        return run.beanstalkConfigs.compactMap { config in
            guard multicontainerRoots.contains(config.bundleRoot), let value = config.xrayEnabled?.value,
                  value.text?.lowercased() == "true" else { return nil }
            return finding(value, "this bundle runs on Multicontainer Docker (Dockerrun.aws.json v2), where Elastic Beanstalk provides no X-Ray daemon",
                           fix: "Add an X-Ray daemon container to Dockerrun.aws.json, link the app to it and set AWS_XRAY_DAEMON_ADDRESS")
        }
    }
}
