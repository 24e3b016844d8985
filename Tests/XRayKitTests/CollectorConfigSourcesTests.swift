import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Collector configurations wherever they are written: templates read around
/// their placeholders, and configurations inside Kubernetes manifests, each finding located in the
/// outer file.
@Suite struct CollectorConfigSourcesTests {
    func lint(_ files: [(String, String)]) -> [Finding] {
        TestSupport.lint(files)
    }

    func at(_ findings: [Finding], _ rule: String) -> [String] {
        findings.filter { $0.rule == rule }.map { "\($0.location.line):\($0.location.column) \($0.severity)" }
    }

    @Test func aTemplateIsReadAroundItsPlaceholders() {
        let template = """
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: 0.0.0.0:${grpc_port}
            processors:
              resourcedetection:
                detectors: [${detectors}]
            exporters:
              logging: {}
              awsxray:
                region: ${region}
            service:
              pipelines:
                traces:
                  receivers: [otlp, ${extra_receiver}]
                  processors: [resourcedetection]
                  exporters: [logging, awsxray]

            """
        let findings = lint([("otconfig.tpl", template)])
        #expect(!findings.contains { $0.rule == "XR001" }, "\(findings.map(\.message))")
        #expect(at(findings, "XR516") == ["10:3 warning"])
        #expect(at(findings, "XR519") == ["17:7 info"])
        // The placeholders are the template tool's to fill: never a finding.
        #expect(!findings.contains { $0.rule == "XR520" || $0.rule == "XR513" && $0.severity == .error }, "\(findings.map(\.message))")
    }

    @Test func aFragmentWrittenForAnIndentedPlaceholderKeepsItsColumns() {
        let fragment = "exporters:\n      awsxray:\n        region: '${region}'\n      logging: {}\n    receivers:\n      otlp:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:${port}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [awsxray]\n"
        let findings = lint([("otconfig.tpl", fragment)])
        #expect(!findings.contains { $0.rule == "XR001" })
        #expect(at(findings, "XR516") == ["4:7 warning"])
        let tree = DocumentLoader.load(path: "otconfig.tpl", data: Data(fragment.utf8)).root
        #expect(tree?.keyNode("exporters")?.location.column == 1)
    }

    @Test func aTemplateThatIsNoYAMLStaysUnread() {
        let script = "#!/bin/bash\necho ${region} | {{ tr a-z A-Z }}\nif [ -z \"$X\" ]; then exit 1; fi\n"
        let document = DocumentLoader.load(path: "user_data.sh.tpl", data: Data(script.utf8))
        #expect(document.kind == .unknown)
    }

    @Test func operatorResourcesAreReadInBothVersions() {
        let v1beta1 = """
            apiVersion: opentelemetry.io/v1beta1
            kind: OpenTelemetryCollector
            metadata: {name: xray}
            spec:
              image: public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0
              config:
                receivers:
                  otlp:
                    protocols:
                      grpc: {}
                exporters:
                  logging: {}
                  awsxray:
                    region: us-east-1
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]

            """
        let findings = lint([("collector.yaml", v1beta1)])
        // v0.40 still has logging; the operator fills the omitted endpoint with 0.0.0.0.
        #expect(at(findings, "XR516").isEmpty)
        #expect(at(findings, "XR511").isEmpty)
        #expect(at(findings, "XR519") == ["17:9 warning"])
        #expect(at(findings, "XR522").isEmpty)
        let v1alpha1 = """
            apiVersion: opentelemetry.io/v1alpha1
            kind: OpenTelemetryCollector
            metadata: {name: xray}
            spec:
              config: |
                receivers:
                  otlp:
                    protocols:
                      grpc: {}
                exporters:
                  awsxray:
                    region: AWS_REGION
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]

            """
        let old = lint([("collector.yaml", v1alpha1)])
        #expect(at(old, "XR520") == ["12:17 error"])
        #expect(at(old, "XR522") == ["1:13 info"])
    }

    @Test func aKubernetesContainersInlineConfigurationIsRead() {
        let deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: collector}
            spec:
              selector: {matchLabels: {app: collector}}
              template:
                metadata: {labels: {app: collector}}
                spec:
                  containers:
                    - name: aws-otel-collector
                      image: public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0
                      env:
                        - name: AOT_CONFIG_CONTENT
                          value: |
                            receivers:
                              otlp:
                                protocols:
                                  http:
                                    endpoint: 0.0.0.0:55681
                            exporters:
                              xray: {}
                            service:
                              pipelines:
                                traces:
                                  receivers: [otlp]
                                  exporters: [xray]

            """
        let findings = lint([("collector.yaml", deployment)])
        #expect(at(findings, "XR516") == ["21:19 error"])
        #expect(at(findings, "XR521") == ["19:35 warning"])
        #expect(at(findings, "XR519") == ["24:21 warning"])
    }

    @Test func placeholdersAreOnlyThoseLeftAsText() {
        for (value, placeholder) in [("<YOUR_AWS_REGION>", true), ("AWS_REGION", true), ("us-east-1", false), ("${env:AWS_REGION}", false),
                                     ("${AWS_REGION}", false), ("{{ .Values.region }}", false), ("$REGION", false)] {
            #expect(LiteralPlaceholder.isPlaceholder(value, key: "region") == placeholder, "\(value)")
        }
        for (value, placeholder) in [("OTEL_ENDPOINT", true), ("http://<collector>:4318", true), ("localhost:4317", false),
                                     ("https://xray.us-east-1.amazonaws.com/v1/traces", false), ("COLLECTOR", false)] {
            #expect(LiteralPlaceholder.isPlaceholder(value, key: "endpoint") == placeholder, "\(value)")
        }
    }
}
