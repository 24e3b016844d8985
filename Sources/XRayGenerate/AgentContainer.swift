import XRayCore
import XRaySampling

/// Builds the container that receives segments: the X-Ray daemon, the ADOT collector or the
/// CloudWatch agent, each listening on 2000/udp (segments) and 2000/tcp (sampling proxy).
package struct AgentContainer {
    package enum Placement {
        /// In the app's task, sharing its network mode.
        case sidecar(ECSServiceSpec.NetworkMode, fargate: Bool)
        /// Alone in a task of the DAEMON service, publishing static host ports.
        case daemonService
    }

    package let agent: AgentSpec
    /// Written into the container when known; `xrayctl instrument` may not know it, and the agent
    /// then uses the region ECS sets in every task (docs/xray-facts.md §3.7).
    package let region: String?
    /// Where the collectors send traces (the daemon has one way only).
    package let export: TracesSpec.Export
    package let partition: Partition
    /// The CloudWatch agent also receives Application Signals (on 4316).
    package let applicationSignals: Bool

    package init(agent: AgentSpec, region: String?, export: TracesSpec.Export = .xrayAPI, partition: Partition = .aws,
         applicationSignals: Bool = false) {
        self.agent = agent
        self.region = region
        self.export = export
        self.partition = partition
        self.applicationSignals = applicationSignals && agent.kind.profile.applicationSignals
    }

    package init(context: GenerationContext) {
        self.init(agent: context.model.agent, region: context.model.region, export: context.model.traces.export,
                  partition: context.model.partition, applicationSignals: context.model.applicationSignals)
    }

    package func container(_ placement: Placement) -> ContainerDefinition {
        let profile = agent.kind.profile
        var container = ContainerDefinition(name: profile.containerName, image: agent.image.description)
        container.cpu = agent.cpu
        container.memoryReservation = agent.memoryReservation
        container.portMappings = portMappings(placement)
        // ECS sets AWS_REGION in every task (docs/xray-facts.md §3.7); writing it keeps the task definition
        // self-explanatory and works on hosts where the agent reads no task metadata.
        var environment = region.map { [KeyValuePair(name: "AWS_REGION", value: $0)] } ?? []
        switch profile.configuration {
        case .daemonFile:
            container.command = daemonFlags(placement)
        case .environment(let variable):
            environment.append(KeyValuePair(name: variable, value: CollectorConfig.text(
                profile, region: region, export: export, partition: partition, applicationSignals: applicationSignals,
                memoryMiB: agent.memoryReservation)))
        }
        container.environment = environment
        container.healthCheck = healthCheck
        return container
    }

    /// The agent's health check, where its image can run one: the ADOT collector's `/healthcheck`
    /// (exec form; the image has no shell, XR111), within ECS's ranges (interval 5–300 s, timeout
    /// 2–60 s, retries 1–10, start period 0–300 s; ECS API Reference, HealthCheck).
    package var healthCheck: HealthCheck? {
        agent.kind.profile.healthCheckCommand.map { HealthCheck(command: $0, interval: 10, timeout: 5, retries: 3, startPeriod: 10) }
    }

    /// The condition an app container waits for: HEALTHY when the agent has a health check, else START.
    package var readyCondition: String { healthCheck == nil ? "START" : "HEALTHY" }

    /// Flags appended to the image's entrypoint, which already binds 0.0.0.0:2000 for UDP and TCP (docs/xray-facts.md §1.1).
    private func daemonFlags(_ placement: Placement) -> [String] {
        // Short flags, as in AWS's documentation: -m buffer MB, -l log level, -o local mode, -r role (docs/xray-facts.md §1.4).
        var flags = ["-m", String(agent.bufferMB), "-l", agent.logLevel]
        if case .sidecar(_, fargate: true) = placement {
            // Fargate has no instance metadata; local mode stops the daemon from asking for it (docs/xray-facts.md §1.4, flag -o).
            flags.append("-o")
        }
        if let role = agent.crossAccountRole {
            flags += ["-r", role.description]
        }
        return flags
    }

    private func portMappings(_ placement: Placement) -> [PortMapping] {
        let protocols: [(port: Int, protocol: String)]
        let extra = (agent.kind.profile.otlp ? AgentProfile.ports.otlp.map { ($0, "tcp") } : [])
            + (applicationSignals ? [(AgentProfile.ports.applicationSignals, "tcp")] : [])
        switch placement {
        case .sidecar(let mode, _):
            // In a task the app reaches the agent directly; only UDP must be declared (docs/xray-facts.md §3.1).
            protocols = [(ModelReader.agentPort, "udp")] + extra
            return protocols.map { mapping in
                switch mode {
                case .bridge: return PortMapping(containerPort: mapping.port, hostPort: 0, protocol: mapping.protocol)
                case .awsvpc: return PortMapping(containerPort: mapping.port, hostPort: nil, protocol: mapping.protocol)
                case .host: return PortMapping(containerPort: mapping.port, hostPort: mapping.port, protocol: mapping.protocol)
                }
            }
        case .daemonService:
            // Apps on the instance find the agent at a fixed host port: UDP for segments and TCP
            // for the sampling proxy, or centralized sampling falls back to local rules (docs/xray-facts.md §3.2).
            protocols = [(ModelReader.agentPort, "udp"), (ModelReader.agentPort, "tcp")] + extra
            return protocols.map { PortMapping(containerPort: $0.port, hostPort: $0.port, protocol: $0.protocol) }
        }
    }
}
