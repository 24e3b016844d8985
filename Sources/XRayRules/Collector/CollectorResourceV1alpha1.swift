import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct CollectorResourceV1alpha1: LintRule {
    package static let description = RuleDescription(
        id: "XR522", name: "collector-resource-v1alpha1", severity: .info,
        summary: "An `OpenTelemetryCollector` resource uses `opentelemetry.io/v1alpha1`, which the OpenTelemetry operator deprecated in favour of `v1beta1`.",
        rationale: "Since operator v0.99.0 collectors are stored as v1beta1, whose `spec.config` is a mapping rather than a YAML string; v1alpha1 is still served and converted, and its support is to be removed. Nothing fails today: the migration is worth planning with the next operator or EKS add-on upgrade.",
        sources: [.operatorV1beta1, .operatorV1beta1Migration],
        examples: [
            RuleExample("collector.yaml", """
                apiVersion: ↓opentelemetry.io/v1alpha1
                kind: OpenTelemetryCollector
                metadata: {name: xray}
                spec:
                  mode: deployment
                  config: |
                    receivers:
                      otlp:
                        protocols:
                          grpc:
                            endpoint: 0.0.0.0:4317
                    processors:
                      batch: {}
                    exporters:
                      awsxray:
                        region: us-east-1
                    service:
                      pipelines:
                        traces:
                          receivers: [otlp]
                          processors: [batch]
                          exporters: [awsxray]

                """),
            RuleExample("collector.yaml", """
                apiVersion: opentelemetry.io/v1beta1
                kind: OpenTelemetryCollector
                metadata: {name: xray}
                spec:
                  mode: deployment
                  config:
                    receivers:
                      otlp:
                        protocols:
                          grpc:
                            endpoint: 0.0.0.0:4317
                    processors:
                      batch: {}
                    exporters:
                      awsxray:
                        region: us-east-1
                    service:
                      pipelines:
                        traces:
                          receivers: [otlp]
                          processors: [batch]
                          exporters: [awsxray]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.kubernetes.objects.compactMap { object in
            guard object.kind == "OpenTelemetryCollector", object.apiVersion == "opentelemetry.io/v1alpha1",
                  let version = object.node["apiVersion"] else { return nil }
            return finding(version, "\(object.label) uses opentelemetry.io/v1alpha1, deprecated since operator v0.99.0 in favour of v1beta1 (support is to be removed)",
                           fix: "Move to apiVersion: opentelemetry.io/v1beta1 and write spec.config as a mapping instead of a YAML string")
        }
    }
}
