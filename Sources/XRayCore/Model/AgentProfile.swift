/// Everything that differs between agent kinds, in one value per kind: code that needs to know
/// what an agent does asks its profile instead of branching on the kind.
public struct AgentProfile: Sendable {
    /// How the agent's configuration reaches it.
    public enum Configuration: Sendable, Equatable {
        /// The X-Ray daemon's `cfg.yaml` settings: flags on ECS, a mounted file on EKS and hosts.
        case daemonFile
        /// A collector configuration passed inline through an environment variable (on EKS, filled
        /// from the ConfigMap key `configMapKey`).
        case environment(variable: String)
    }

    /// The configuration's format, for the one place that writes each (`CollectorConfig`, `DaemonConfigFile`).
    public enum Format: Sendable {
        case daemon, collector, cloudwatchAgent
    }

    /// What EC2 user data installs on a host to run this agent.
    public enum HostPackage: Sendable {
        /// The X-Ray daemon's package (the ADOT collector has no host package xrayctl installs; its
        /// hosts run the daemon, which receives the same segments).
        case xrayDaemon
        case cloudwatchAgent
    }

    public let kind: AgentSpec.Kind
    /// The agent's name in prose ("the ADOT collector"); the raw value is the model's word for it.
    public let displayName: String
    /// The image used when the model names none: always a pinned version.
    public let defaultImage: String
    /// The container name, which is also the host name apps use in bridge mode, and on EKS the name
    /// of its DaemonSet, ServiceAccount and Service.
    public let containerName: String
    public let configuration: Configuration
    public let format: Format
    /// The ConfigMap key its configuration is kept under on EKS.
    public let configMapKey: String
    /// Receives OTLP on 4317 (gRPC) and 4318 (HTTP) besides X-Ray segments, and can export OTLP to
    /// X-Ray's endpoint (the daemon only calls PutTraceSegments).
    public let otlp: Bool
    /// With OTLP export it calls X-Ray's OTLP endpoint itself (ADOT's otlphttp exporter), whose URL
    /// names the region; the CloudWatch agent sends OTLP-form spans through the X-Ray API instead.
    public let callsOTLPEndpoint: Bool
    /// Receives Application Signals on 4316 (its role then needs CloudWatchAgentServerPolicy).
    public let applicationSignals: Bool
    /// Assumes `agent.cross_account_role` itself (`-r`, RoleARN); the collectors set it in their exporters.
    public let assumesCrossAccountRole: Bool
    public let hostPackage: HostPackage
    /// How it sends traces with `traces.export: otlp`, in the README's words.
    public let otlpExportWords: String?
    /// An exec-form container health check its image can run, or nil. The ADOT collector's image is
    /// built from scratch but ships `/healthcheck`, which asks the `health_check` extension on
    /// 127.0.0.1:13133 (aws-observability/aws-otel-collector, cmd/awscollector/Dockerfile and
    /// cmd/healthcheck/main.go); the daemon's and the CloudWatch agent's images have no such program.
    public var healthCheckCommand: [String]? = nil

    public static let ports = (otlp: [4317, 4318], applicationSignals: 4316)

    public static let xrayDaemon = AgentProfile(
        kind: .xrayDaemon, displayName: "X-Ray daemon", defaultImage: "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
        containerName: "xray-daemon", configuration: .daemonFile, format: .daemon, configMapKey: "cfg.yaml",
        otlp: false, callsOTLPEndpoint: false, applicationSignals: false, assumesCrossAccountRole: true,
        hostPackage: .xrayDaemon, otlpExportWords: nil)

    public static let adot = AgentProfile(
        kind: .adot, displayName: "ADOT collector", defaultImage: "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
        containerName: "aws-otel-collector", configuration: .environment(variable: "AOT_CONFIG_CONTENT"), format: .collector,
        configMapKey: "config.yaml", otlp: true, callsOTLPEndpoint: true, applicationSignals: false,
        assumesCrossAccountRole: false, hostPackage: .xrayDaemon,
        otlpExportWords: "sends traces to X-Ray's OTLP endpoint `{endpoint}` (otlphttp, signed by the sigv4auth extension), which accepts spans only while Transaction Search is on",
        healthCheckCommand: ["CMD", "/healthcheck"])

    public static let cloudwatchAgent = AgentProfile(
        kind: .cloudwatchAgent, displayName: "CloudWatch agent", defaultImage: "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337",
        containerName: "cloudwatch-agent", configuration: .environment(variable: "CW_CONFIG_CONTENT"), format: .cloudwatchAgent,
        configMapKey: "cwagentconfig.json", otlp: true, callsOTLPEndpoint: false, applicationSignals: true,
        assumesCrossAccountRole: false, hostPackage: .cloudwatchAgent,
        otlpExportWords: "sends spans to X-Ray in OTLP form (`transit_spans_in_otlp_format`), as Transaction Search stores them")

    public static let all = [xrayDaemon, adot, cloudwatchAgent]

    /// The environment variable its inline configuration arrives in, or nil for the daemon's file.
    public var configVariable: String? {
        if case .environment(let variable) = configuration { return variable }
        return nil
    }

    /// Reads the X-Ray daemon's `cfg.yaml`.
    public var readsDaemonConfigFile: Bool { configuration == .daemonFile }

    /// The profile of the agent whose image this is, or nil for an image of no known agent.
    public static func of(containerName name: String) -> AgentProfile? { all.first { $0.containerName == name } }
}

extension AgentSpec.Kind {
    public var profile: AgentProfile {
        switch self {
        case .xrayDaemon: return .xrayDaemon
        case .adot: return .adot
        case .cloudwatchAgent: return .cloudwatchAgent
        }
    }
}
