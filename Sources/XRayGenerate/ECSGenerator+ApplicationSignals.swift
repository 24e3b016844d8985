import XRayCore
import XRaySampling

/// The application side of Application Signals on ECS, as AWS's "Deploy using the sidecar strategy"
/// (and "daemon strategy") pages set it up: an init container copies the ADOT SDK agent of the
/// service's language into a task volume, the app mounts it, waits for the copy (SUCCESS), and loads
/// the agent through its language's variables, sending traces and Application Signals metrics to the
/// CloudWatch agent on 4316 and asking it for sampling on 2000 (docs/xray-facts.md §10).
extension ECSGenerator {
    /// The task volume the agent is copied into (ECS gives a volume without a host an empty directory).
    package static let instrumentationVolume = "opentelemetry-auto-instrumentation"
    /// The init container's name, as on AWS's page.
    package static let initContainerName = "init"

    /// The SDK agent to inject, or nil when the service gets none: Application Signals is off, the
    /// agent cannot receive it, or the model names no language (the model reader warns).
    func applicationSignalsInstrumentation(_ service: ServiceSpec) -> ADOTInstrumentation? {
        guard context.model.applicationSignals, context.model.agent.kind.profile.applicationSignals,
              let language = service.language else { return nil }
        return ADOTInstrumentation.of(language: language)
    }

    /// Runs once before the app: copies the agent and exits, so it is not essential.
    func initContainer(_ instrumentation: ADOTInstrumentation, fargate: Bool) -> ContainerDefinition {
        var container = ContainerDefinition(name: Self.initContainerName, image: instrumentation.image)
        container.essential = false
        container.command = instrumentation.command
        container.mountPoints = [MountPoint(sourceVolume: Self.instrumentationVolume, containerPath: instrumentation.mountPath, readOnly: false)]
        // EC2 tasks have no task-level memory, so every container names some; Fargate's task size covers it.
        if !fargate { container.memoryReservation = Self.initMemoryReservation[instrumentation.language] }
        return container
    }

    /// What AWS's CDK construct gives each init container (64, 32, 128 and 128 MiB).
    static let initMemoryReservation = ["java": 64, "python": 32, "node": 128, "dotnet": 128]

    /// The variables of AWS's sidecar page for the app: its language's loader, Application Signals on,
    /// traces and metrics over OTLP/HTTP to the CloudWatch agent's 4316, no OTLP metrics or logs.
    /// The model's own values win, except the loader variables, which are extended as AWS's construct
    /// does (JAVA_TOOL_OPTIONS and NODE_OPTIONS appended to, PYTHONPATH wrapped around).
    static func applicationSignalsVariables(_ instrumentation: ADOTInstrumentation, agentHost host: String,
                                            existing: [String: String]) -> [(name: String, value: String)] {
        let common: [(String, String)] = [
            ("OTEL_AWS_APPLICATION_SIGNALS_ENABLED", "true"),
            ("OTEL_AWS_APPLICATION_SIGNALS_EXPORTER_ENDPOINT", "http://\(host):\(AgentProfile.ports.applicationSignals)/v1/metrics"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://\(host):\(AgentProfile.ports.applicationSignals)/v1/traces"),
            ("OTEL_LOGS_EXPORTER", "none"),
            ("OTEL_METRICS_EXPORTER", "none"),
        ]
        var result = common.filter { existing[$0.0] == nil }
        for (name, value) in instrumentation.environment {
            guard let current = existing[name] else { result.append((name, value)); continue }
            switch name {
            case "JAVA_TOOL_OPTIONS", "NODE_OPTIONS":
                result.append((name, current + value))
            case "PYTHONPATH":
                let path = instrumentation.mountPath
                result.append((name, "\(path)/opentelemetry/instrumentation/auto_instrumentation:\(current):\(path)"))
            default:
                break
            }
        }
        return result
    }
}
