/// How generated apps get their OpenTelemetry SDK settings (`otel_config:`): `OTEL_*` environment
/// variables (the default), or one declarative configuration file (`otel-config.yaml`, file format
/// 1.0) that `OTEL_CONFIG_FILE` names, which makes the SDK ignore every other `OTEL_*` variable
/// (docs/xray-facts.md §14).
public enum OTelConfigMode: String, CaseIterable, Sendable {
    case env
    case file
}

extension ModelReader {
    /// `otel_config: file` configures OpenTelemetry SDKs, which send OTLP: only to an agent that receives it.
    /// Application Signals is switched on and aimed through `OTEL_AWS_APPLICATION_SIGNALS_*` variables,
    /// which the SDK ignores once `OTEL_CONFIG_FILE` is set, and the file format has no setting for it:
    /// the two together would load the agent with Application Signals off, so they are refused.
    package func otelConfig(_ node: LocatedNode, agent: AgentSpec?, applicationSignals: Bool = false) -> OTelConfigMode {
        guard let text = reader.choice(node, "otel_config", from: OTelConfigMode.allCases.map(\.rawValue)),
              let mode = OTelConfigMode(rawValue: text) else { return .env }
        if mode == .file, let agent, !agent.kind.profile.otlp {
            reader.error(node, "otel_config: file configures OpenTelemetry SDKs, which export OTLP, and the \(agent.kind.displayName) does not receive it: set agent kind to adot or cloudwatch-agent")
        } else if mode == .file && applicationSignals {
            reader.error(node, "otel_config: file turns Application Signals off: the SDK reads its OTEL_AWS_APPLICATION_SIGNALS_* variables only without OTEL_CONFIG_FILE; use otel_config: env with application_signals: true")
        }
        return mode
    }
}
