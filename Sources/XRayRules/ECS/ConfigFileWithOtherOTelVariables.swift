import Foundation
import XRayCore
import XRayViews

package struct ConfigFileWithOtherOTelVariables: LintRule {
    package static let description = RuleDescription(
        id: "XR126", name: "config-file-with-other-otel-variables", severity: .warning, also: [.info],
        summary: "A container or function sets `OTEL_CONFIG_FILE` and other `OTEL_*` variables, which the SDK ignores once the file is set (warning when the file is linted too and reads none of them; info otherwise).",
        rationale: "With OTEL_CONFIG_FILE the file is the only source of the SDK's configuration: the specification's OTEL_* variables (exporter endpoint, sampler, propagators, service name) are ignored unless the file itself reads them with ${VAR} substitution. A task that keeps its old OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_TRACES_SAMPLER=xray beside a new file looks configured and is not: spans go where the file says, sampled as the file says.",
        sources: [.otelDeclarativeConfiguration, .otelPythonDeclarativeConfiguration],
        examples: [
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [
                    {"name": ↓"OTEL_CONFIG_FILE", "value": "/etc/otel/otel-config.yaml"},
                    {"name": "OTEL_TRACES_SAMPLER", "value": "xray"},
                    {"name": "OTEL_SERVICE_NAME", "value": "api"}]}]}

                """, with: [("otel-config.yaml", "file_format: \"1.0\"\nresource:\n  attributes:\n    - name: service.name\n      value: api\n")]),
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [
                    {"name": ↓"OTEL_CONFIG_FILE", "value": "/etc/otel/otel-config.yaml"},
                    {"name": "OTEL_TRACES_SAMPLER", "value": "xray"}]}]}

                """),
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [
                    {"name": "OTEL_CONFIG_FILE", "value": "/etc/otel/otel-config.yaml"},
                    {"name": "OTEL_SERVICE_NAME", "value": "api"}]}]}

                """, with: [("otel-config.yaml", "file_format: \"1.0\"\nresource:\n  attributes:\n    - name: service.name\n      value: ${OTEL_SERVICE_NAME}\n")]),
        ])

    /// Variables that are about the file, not the SDK configuration it replaces.
    static let kept: Set<String> = ["OTEL_CONFIG_FILE", "OTEL_EXPERIMENTAL_CONFIG_FILE"]

    package func check(_ run: LintRun) -> [Finding] {
        let files = run.documents.filter { $0.kind == .otelSDKConfig }
        return OTelEnvironment.all(run).compactMap { environment in
            guard let file = environment.variable("OTEL_CONFIG_FILE") else { return nil }
            let others = environment.variables.filter { $0.name.hasPrefix("OTEL_") && !Self.kept.contains($0.name) }
            guard !others.isEmpty else { return nil }
            // The file, when it is linted too (same file name): what it reads with ${VAR} is not ignored.
            let name = file.value?.text.map { ($0 as NSString).lastPathComponent }
            let seen = files.first { ($0.path as NSString).lastPathComponent == name }
            let ignored = others.filter { variable in
                seen.map { !$0.text.containsBytes("${" + variable.name) && !$0.text.containsBytes("${env:" + variable.name) } ?? true
            }
            guard !ignored.isEmpty else { return nil }
            let names = ignored.map(\.name).joined(separator: ", ")
            return seen == nil
                ? finding(file.nameNode, "\(environment.owner) sets OTEL_CONFIG_FILE and \(names): the SDK ignores those once the file is set, unless the file reads them with ${VAR}",
                          fix: "Move their values into the configuration file (or reference them there as ${VAR}), then remove them",
                          severity: .info)
                : finding(file.nameNode, "\(environment.owner) sets OTEL_CONFIG_FILE and \(names), which \(seen!.path) never reads: the SDK ignores them",
                          fix: "Move their values into \(seen!.path) (or reference them there as ${VAR}), then remove them")
        }
    }
}
