import XRayCore
import XRaySampling

/// ECS task definitions, the DAEMON service and the roles they use, for all three ECS topologies.
package struct ECSGenerator {
    package let context: GenerationContext

    /// The address apps in bridge mode use to reach a per-instance agent: the Docker bridge
    /// gateway, where the DAEMON service publishes its static host ports (docs/xray-facts.md §3.2).
    package static let bridgeGatewayAddress = "172.17.0.1"

    package func generate(_ services: [(ServiceSpec, ECSServiceSpec)]) -> Setup {
        var output = Setup(context)
        if services.contains(where: { $0.0.platform == .ecsEC2Daemon }) {
            addDaemonService(to: &output)
        }
        for (service, ecs) in services {
            addService(service, ecs, to: &output)
        }
        return output
    }

    /// The roles `generate([(service, ecs)])` plans, in the same order, without building its task
    /// definition: the model reader's collision check (`RoleMerging.collisions`) reads only these,
    /// so the generation that follows does each service's work once.
    package func rolePlans(_ service: ServiceSpec, _ ecs: ECSServiceSpec) -> [RolePlan] {
        (service.platform == .ecsEC2Daemon ? [daemonRole()] : []) + serviceRoles(service, ecs).roles
    }

    private func addService(_ service: ServiceSpec, _ ecs: ECSServiceSpec, to output: inout Setup) {
        let family = context.prefixed(service.name)
        let sidecar = service.platform != .ecsEC2Daemon
        let fargate = service.platform == .ecsFargate
        let taskRoleName = family + Naming.taskRoleSuffix
        let executionRoleName = family + Naming.executionRoleSuffix

        let instrumentation = applicationSignalsInstrumentation(service)
        var containers = [appContainer(service, ecs, instrumentation: instrumentation, output: &output)]
        if sidecar {
            containers.append(AgentContainer(context: context).container(.sidecar(ecs.networkMode, fargate: fargate)))
        }
        if let instrumentation {
            containers.append(initContainer(instrumentation, fargate: fargate))
        }
        let logGroup = context.model.logs.group(project: context.model.project, service: service.name)
        containers = withLogs(containers, group: logGroup, output: &output)
        if fargate, let size = ecs.taskSize, let alone = ecs.sizeWithoutAgent(context.model.agent) {
            output.notes.append("`\(service.name)` runs as \(English.a(size.description)) Fargate task: the app alone would fit \(alone.description), and Fargate bills by task size. To keep the smaller size, give the agent less (`agent.cpu: 0` shares the app's CPU; `agent.memory_reservation: 64` suits the daemon) or set `task_cpu` and `task_memory`.")
        }
        let task = TaskDefinition(
            family: family,
            containerDefinitions: containers,
            networkMode: ecs.networkMode.rawValue,
            requiresCompatibilities: [fargate ? "FARGATE" : "EC2"],
            taskRoleArn: context.arn(ecs.taskRole, generatedName: taskRoleName),
            executionRoleArn: context.arn(ecs.executionRole, generatedName: executionRoleName),
            cpu: ecs.taskSize.map { String($0.cpu) },
            memory: ecs.taskSize.map { String($0.memory) },
            volumes: instrumentation.map { _ in [Volume(name: Self.instrumentationVolume)] })
        if context.model.otelConfig == .file && context.model.agent.kind.profile.otlp {
            let host = daemonAddress(service.platform, ecs.networkMode, agentName: context.model.agent.kind.profile.containerName) ?? "localhost"
            output.add("\(service.name)/otel-config.yaml", OTelConfigFile(service: service, agentHost: host, sampling: context.model.sampling).render(),
                       "the app's OpenTelemetry SDK configuration (otel_config: file): put it at \(OTelConfigFile.containerPath) in the image")
        }
        let path = "\(service.name)/task-definition.json"
        output.add(path, CanonicalJSON.encode(task), "task definition with the app and its tracing wiring (RegisterTaskDefinition input)")
        output.add(.taskDefinition(PlannedTask(definition: task, taskRole: ecs.taskRole == .generate ? taskRoleName : nil,
                                               executionRole: ecs.executionRole == .generate ? executionRoleName : nil, path: path)))

        let roles = serviceRoles(service, ecs)
        if let agentRole = roles.agentRole { output.agentRoles.append(agentRole) }
        output.roles += roles.roles
    }

    /// The task role (generated, or the existing one the agent signs with) and the generated
    /// execution role of one service, and the name of the role its agent signs with.
    private func serviceRoles(_ service: ServiceSpec, _ ecs: ECSServiceSpec) -> (agentRole: String?, roles: [RolePlan]) {
        let family = context.prefixed(service.name)
        let taskRoleName = family + Naming.taskRoleSuffix
        let executionRoleName = family + Naming.executionRoleSuffix
        let logGroup = context.model.logs.group(project: context.model.project, service: service.name)
        var agentRole: String?
        var roles: [RolePlan] = []
        if ecs.taskRole == .generate {
            // The agent in the task signs its uploads with the task role, never the execution role (docs/xray-facts.md §2.5).
            agentRole = taskRoleName
            roles.append(taskRole(name: taskRoleName, purpose: "task role of \(family): the \(context.agentName) sidecar uploads traces with it",
                                  logGroup: logGroup))
        } else if case .existing(let arn) = ecs.taskRole {
            // The agent signs with the task role the model names, so that role gets the agent's
            // permissions, as EC2's and Beanstalk's named roles do (and XR201 can read them).
            let name = arn.roleName ?? arn.resource
            agentRole = name
            var role = taskRole(name: name, purpose: "the existing task role of \(family): adds the permissions the \(context.agentName) signs with",
                                logGroup: logGroup)
            role.trust = nil
            role.namedByUser = true
            roles.append(role)
        }
        if ecs.executionRole == .generate {
            roles.append(RolePlan(
                name: executionRoleName,
                purpose: "execution role of \(family): ECS pulls images and writes logs with it (no X-Ray access)",
                trust: IAMPolicies.trust("ecs-tasks", context),
                managedPolicyARNs: [IAMPolicies.ecsTaskExecutionPolicy(context.partition)]))
        }
        return (agentRole, roles)
    }

    private func appContainer(_ service: ServiceSpec, _ ecs: ECSServiceSpec, instrumentation: ADOTInstrumentation?,
                              output: inout Setup) -> ContainerDefinition {
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
        // Segments (and OTel spans) carry the service's name, so a sampling rule's `service:`
        // matches it; the model's own environment wins.
        if environment["AWS_XRAY_TRACING_NAME"] == nil { environment["AWS_XRAY_TRACING_NAME"] = service.name }
        let profile = context.model.agent.kind.profile
        if profile.otlp && environment["OTEL_SERVICE_NAME"] == nil {
            environment["OTEL_SERVICE_NAME"] = service.name
        }
        let agentName = profile.containerName
        let address = daemonAddress(service.platform, ecs.networkMode, agentName: agentName)
        if let address {
            environment["AWS_XRAY_DAEMON_ADDRESS"] = "\(address):\(ModelReader.agentPort)"
        }
        if profile.otlp {
            let host = address ?? "localhost"
            if let instrumentation {
                for (name, value) in Self.applicationSignalsVariables(instrumentation, agentHost: host, existing: environment) {
                    environment[name] = value
                }
            } else if let address {
                // The agent's OTLP gRPC receiver; the protocol is named so SDKs that default to
                // http/protobuf (on 4318) do not send HTTP to the gRPC port.
                environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = environment["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? "http://\(address):4317"
                environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = environment["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "grpc"
            }
            // The agent serves X-Ray's sampling proxy on 2000/tcp at the same address as its receivers.
            let sampler = OTelAppEnvironment.sampler(language: service.language, agentHost: host, model: context.model)
            for (name, value) in OTelAppEnvironment.variables(sampler, keeping: environment) { environment[name] = value }
            output.notes.append(OTelAppEnvironment.note(service: service.name, sampler))
        }
        if context.model.otelConfig == .file && profile.otlp {
            environment = OTelConfigFile.environment(environment, generated: Set(environment.keys).subtracting(ecs.environment.keys)
                                                        .filter { $0.hasPrefix("OTEL_") })
        }
        if !environment.isEmpty {
            container.environment = environment.sorted { $0.key < $1.key }.map { KeyValuePair(name: $0.key, value: $0.value) }
        }
        var dependencies: [ContainerDependency] = []
        if service.platform != .ecsEC2Daemon {
            if ecs.networkMode == .bridge { container.links = [agentName] }
            // Start the agent first so the app's first segments are not sent into the void; wait for
            // HEALTHY where the agent has a health check.
            dependencies.append(ContainerDependency(containerName: agentName, condition: AgentContainer(context: context).readyCondition))
        }
        if let instrumentation {
            container.mountPoints = [MountPoint(sourceVolume: Self.instrumentationVolume, containerPath: instrumentation.mountPath, readOnly: false)]
            // The agent must be copied before the app starts (SUCCESS: the init container exited 0).
            dependencies.append(ContainerDependency(containerName: Self.initContainerName, condition: "SUCCESS"))
        }
        if !dependencies.isEmpty { container.dependsOn = dependencies }
        return container
    }

    /// Where the SDK must send segments, or nil when its default 127.0.0.1:2000 already works
    /// (awsvpc and host modes share the agent's network namespace; docs/xray-facts.md §3.1).
    private func daemonAddress(_ platform: Platform, _ mode: ECSServiceSpec.NetworkMode, agentName: String) -> String? {
        switch (platform, mode) {
        case (.ecsEC2Daemon, .bridge): return Self.bridgeGatewayAddress
        case (_, .bridge): return agentName
        default: return nil
        }
    }

    private func addDaemonService(to output: inout Setup) {
        let agentName = context.model.agent.kind.profile.containerName
        let family = context.prefixed(agentName)
        let roleName = family + Naming.taskRoleSuffix
        let logGroup = context.model.logs.group(project: context.model.project, service: agentName)
        let task = TaskDefinition(
            family: family,
            containerDefinitions: withLogs([AgentContainer(context: context).container(.daemonService)], group: logGroup, output: &output),
            networkMode: "bridge",
            requiresCompatibilities: ["EC2"],
            taskRoleArn: context.roleARN(roleName),
            executionRoleArn: nil, cpu: nil, memory: nil)
        let service = CreateServiceInput(cluster: context.model.cluster, serviceName: family, taskDefinition: family)
        output.add("xray-daemon/task-definition.json", CanonicalJSON.encode(task), "the per-instance agent task (RegisterTaskDefinition input)")
        output.add("xray-daemon/service.json", CanonicalJSON.encode(service), "the DAEMON service that runs one agent on every container instance (CreateService input)")
        output.add(.taskDefinition(PlannedTask(definition: task, taskRole: roleName, path: "xray-daemon/task-definition.json")))
        output.add(.daemonService(service, path: "xray-daemon/service.json"))
        output.agentRoles.append(roleName)
        output.roles.append(daemonRole())
    }

    /// The task role of the DAEMON service (`addDaemonService`).
    private func daemonRole() -> RolePlan {
        let agentName = context.model.agent.kind.profile.containerName
        return taskRole(name: context.prefixed(agentName) + Naming.taskRoleSuffix,
                        purpose: "task role of the \(agentName) DAEMON service: one agent per container instance uploads traces with it",
                        logGroup: context.model.logs.group(project: context.model.project, service: agentName))
    }

    private func taskRole(name: String, purpose: String, logGroup: String) -> RolePlan {
        var permissions = IAMPolicies.agentPermissions(context)
        if context.model.logs.driver == .firelens {
            permissions.statements.append(IAMPolicies.firelensLogs(group: logGroup, context))
        }
        // Application Signals: the agent writes metrics and spans with CloudWatchAgentServerPolicy (AWS's ECS setup).
        let managed = context.model.applicationSignals && context.model.agent.kind.profile.applicationSignals
            ? [IAMPolicies.cloudWatchAgentServerPolicy(context.partition)] : []
        return RolePlan(name: name, purpose: purpose,
                        trust: IAMPolicies.trust("ecs-tasks", context, ecsTaskGuard: true),
                        inlinePolicy: permissions, managedPolicyARNs: managed)
    }

    /// Every container of a task with its log configuration (`logs:` in the model): awslogs into
    /// the service's group, one stream prefix per container; or FireLens, through a log router
    /// added to the task. The group is created (with its retention) before the task runs.
    private func withLogs(_ containers: [ContainerDefinition], group: String, output: inout Setup) -> [ContainerDefinition] {
        let logs = context.model.logs
        guard logs.driver != .none else { return containers }
        // The Setup keeps one of each group.
        output.add(.logGroup(name: group, retentionDays: logs.retentionDays))
        func awslogs(_ prefix: String) -> LogConfiguration {
            LogConfiguration(logDriver: "awslogs", options: ["awslogs-group": group, "awslogs-region": context.model.region,
                                                             "awslogs-stream-prefix": prefix])
        }
        var result = containers
        switch logs.driver {
        case .awslogs:
            for index in result.indices { result[index].logConfiguration = awslogs(result[index].name) }
        case .firelens:
            for index in result.indices {
                result[index].logConfiguration = LogConfiguration(logDriver: "awsfirelens", options: [
                    "Name": "cloudwatch_logs", "region": context.model.region, "log_group_name": group,
                    "log_stream_prefix": result[index].name + "/", "auto_create_group": "false",
                ])
            }
            var router = ContainerDefinition(name: Self.logRouterName, image: logs.routerImage?.description ?? "")
            router.memoryReservation = 50
            router.firelensConfiguration = FirelensConfiguration()
            // The router's own output cannot go through itself.
            router.logConfiguration = awslogs(Self.logRouterName)
            result.insert(router, at: 0)
        case .none:
            break
        }
        return result
    }

    package static let logRouterName = "log-router"
}
