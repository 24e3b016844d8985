/// ECS task definitions, the DAEMON service and the roles they use, for all three ECS topologies.
struct ECSGenerator {
    let context: GenerationContext

    /// The address apps in bridge mode use to reach a per-instance agent: the Docker bridge
    /// gateway, where the DAEMON service publishes its static host ports (facts §3.2).
    static let bridgeGatewayAddress = "172.17.0.1"

    func generate(_ services: [(ServiceSpec, ECSServiceSpec)]) -> GeneratorOutput {
        var output = GeneratorOutput()
        if services.contains(where: { $0.0.platform == .ecsEC2Daemon }) {
            addDaemonService(to: &output)
        }
        for (service, ecs) in services {
            addService(service, ecs, to: &output)
        }
        return output
    }

    private func addService(_ service: ServiceSpec, _ ecs: ECSServiceSpec, to output: inout GeneratorOutput) {
        let family = context.prefixed(service.name)
        let sidecar = service.platform != .ecsEC2Daemon
        let fargate = service.platform == .ecsFargate
        let taskRoleName = family + Naming.taskRoleSuffix
        let executionRoleName = family + Naming.executionRoleSuffix

        var containers = [appContainer(service, ecs)]
        if sidecar {
            containers.append(AgentContainer(context: context).container(.sidecar(ecs.networkMode, fargate: fargate)))
        }
        let task = TaskDefinition(
            family: family,
            containerDefinitions: containers,
            networkMode: ecs.networkMode.rawValue,
            requiresCompatibilities: [fargate ? "FARGATE" : "EC2"],
            taskRoleArn: context.arn(ecs.taskRole, generatedName: taskRoleName),
            executionRoleArn: context.arn(ecs.executionRole, generatedName: executionRoleName),
            cpu: ecs.taskSize.map { String($0.cpu) },
            memory: ecs.taskSize.map { String($0.memory) })
        let path = "\(service.name)/task-definition.json"
        output.add(path, CanonicalJSON.encode(task), "task definition with the app and its tracing wiring (RegisterTaskDefinition input)")
        output.steps.append(.registerTaskDefinition(path: path))
        output.taskDefinitions.append(task)

        if ecs.taskRole == .generate {
            // The agent in the task signs its uploads with the task role, never the execution role (facts §2.5).
            output.agentRoles.append(taskRoleName)
            output.roles.append(taskRole(name: taskRoleName, purpose: "task role of \(family): the \(context.agentName) sidecar uploads traces with it"))
        }
        if ecs.executionRole == .generate {
            output.roles.append(RolePlan(
                name: executionRoleName,
                purpose: "execution role of \(family): ECS pulls images and writes logs with it (no X-Ray access)",
                trust: IAMPolicies.trust("ecs-tasks", context),
                managedPolicyARNs: [IAMPolicies.ecsTaskExecutionPolicy(context.partition)]))
        }
    }

    private func appContainer(_ service: ServiceSpec, _ ecs: ECSServiceSpec) -> ContainerDefinition {
        var container = ContainerDefinition(name: service.name, image: ecs.image.description)
        container.cpu = ecs.cpu
        container.memory = ecs.memory
        container.memoryReservation = ecs.memoryReservation
        container.command = ecs.command
        if let port = ecs.port {
            let hostPort: Int? = switch ecs.networkMode {
            case .bridge: ecs.hostPort ?? 0
            case .awsvpc: ecs.hostPort
            case .host: port
            }
            container.portMappings = [PortMapping(containerPort: port, hostPort: hostPort, protocol: "tcp")]
        }
        var environment = ecs.environment
        let agentName = AgentContainer.name(for: context.model.agent.kind)
        if let address = daemonAddress(service.platform, ecs.networkMode, agentName: agentName) {
            environment["AWS_XRAY_DAEMON_ADDRESS"] = "\(address):\(ModelReader.agentPort)"
            if context.model.agent.kind != .xrayDaemon {
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://\(address):4317"
            }
        }
        if !environment.isEmpty {
            container.environment = environment.sorted { $0.key < $1.key }.map { KeyValuePair(name: $0.key, value: $0.value) }
        }
        if service.platform != .ecsEC2Daemon {
            if ecs.networkMode == .bridge { container.links = [agentName] }
            // Start the agent first so the app's first segments are not sent into the void.
            container.dependsOn = [ContainerDependency(containerName: agentName, condition: "START")]
        }
        return container
    }

    /// Where the SDK must send segments, or nil when its default 127.0.0.1:2000 already works
    /// (awsvpc and host modes share the agent's network namespace; facts §3.1).
    private func daemonAddress(_ platform: Platform, _ mode: ECSServiceSpec.NetworkMode, agentName: String) -> String? {
        switch (platform, mode) {
        case (.ecsEC2Daemon, .bridge): return Self.bridgeGatewayAddress
        case (_, .bridge): return agentName
        default: return nil
        }
    }

    private func addDaemonService(to output: inout GeneratorOutput) {
        let agentName = AgentContainer.name(for: context.model.agent.kind)
        let family = context.prefixed(agentName)
        let roleName = family + Naming.taskRoleSuffix
        let task = TaskDefinition(
            family: family,
            containerDefinitions: [AgentContainer(context: context).container(.daemonService)],
            networkMode: "bridge",
            requiresCompatibilities: ["EC2"],
            taskRoleArn: context.roleARN(roleName),
            executionRoleArn: nil, cpu: nil, memory: nil)
        let service = CreateServiceInput(cluster: context.model.cluster, serviceName: family, taskDefinition: family)
        output.add("xray-daemon/task-definition.json", CanonicalJSON.encode(task), "the per-instance agent task (RegisterTaskDefinition input)")
        output.add("xray-daemon/service.json", CanonicalJSON.encode(service), "the DAEMON service that runs one agent on every container instance (CreateService input)")
        output.steps.append(.registerTaskDefinition(path: "xray-daemon/task-definition.json"))
        output.steps.append(.createService(path: "xray-daemon/service.json"))
        output.taskDefinitions.append(task)
        output.daemonService = service
        output.agentRoles.append(roleName)
        output.roles.append(taskRole(name: roleName, purpose: "task role of the \(agentName) DAEMON service: one agent per container instance uploads traces with it"))
    }

    private func taskRole(name: String, purpose: String) -> RolePlan {
        RolePlan(name: name, purpose: purpose,
                 trust: IAMPolicies.trust("ecs-tasks", context, ecsTaskGuard: true),
                 inlinePolicy: IAMPolicies.agentPermissions(context))
    }
}
