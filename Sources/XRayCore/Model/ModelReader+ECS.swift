extension ModelReader {
    /// Environment variables xrayctl sets itself, or that must never be in a task definition.
    package static let reservedEnvironment: [String: String] = [
        "AWS_XRAY_DAEMON_ADDRESS": "xrayctl sets AWS_XRAY_DAEMON_ADDRESS to fit the network mode; remove it",
        "AWS_ACCESS_KEY_ID": "access keys in a task definition are readable by anyone who can describe it; the task role gives the containers credentials",
        "AWS_SECRET_ACCESS_KEY": "access keys in a task definition are readable by anyone who can describe it; the task role gives the containers credentials",
        "AWS_SESSION_TOKEN": "access keys in a task definition are readable by anyone who can describe it; the task role gives the containers credentials",
    ]

    /// The agent's port: the SDKs' default for both segments (UDP) and sampling (TCP).
    package static let agentPort = 2000

    package func ecs(_ fields: NodeReader.Fields, platform: Platform, partition: Partition, agent: AgentSpec?) -> ECSServiceSpec? {
        let appImage = reader.required(fields, "image", "an ECS service").flatMap { self.image($0, "image") }
        let mode = networkMode(fields, platform: platform)
        let cpu = fields["cpu"].flatMap { reader.int($0, "cpu", in: 0...196_608) }
        let memory = fields["memory"].flatMap { reader.int($0, "memory", in: 6...983_040) }
        let reservation = fields["memory_reservation"].flatMap { reader.int($0, "memory_reservation", in: 6...983_040) }
        if let memory, let reservation, let node = fields["memory_reservation"], reservation >= memory {
            reader.error(node, "memory_reservation (\(reservation)) must be lower than memory (\(memory)): memory is the hard limit")
        }
        if platform != .ecsFargate && memory == nil && reservation == nil {
            reader.error(fields.node, "on ECS with EC2 every container needs memory or memory_reservation (the task sets no memory); add memory_reservation")
        }
        let (port, hostPort) = ports(fields, platform: platform, mode: mode)
        let environment = self.environment(fields["environment"])
        let command = fields["command"].flatMap { reader.stringList($0, "command") }

        // In the daemon topology the agent runs in its own task, so the app's role needs no X-Ray access.
        let sidecar = platform != .ecsEC2Daemon
        let taskRole = roleChoice(fields["task_role"], "task_role", partition: partition,
                                  default: sidecar ? .generate : .none, allowNone: !sidecar)
        let executionRole = roleChoice(fields["execution_role"], "execution_role", partition: partition,
                                       default: platform == .ecsFargate ? .generate : .none, allowNone: true)
        let taskSize = platform == .ecsFargate
            ? fargateSize(fields, appCPU: cpu ?? 0, appMemory: memory ?? reservation ?? 512, agent: agent) : nil

        guard let appImage, let mode, let environment else { return nil }
        if platform == .ecsFargate && taskSize == nil { return nil }
        return ECSServiceSpec(image: appImage, networkMode: mode, cpu: cpu, memory: memory, memoryReservation: reservation,
                              port: port, hostPort: hostPort, environment: environment, command: command,
                              taskRole: taskRole, executionRole: executionRole, taskSize: taskSize)
    }

    private func networkMode(_ fields: NodeReader.Fields, platform: Platform) -> ECSServiceSpec.NetworkMode? {
        let fallback: ECSServiceSpec.NetworkMode = platform == .ecsFargate ? .awsvpc : .bridge
        guard let node = fields["network_mode"] else { return fallback }
        guard let text = reader.choice(node, "network_mode", from: ECSServiceSpec.NetworkMode.allCases.map(\.rawValue)),
              let mode = ECSServiceSpec.NetworkMode(rawValue: text) else { return nil }
        if platform == .ecsFargate && mode != .awsvpc {
            reader.error(node, "Fargate tasks run in awsvpc network mode only; remove network_mode or set it to awsvpc")
            return nil
        }
        if platform == .ecsEC2Daemon && mode == .awsvpc {
            reader.error(node, "an awsvpc task has its own network interface, so it cannot reach the X-Ray daemon that the DAEMON service runs on the host (neither through 127.0.0.1 nor the Docker bridge); use platform ecs-ec2-sidecar for awsvpc tasks (the agent then shares the task's network and the SDK default 127.0.0.1:2000 works), or network_mode bridge")
            return nil
        }
        return mode
    }

    private func ports(_ fields: NodeReader.Fields, platform: Platform,
                       mode: ECSServiceSpec.NetworkMode?) -> (Int?, Int?) {
        let port = fields["port"].flatMap { reader.int($0, "port", in: 1...65535) }
        let hostPort = fields["host_port"].flatMap { reader.int($0, "host_port", in: 0...65535) }
        if let hostNode = fields["host_port"] {
            if port == nil && fields["port"] == nil {
                reader.error(hostNode, "host_port needs port (the container port it maps to)")
            } else if let mode, mode != .bridge, let hostPort, let port, hostPort != port {
                reader.error(hostNode, "in \(mode.rawValue) mode the host port must equal the container port (\(port)); remove host_port")
            }
        }
        // The agent owns port 2000 in the task's network namespace (sidecar awsvpc/host) or on the host.
        let sharesAgentNamespace = platform != .ecsEC2Daemon && mode != .bridge
        if sharesAgentNamespace, port == Self.agentPort, let node = fields["port"] {
            reader.error(node, "port 2000 is the X-Ray agent's port, and in \(mode!.rawValue) mode the app shares its network; choose another port")
        }
        if (platform == .ecsEC2Daemon || mode == .host), (mode == .host ? port : hostPort) == Self.agentPort,
           let node = fields["host_port"] ?? fields["port"] {
            reader.error(node, "host port 2000 is taken by the X-Ray agent on every instance; choose another port")
        }
        return (port, hostPort)
    }

    private func environment(_ node: LocatedNode?) -> [String: String]? {
        guard let node else { return [:] }
        guard let map = reader.stringMap(node, "environment") else { return nil }
        var environment: [String: String] = [:]
        for (name, (value, keyNode)) in map {
            if let reason = Self.reservedEnvironment[name] {
                reader.error(keyNode, reason)
            } else if !(name.first.map { $0 == "_" || $0.isLetter } ?? false)
                        || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                reader.error(keyNode, "environment variable name '\(name)' must be letters, digits and underscores")
            } else {
                environment[name] = value
            }
        }
        return environment
    }

    /// The task size: given explicitly (and checked), or the smallest valid one for app + agent.
    private func fargateSize(_ fields: NodeReader.Fields, appCPU: Int, appMemory: Int, agent: AgentSpec?) -> FargateTaskSize? {
        let needCPU = appCPU + (agent?.cpu ?? 0)
        let needMemory = appMemory + (agent?.memoryReservation ?? 0)
        let cpuNode = fields["task_cpu"], memoryNode = fields["task_memory"]
        guard cpuNode != nil || memoryNode != nil else {
            if let size = FargateTaskSize.smallest(fitting: needCPU, memory: needMemory) {
                return size
            }
            reader.error(fields.node, "no Fargate task size fits \(needCPU) CPU units and \(needMemory) MiB for app + agent")
            return nil
        }
        guard let cpuNode, let memoryNode else {
            reader.error(fields.node, "set task_cpu and task_memory together, or neither (xrayctl then picks the smallest size that fits)")
            return nil
        }
        guard let cpu = reader.int(cpuNode, "task_cpu", in: 1...16384),
              let memory = reader.int(memoryNode, "task_memory", in: 1...122_880) else { return nil }
        guard let valid = FargateTaskSize.validMemory(forCPU: cpu) else {
            let list = FargateTaskSize.validCPUs.map(String.init).joined(separator: ", ")
            reader.error(cpuNode, "Fargate does not offer task_cpu \(cpu); valid values are \(list)")
            return nil
        }
        guard valid.contains(memory) else {
            let list = valid.map(String.init).joined(separator: ", ")
            reader.error(memoryNode, "Fargate does not offer \(memory) MiB with task_cpu \(cpu); valid task_memory values for \(cpu) are \(list)")
            return nil
        }
        if cpu < needCPU {
            reader.error(cpuNode, "task_cpu \(cpu) is less than app + agent need (\(needCPU))")
        }
        if memory < needMemory {
            reader.error(memoryNode, "task_memory \(memory) MiB is less than app + agent need (\(needMemory) MiB)")
        }
        return FargateTaskSize(cpu: cpu, memory: memory)
    }
}
