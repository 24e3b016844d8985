import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AccessKeysInEnvironment: LintRule {
    package static let description = RuleDescription(
        id: "XR117", name: "access-keys-in-environment", severity: .error,
        summary: "AWS access keys in a container's plain `environment`.",
        rationale: "Task definitions are readable by anyone who can describe them, and static keys never rotate; the task role gives the agent and the app temporary credentials.",
        sources: [.ecsExecutionRole, .ecsTaskRole],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "environment": [{"name": "AWS_ACCESS_KEY_ID", "value": ↓"AKIAIOSFODNN7EXAMPLE"}]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "environment": [{"name": "AWS_REGION", "value": "us-east-1"}]}]}

                """),
        ])

    package static let keyNames: Set<String> = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]

    package static func looksLikeAccessKey(_ text: String) -> Bool {
        text.count == 20 && (text.hasPrefix("AKIA") || text.hasPrefix("ASIA"))
            && text.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap(\.containers).flatMap { container in
            container.environment.compactMap { variable in
                guard let value = variable.value, let text = value.text, !text.isEmpty, !DaemonAddress.isPlaceholder(text),
                      Self.keyNames.contains(variable.name) || Self.looksLikeAccessKey(text) else { return nil }
                return finding(value, "container '\(container.name ?? "?")' has AWS credentials in plain environment (\(variable.name))",
                               fix: "Remove the keys and give the task a taskRoleArn; if a secret is unavoidable, use secrets with Secrets Manager")
            }
        }
    }
}
