import XRayCore
import XRaySampling

/// Configuration for the agents that replace the X-Ray daemon. Both receive X-Ray segments on
/// 2000/udp, proxy sampling on 2000/tcp and accept OTLP, and export traces to X-Ray only, so they
/// need no permissions beyond X-Ray's.
package enum CollectorConfig {
    /// A collector's configuration in its own format (the daemon's `cfg.yaml` is `DaemonConfigFile`'s).
    package static func text(_ profile: AgentProfile, region: String?, bind host: String = "0.0.0.0", export: TracesSpec.Export,
                     partition: Partition, applicationSignals: Bool = false, memoryMiB: Int? = nil) -> String {
        switch profile.format {
        case .collector: return adot(region: region, export: export, partition: partition, memoryMiB: memoryMiB)
        case .cloudwatchAgent: return cloudwatchAgent(region: region, bind: host, export: export, applicationSignals: applicationSignals)
        case .daemon: preconditionFailure("the X-Ray daemon's configuration is DaemonConfigFile's")
        }
    }

    /// ADOT collector configuration, passed inline through `AOT_CONFIG_CONTENT`. Without a region
    /// the exporter uses the one ECS sets in the task (`xrayctl instrument` may not know it).
    /// With OTLP export, traces go to X-Ray's OTLP endpoint through `otlphttp` signed by the
    /// `sigv4auth` extension (ADOT marks the `awsxray` exporter deprecated; docs/xray-facts.md §10); the
    /// `awsxray` receiver stays, so X-Ray SDK apps keep working.
    ///
    /// Sampling: the `awsxray` receiver's `proxy_server` on 2000/tcp is the X-Ray sampling proxy the
    /// SDKs' remote samplers call (OTel's `OTEL_TRACES_SAMPLER=xray` included). It is the same proxy
    /// the `awsproxy` extension runs, on the same default address, so the extension is not added: two
    /// listeners on 0.0.0.0:2000 would stop the collector from starting (aws-otel.github.io,
    /// "Configuring the OpenTelemetry Collector for X-Ray remote sampling"; "X-Ray Receiver").
    ///
    /// `memory_limiter` comes first in the pipeline and refuses data before the container outgrows what
    /// the model reserves for it (`memoryMiB`; 80% of the memory it sees without one), and
    /// `health_check` answers on 13133 for the image's `/healthcheck` binary (ECS) and for probes.
    package static func adot(region: String?, export: TracesSpec.Export = .xrayAPI, partition: Partition = .aws,
                             memoryMiB: Int? = nil) -> String {
        adotConfig(region: region, export: export, partition: partition, memoryMiB: memoryMiB).yaml
    }

    /// The same configuration as a tree (see `adot`).
    package static func adotConfig(region: String?, export: TracesSpec.Export = .xrayAPI, partition: Partition = .aws,
                                   memoryMiB: Int? = nil) -> ADOTCollectorConfig {
        typealias Setting = ADOTCollectorConfig.Setting
        typealias Component = ADOTCollectorConfig.Component
        let limits: [Setting] = memoryMiB.map { memory in
            let limit = max(memory * 4 / 5, 1)
            return [Setting("limit_mib", .number(limit)), Setting("spike_limit_mib", .number(max(limit / 4, 1)))]
        } ?? [Setting("limit_percentage", .number(80)), Setting("spike_limit_percentage", .number(25))]
        let endpoint = { (port: Int) in Setting("endpoint", .text("0.0.0.0:\(port)")) }
        var config = ADOTCollectorConfig(
            extensions: [Component("health_check", [endpoint(healthCheckPort)])],
            receivers: [
                Component("awsxray", [endpoint(2000), Setting("transport", .text("udp")),
                                      Setting("proxy_server", .settings([endpoint(2000)]))]),
                Component("otlp", [Setting("protocols", .settings([
                    Setting("grpc", .settings([endpoint(4317)])), Setting("http", .settings([endpoint(4318)])),
                ]))]),
            ],
            processors: [
                Component("memory_limiter", [Setting("check_interval", .text("1s"))] + limits),
                Component("batch/traces", [Setting("timeout", .text("1s")), Setting("send_batch_size", .number(50))]),
            ],
            exporters: [Component("awsxray", region.map { [Setting("region", .text($0))] } ?? [])],
            pipelines: [.init(name: "traces", receivers: ["awsxray", "otlp"], processors: ["memory_limiter", "batch/traces"],
                              exporters: ["awsxray"])])
        if export == .otlp, let region {
            config.extensions.insert(Component("sigv4auth", [Setting("region", .text(region)), Setting("service", .text("xray"))]), at: 0)
            config.exporters = [Component("otlphttp", [
                Setting("traces_endpoint", .text(otlpTracesEndpoint(region: region, partition: partition))),
                Setting("compression", .text("gzip")),
                Setting("auth", .settings([Setting("authenticator", .text("sigv4auth"))])),
            ])]
            config.pipelines[0].exporters = ["otlphttp"]
        }
        return config
    }

    /// Where the collector's `health_check` extension answers (its default port).
    package static let healthCheckPort = 13133

    /// X-Ray's OTLP traces endpoint in a region (HTTP only; docs/xray-facts.md §10).
    package static func otlpTracesEndpoint(region: String, partition: Partition) -> String {
        "https://xray.\(region).\(partition.dnsSuffix)/v1/traces"
    }

    package struct CloudWatchAgentConfig: Encodable {
        package struct Agent: Encodable { package var region: String? }
        package struct Traces: Encodable {
            package var traces_collected: Collected
            /// Spans in OTLP form, as Transaction Search stores them (with span events; docs/xray-facts.md §10).
            package var transit_spans_in_otlp_format: Bool?
        }
        package struct Collected: Encodable {
            package var xray: XRay
            package var otlp: OTLP
            /// Application Signals' receiver (4316, traces and metrics from the ADOT SDKs).
            package var application_signals: Empty?
        }
        package struct Empty: Encodable {}
        /// Application Signals' metrics go to CloudWatch Logs as embedded metrics.
        package struct Logs: Encodable { package var metrics_collected: Metrics }
        package struct Metrics: Encodable { package var application_signals: Empty }
        package struct XRay: Encodable { package var bind_address: String; package var tcp_proxy: Proxy }
        package struct Proxy: Encodable { package var bind_address: String }
        package struct OTLP: Encodable { package var grpc_endpoint: String; package var http_endpoint: String }
        package var agent: Agent
        package var traces: Traces
        package var logs: Logs?
    }

    /// CloudWatch agent configuration, passed inline through `CW_CONFIG_CONTENT`.
    /// In a container it listens on all interfaces (other containers send to it); on a host,
    /// on loopback only.
    /// With Application Signals, the two sections AWS's ECS setup adds (docs/xray-facts.md §10).
    package static func cloudwatchAgent(region: String?, bind host: String = "0.0.0.0", export: TracesSpec.Export = .xrayAPI,
                                applicationSignals: Bool = false) -> String {
        let config = CloudWatchAgentConfig(
            agent: .init(region: region),
            traces: .init(traces_collected: .init(
                xray: .init(bind_address: "\(host):2000", tcp_proxy: .init(bind_address: "\(host):2000")),
                otlp: .init(grpc_endpoint: "\(host):4317", http_endpoint: "\(host):4318"),
                application_signals: applicationSignals ? CloudWatchAgentConfig.Empty() : nil),
                transit_spans_in_otlp_format: export == .otlp ? true : nil),
            logs: applicationSignals ? .init(metrics_collected: .init(application_signals: CloudWatchAgentConfig.Empty())) : nil)
        return CanonicalJSON.compact(config)
    }
}
