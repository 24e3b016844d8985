import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InstanceProfileCannotUpload: LintRule {
    package static let description = RuleDescription(
        id: "XR306", name: "instance-profile-cannot-upload", severity: .error,
        summary: "An Elastic Beanstalk environment's custom instance profile, whose role is among the linted files, lacks the X-Ray write actions.",
        rationale: "Beanstalk's daemon uploads with the instance profile; the default profile has them through AWSElasticBeanstalkWebTier, a custom one needs AWSXRayDaemonWriteAccess.",
        sources: [.beanstalkXRay, .daemonOnBeanstalk],
        examples: [
            RuleExample(".ebextensions/xray.config", """
                option_settings:
                  aws:elasticbeanstalk:xray:
                    XRayEnabled: true
                  aws:autoscaling:launchconfiguration:
                    IamInstanceProfile: ↓web-profile

                """, with: [
                    ("iam/web-profile.trust.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}\n"),
                    ("iam/web-profile.policy.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}\n"),
                ]),
            RuleExample(".ebextensions/xray.config", """
                option_settings:
                  aws:elasticbeanstalk:xray:
                    XRayEnabled: true
                  aws:autoscaling:launchconfiguration:
                    IamInstanceProfile: web-profile

                """, with: [
                    ("iam/web-profile.trust.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}\n"),
                    ("iam/web-profile.policy.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"xray:Put*\", \"Resource\": \"*\"}]}\n"),
                ]),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.beanstalkConfigs.compactMap { config in
            guard config.xrayEnabled?.value?.text?.lowercased() == "true",
                  let profile = config.options.first(where: { $0.namespace == "aws:autoscaling:launchconfiguration" && $0.name == "IamInstanceProfile" }),
                  let value = profile.value, let text = value.text else { return nil }
            let name = text.split(separator: "/").last.map(String.init) ?? text
            guard let role = run.roles.first(where: { $0.name == name }) else { return nil }
            let missing = role.notGranted(XRayActions.upload)
            guard !missing.isEmpty else { return nil }
            return finding(value, "instance profile '\(name)' has X-Ray enabled but its role does not allow \(missing.joined(separator: " and "))",
                           fix: "Attach AWSXRayDaemonWriteAccess to the role of \(name)")
        }
    }
}
