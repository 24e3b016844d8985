import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Public documents the collector rules rest on (beside those in Lint/RuleSource.swift).
extension RuleSource {
    package static let adotComponents = RuleSource("aws-observability/aws-otel-collector: ADOT Collector built-in components (README)",
                                           "https://github.com/aws-observability/aws-otel-collector#adot-collector-built-in-components")
    package static let otelBatchProcessor = RuleSource("OpenTelemetry Collector: batch processor (recommended on every collector)",
                                               "https://github.com/open-telemetry/opentelemetry-collector/blob/main/processor/batchprocessor/README.md")
    package static let otelRecommendedProcessors = RuleSource("OpenTelemetry Collector: processors (recommended processors and their order)",
                                                      "https://github.com/open-telemetry/opentelemetry-collector/blob/main/processor/README.md")
    package static let otelLambdaDecouple = RuleSource("OpenTelemetry Lambda: the collector extension's decouple processor",
                                               "https://github.com/open-telemetry/opentelemetry-lambda/blob/main/collector/processor/decoupleprocessor/README.md")
    package static let otelConfigEnvironment = RuleSource("OpenTelemetry Collector: configuration, environment variables (${env:NAME})",
                                                  "https://opentelemetry.io/docs/collector/configuration/#environment-variables")
    package static let otlpDefaultPorts = RuleSource("OpenTelemetry Protocol specification: OTLP/HTTP default port 4318",
                                             "https://opentelemetry.io/docs/specs/otlp/#otlphttp-default-port")
    package static let adotLegacyPortFix = RuleSource("aws-otel/aws-otel.github.io #338: fix OTLP port references using old port numbers",
                                              "https://github.com/aws-otel/aws-otel.github.io/pull/338")
    package static let operatorV1beta1 = RuleSource("OpenTelemetry Operator v0.99.0 release notes: OpenTelemetryCollector v1beta1, v1alpha1 support to be removed",
                                            "https://github.com/open-telemetry/opentelemetry-operator/releases/tag/v0.99.0")
    package static let operatorV1beta1Migration = RuleSource("OpenTelemetry Operator: API reference for OpenTelemetryCollector v1beta1",
                                                     "https://github.com/open-telemetry/opentelemetry-operator/blob/main/docs/api/opentelemetrycollectors.md")
    package static let awsSDKRegion = RuleSource("AWS SDKs and Tools Reference Guide: AWS Region (AWS_REGION)",
                                         "https://docs.aws.amazon.com/sdkref/latest/guide/feature-region.html")
}
