import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidDaemonARN: LintRule {
    package static let description = RuleDescription(
        id: "XR507", name: "invalid-daemon-arn", severity: .error,
        summary: "`RoleARN` / `ResourceARN` (or `-r` / `-a`) is not a valid ARN.",
        rationale: "The daemon assumes RoleARN for every upload; an invalid one makes each AssumeRole call fail, so nothing is uploaded.",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\nRoleARN: ↓xray-writer\n"),
            RuleExample("cfg.yaml", "Version: 2\nRoleARN: arn:aws:iam::111122223333:role/xray-writer\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let settings = run.daemonSettings(key: ["RoleARN"], flag: "role-arn") + run.daemonSettings(key: ["ResourceARN"], flag: "resource-arn")
        return settings.compactMap { setting in
            guard let text = setting.value, !text.isEmpty, !DaemonAddress.isPlaceholder(text) else { return nil }
            let isRole = setting.spelledAs == "RoleARN" || setting.spelledAs == "--role-arn"
            if let arn = ARN(text), !isRole || (arn.service == "iam" && arn.roleName != nil) { return nil }
            return finding(setting.node, "\(setting.spelledAs) '\(text)' is not a valid \(isRole ? "IAM role " : "")ARN",
                           fix: isRole ? "Use arn:aws:iam::ACCOUNT:role/NAME" : "Use the resource's full ARN")
        }
    }
}
