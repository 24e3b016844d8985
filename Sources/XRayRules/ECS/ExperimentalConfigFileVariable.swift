import XRayCore
import XRayViews

package struct ExperimentalConfigFileVariable: LintRule {
    package static let description = RuleDescription(
        id: "XR125", name: "experimental-config-file-variable", severity: .warning,
        summary: "A container or function sets `OTEL_EXPERIMENTAL_CONFIG_FILE`, the variable that `OTEL_CONFIG_FILE` replaced when declarative configuration became stable (file format 1.0).",
        rationale: "OpenTelemetry's declarative configuration was read from OTEL_EXPERIMENTAL_CONFIG_FILE while it was experimental; with the stable file format 1.0 (early 2026) the SDKs read OTEL_CONFIG_FILE. An SDK that implements the stable name ignores the old one and starts from its defaults and the other OTEL_* variables, so the file's exporter, sampler and propagators silently do not apply.",
        sources: [.otelDeclarativeConfiguration, .otelPythonDeclarativeConfiguration],
        examples: [
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [
                    {"name": ↓"OTEL_EXPERIMENTAL_CONFIG_FILE", "value": "/etc/otel/otel-config.yaml"}]}]}

                """),
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [
                    {"name": "OTEL_CONFIG_FILE", "value": "/etc/otel/otel-config.yaml"}]}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        OTelEnvironment.all(run).compactMap { environment in
            guard let old = environment.variable("OTEL_EXPERIMENTAL_CONFIG_FILE") else { return nil }
            let both = environment.variable("OTEL_CONFIG_FILE") != nil
            return finding(old.nameNode, "\(environment.owner) sets OTEL_EXPERIMENTAL_CONFIG_FILE\(both ? " beside OTEL_CONFIG_FILE" : ""): SDKs that implement the stable file format read OTEL_CONFIG_FILE\(both ? ", so this one only matters to older SDKs" : " and ignore it")",
                           fix: both ? "Remove OTEL_EXPERIMENTAL_CONFIG_FILE once every SDK in the image reads OTEL_CONFIG_FILE"
                                     : "Rename it OTEL_CONFIG_FILE (keep both while an older SDK still reads the experimental name)")
        }
    }
}
