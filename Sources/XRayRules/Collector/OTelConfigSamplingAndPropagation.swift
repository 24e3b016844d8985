import XRayCore
import XRayViews

package struct OTelConfigSamplingAndPropagation: LintRule {
    package static let description = RuleDescription(
        id: "XR524", name: "otel-config-without-xray-sampling-or-propagation", severity: .warning, also: [.info],
        summary: "An OpenTelemetry SDK configuration file that exports traces has propagators without `xray` (warning), or a sampler that is not X-Ray's remote sampler (info).",
        rationale: "Services that trace into X-Ray join each other's traces through the X-Amzn-Trace-Id header: API Gateway, Lambda, ALB and SQS pass it on, and an SDK without the xray propagator starts a new trace at each of them. Sampling decided by X-Ray's centralized rules needs the X-Ray remote sampler (served by the CloudWatch agent or a collector on 2000/tcp); another sampler (the default is parent-based always-on) records by its own rule, and the account's sampling rules, boosts included, do not apply to this service.",
        sources: [.xrayMigrationToOTel, .adotRemoteSampling, .otelJavaXRaySampler, .otelDeclarativeConfiguration],
        examples: [
            RuleExample("otel-config.yaml", """
                file_format: "1.0"
                propagator:
                  ↓composite:
                    - tracecontext:
                    - baggage:
                tracer_provider:
                  ↓sampler:
                    parent_based:
                      root:
                        trace_id_ratio_based:
                          ratio: 0.1
                  processors:
                    - batch:
                        exporter:
                          otlp_http:
                            endpoint: http://localhost:4318/v1/traces

                """),
            RuleExample("otel-config.yaml", """
                file_format: "1.0"
                propagator:
                  composite:
                    - tracecontext:
                    - baggage:
                    - xray:
                tracer_provider:
                  sampler:
                    parent_based:
                      root:
                        xray:
                          endpoint: http://localhost:2000
                  processors:
                    - batch:
                        exporter:
                          otlp_http:
                            endpoint: http://localhost:4318/v1/traces

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        OTelSDKConfigFiles.roots(run).flatMap { root -> [Finding] in
            guard let tracing = root["tracer_provider"] else { return [] }
            var findings: [Finding] = []
            let propagator = root["propagator"]
            let names = OTelSDKConfigFiles.names(propagator?["composite"])
                + (propagator?["composite_list"]?.text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if !names.contains(where: { $0.lowercased().hasPrefix("xray") }) {
                let anchor = propagator?.keyNode("composite") ?? propagator?.keyNode("composite_list") ?? root.keyNode("propagator") ?? root.keyNode("file_format") ?? root
                findings.append(finding(anchor, "the propagators (\(names.isEmpty ? "none set" : names.joined(separator: ", "))) leave out xray: traces through API Gateway, Lambda, ALB or SQS, which carry X-Amzn-Trace-Id, break into pieces",
                                        fix: "Add `- xray:` to propagator.composite (after tracecontext and baggage)"))
            }
            let sampler = tracing["sampler"]
            let remote = OTelSDKConfigFiles.pairs(under: sampler).contains { $0.key.text?.lowercased().containsBytes("xray") == true }
            if !remote {
                let anchor = tracing.keyNode("sampler") ?? root.keyNode("tracer_provider") ?? root
                findings.append(finding(anchor, sampler == nil
                                            ? "no sampler is set, so the SDK records every trace (parent-based always-on): X-Ray's sampling rules do not apply to this service"
                                            : "the sampler is not X-Ray's remote sampler: X-Ray's sampling rules (and their boosts) do not apply to this service",
                                        fix: "Use the `xray` sampler (parent_based root `xray: {endpoint: http://localhost:2000}` in Java's contrib), pointed at the agent's sampling endpoint, if the account's rules should decide",
                                        severity: .info))
            }
            return findings
        }
    }
}
