import XRayCore
import XRayViews

package struct OTelConfigPreStableFormat: LintRule {
    package static let description = RuleDescription(
        id: "XR525", name: "otel-config-pre-stable-format", severity: .warning,
        summary: "An OpenTelemetry SDK configuration file declares a `file_format` older than the stable 1.0 (0.x or a 1.0 release candidate).",
        rationale: "The declarative configuration schema became stable with file format 1.0; earlier formats renamed and moved keys between releases, and SDKs check the major version they were built for. A file written for 0.3 or 1.0-rc is read by a stable SDK with its keys misplaced or refused, and the SDK starts with defaults.",
        sources: [.otelConfigurationSchema, .otelDeclarativeConfiguration],
        examples: [
            RuleExample("otel-config.yaml", "file_format: ↓\"0.3\"\ntracer_provider:\n  processors: []\n"),
            RuleExample("otel-config.yaml", "file_format: ↓\"1.0-rc.1\"\ntracer_provider:\n  processors: []\n"),
            RuleExample("otel-config.yaml", "file_format: \"1.0\"\ntracer_provider:\n  processors: []\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        OTelSDKConfigFiles.roots(run).compactMap { root -> Finding? in
            guard let node = root["file_format"], let text = node.text else { return nil }
            let major = text.split(separator: ".").first.flatMap { Int($0) } ?? 0
            guard major < 1 || text.containsBytes("-rc") else { return nil }
            return finding(node, "file_format \(text) is older than the stable 1.0: keys moved between the pre-stable formats, and SDKs that implement 1.0 read this file differently or refuse it",
                           fix: "Migrate the file to file_format \"1.0\" (see the schema's release notes), then set it")
        }
    }
}
