import Foundation

struct DeprecatedXRayExporter: LintRule {
    static let description = RuleDescription(
        id: "XR514", name: "deprecated-awsxray-exporter", severity: .info,
        summary: "A collector's traces pipeline exports with the `awsxray` exporter, which ADOT marks deprecated.",
        rationale: "ADOT's documentation marks the awsxray exporter deprecated: traces should go to X-Ray's OTLP endpoint with the otlphttp exporter signed by sigv4auth, which needs Transaction Search on in the account. The exporter still works; this is the migration to plan before the X-Ray daemon and SDKs reach end of support on 2027-02-25.",
        sources: [.adotXRayExporter, .xrayOTLPEndpoint, .transactionSearch, .endOfSupport],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  awsxray:
                    endpoint: 0.0.0.0:2000
                    transport: udp
                exporters:
                  awsxray:
                    region: us-east-1
                service:
                  pipelines:
                    traces:
                      receivers: [awsxray]
                      exporters: [↓awsxray]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  awsxray:
                    endpoint: 0.0.0.0:2000
                    transport: udp
                exporters:
                  otlphttp:
                    traces_endpoint: https://xray.us-east-1.amazonaws.com/v1/traces
                    auth:
                      authenticator: sigv4auth
                extensions:
                  sigv4auth:
                    region: us-east-1
                    service: xray
                service:
                  extensions: [sigv4auth]
                  pipelines:
                    traces:
                      receivers: [awsxray]
                      exporters: [otlphttp]

                """),
        ])

    func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config in
            config.tracePipelines.flatMap { $0.value["exporters"]?.items ?? [] }
                .filter { $0.text.map(CollectorConfigView.type) == "awsxray" }
                .map { exporter in
                    finding(exporter, "the awsxray exporter is deprecated: ADOT sends traces to X-Ray's OTLP endpoint instead (otlphttp with sigv4auth; Transaction Search must be on)",
                            fix: "Export with otlphttp to https://xray.REGION.amazonaws.com/v1/traces, authenticated by the sigv4auth extension (service xray), after turning Transaction Search on; in xray.yaml: traces: {export: otlp, transaction_search: {}}")
                }
        }
    }
}

struct OTLPToXRayMisconfigured: LintRule {
    static let description = RuleDescription(
        id: "XR515", name: "otlp-to-xray-misconfigured", severity: .error,
        summary: "An exporter sends to X-Ray's OTLP endpoint over gRPC, without SigV4 (`sigv4auth`), with a signing region or service that does not match the endpoint, or with `/v1/traces` in `endpoint` (otlphttp appends it).",
        rationale: "X-Ray's OTLP traces endpoint accepts HTTP only (protobuf or JSON) and only requests signed with SigV4 for the xray service in the endpoint's region; anything else is refused, and the collector retries and drops spans. otlphttp appends /v1/traces to `endpoint` (not to `traces_endpoint`), so the path written there twice points nowhere.",
        sources: [.xrayOTLPEndpoint, .adotXRayExporter, .otelCollectorConfiguration],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlphttp:
                    traces_endpoint: ↓https://xray.us-east-1.amazonaws.com/v1/traces
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlphttp]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlp:
                    endpoint: ↓xray.us-east-1.amazonaws.com:443
                    auth:
                      authenticator: sigv4auth
                extensions:
                  sigv4auth:
                    region: us-east-1
                    service: xray
                service:
                  extensions: [sigv4auth]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlp]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlphttp:
                    traces_endpoint: https://xray.eu-west-1.amazonaws.com/v1/traces
                    auth:
                      authenticator: sigv4auth
                extensions:
                  sigv4auth:
                    region: ↓us-east-1
                    service: xray
                service:
                  extensions: [sigv4auth]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlphttp]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlphttp:
                    traces_endpoint: https://xray.eu-west-1.amazonaws.com/v1/traces
                    auth:
                      authenticator: sigv4auth/xray
                extensions:
                  sigv4auth/xray:
                    region: eu-west-1
                    service: xray
                service:
                  extensions: [sigv4auth/xray]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlphttp]

                """),
        ])

    /// `xray.REGION.amazonaws.com` (or `.com.cn`) in a URL or host:port: the region, or nil.
    static func xrayRegion(_ endpoint: String) -> String? {
        let host = (URL(string: endpoint)?.host ?? endpoint.split(separator: ":").first.map(String.init) ?? "").lowercased()
        let labels = host.split(separator: ".")
        guard labels.count >= 4, labels[0] == "xray", host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn") else { return nil }
        return String(labels[1])
    }

    func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config -> [Finding] in
            config.components("exporters").compactMap { id, key, value -> Finding? in
                let endpointNode = value["traces_endpoint"] ?? value["endpoint"]
                guard let endpointNode, let endpoint = endpointNode.text, let region = Self.xrayRegion(endpoint) else { return nil }
                switch CollectorConfigView.type(id) {
                case "otlp":
                    return finding(endpointNode, "exporter \(id) sends OTLP over gRPC to X-Ray, whose OTLP endpoint takes HTTP only",
                                   fix: "Use the otlphttp exporter with traces_endpoint: https://xray.\(region).amazonaws.com/v1/traces")
                case "otlphttp":
                    break
                default:
                    return nil
                }
                if value["traces_endpoint"] == nil, endpoint.hasSuffix("/v1/traces") {
                    return finding(endpointNode, "otlphttp appends /v1/traces to endpoint, so exporter \(id) posts to .../v1/traces/v1/traces",
                                   fix: "Write the URL as traces_endpoint, or drop /v1/traces from endpoint")
                }
                guard let authenticator = value["auth"]?["authenticator"]?.text,
                      let extensionConfig = config.component(authenticator, in: "extensions"),
                      CollectorConfigView.type(authenticator) == "sigv4auth" else {
                    return finding(endpointNode, "exporter \(id) sends to X-Ray's OTLP endpoint without SigV4: X-Ray refuses unsigned requests",
                                   fix: "Add the sigv4auth extension (region: \(region), service: xray), list it in service.extensions, and set auth.authenticator: sigv4auth on the exporter")
                }
                if let signing = extensionConfig.value["region"], let text = signing.text, text != region {
                    return finding(signing, "\(authenticator) signs for \(text), but exporter \(id) sends to X-Ray in \(region): the signature is refused",
                                   fix: "Set region: \(region), or send to https://xray.\(text).amazonaws.com/v1/traces")
                }
                if let service = extensionConfig.value["service"], let text = service.text, text != "xray" {
                    return finding(service, "\(authenticator) signs for service '\(text)', but X-Ray's OTLP endpoint needs service xray",
                                   fix: "Set service: xray")
                }
                return nil
            }
        }
    }
}

struct RemovedCollectorComponent: LintRule {
    static let description = RuleDescription(
        id: "XR516", name: "removed-collector-component", severity: .error, also: [.warning],
        summary: "A collector configuration names a component type the ADOT collector does not have: one ADOT removed (the `logging` exporter and `memory_ballast` extension in v0.42.0, …), or an AWS-sounding name no release ever shipped (`xray`, `cloudwatch`, the package name `awsxrayexporter`, …).",
        rationale: "The collector refuses a configuration that names a component type it does not have (`unknown type`), and starts nothing. ADOT v0.42.0 removed the logging exporter (use debug) and the memory_ballast extension (use the GOMEMLIMIT environment variable), v0.37.0 the dynatrace exporter and v0.21.0 awsprometheusremotewrite; with an image older than that they still work, and where the version is not known (a file on its own, a pinned digest) it is a warning. An image tagged `latest` (or untagged) runs the current release. The guessed names — `xray` for `awsxray`, a `cloudwatch` exporter, the Go package names ADOT's README lists (`awsxrayexporter`, `sigv4authextension`) — exist in no ADOT release and no opentelemetry-collector-contrib build, so they are an error wherever they are.",
        sources: [.adotReleases, .adotComponents, .otelCollectorConfiguration],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  ↓logging:
                    verbosity: detailed
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [logging]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  ↓awsxrayexporter:
                    region: us-east-1
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxrayexporter]

                """),
            RuleExample("collector.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: otel-config}
                data:
                  config.yaml: |
                    receivers:
                      otlp:
                        protocols:
                          grpc:
                            endpoint: 0.0.0.0:4317
                    exporters:
                      ↓logging: {}
                    service:
                      pipelines:
                        traces:
                          receivers: [otlp]
                          exporters: [logging]
                ---
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
                          image: public.ecr.aws/aws-observability/aws-otel-collector:latest
                          args: ["--config=/conf/config.yaml"]
                          volumeMounts: [{name: config, mountPath: /conf}]
                      volumes:
                        - {name: config, configMap: {name: otel-config}}

                """),
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
                   "environment": [{"name": "AOT_CONFIG_CONTENT", "value": "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\nexporters:\n  logging: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [logging]\n"}]}]}

                """#),
        ])

    func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config -> [Finding] in
            let version = config.collectorVersion
            return ADOTComponents.table.flatMap { entry -> [Finding] in
                let components = config.components(entry.section).filter { CollectorConfigView.type($0.id) == entry.type }
                let kind = entry.section.dropLast()
                switch entry.status {
                case .neverShipped(let meant):
                    return components.map { component in
                        finding(component.key, "no ADOT release has the \(entry.type) \(kind) (nor does opentelemetry-collector-contrib): the collector refuses this configuration (unknown type)",
                                fix: "Use the \(meant) \(kind)")
                    }
                case .removed(let release, let replacement):
                    if let version, (version.major, version.minor) < release { return [] }
                    let which = version == nil ? "a collector of that version or later"
                        : config.runsLatest ? "the image tagged latest (the current release)" : "a collector of this image's version"
                    return components.map { component in
                        finding(component.key, "ADOT v\(release.major).\(release.minor).0 removed the \(entry.type) \(kind): \(which) refuses this configuration",
                                fix: "Use \(replacement) instead", severity: version == nil ? .warning : .error)
                    }
                }
            }
        }
    }
}
