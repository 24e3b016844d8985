/// ECS `RegisterTaskDefinition` input (camelCase, as the API and `--cli-input-json` take it).
public struct TaskDefinition: Encodable, Hashable, Sendable {
    public var family: String
    public var containerDefinitions: [ContainerDefinition]
    public var networkMode: String
    public var requiresCompatibilities: [String]
    public var taskRoleArn: String?
    public var executionRoleArn: String?
    /// Task-level size, as strings (the API's type); Fargate only here.
    public var cpu: String?
    public var memory: String?
    /// Task-level volumes; here only the bind-mount volume the ADOT SDK agent is copied into.
    public var volumes: [Volume]?

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(family: String, containerDefinitions: [ContainerDefinition], networkMode: String, requiresCompatibilities: [String], taskRoleArn: String? = nil, executionRoleArn: String? = nil, cpu: String? = nil, memory: String? = nil, volumes: [Volume]? = nil) {
        self.family = family
        self.containerDefinitions = containerDefinitions
        self.networkMode = networkMode
        self.requiresCompatibilities = requiresCompatibilities
        self.taskRoleArn = taskRoleArn
        self.executionRoleArn = executionRoleArn
        self.cpu = cpu
        self.memory = memory
        self.volumes = volumes
    }
}

/// A task volume with no host path: ECS gives it an empty directory the task's containers share.
public struct Volume: Encodable, Hashable, Sendable {
    public var name: String

    package init(name: String) { self.name = name }
}

public struct MountPoint: Encodable, Hashable, Sendable {
    public var sourceVolume: String
    public var containerPath: String
    public var readOnly: Bool

    package init(sourceVolume: String, containerPath: String, readOnly: Bool) {
        self.sourceVolume = sourceVolume
        self.containerPath = containerPath
        self.readOnly = readOnly
    }
}

/// A container health check in exec form (`CMD`), which needs no shell in the image.
public struct HealthCheck: Encodable, Hashable, Sendable {
    public var command: [String]
    public var interval: Int
    public var timeout: Int
    public var retries: Int
    public var startPeriod: Int

    package init(command: [String], interval: Int, timeout: Int, retries: Int, startPeriod: Int) {
        self.command = command
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
    }
}

public struct ContainerDefinition: Encodable, Hashable, Sendable {
    public var name: String
    public var image: String
    public var essential = true
    public var cpu: Int?
    public var memory: Int?
    public var memoryReservation: Int?
    public var portMappings: [PortMapping]?
    public var links: [String]?
    public var environment: [KeyValuePair]?
    public var command: [String]?
    public var mountPoints: [MountPoint]?
    public var healthCheck: HealthCheck?
    public var dependsOn: [ContainerDependency]?
    public var logConfiguration: LogConfiguration?
    public var firelensConfiguration: FirelensConfiguration?

    public init(name: String, image: String) {
        self.name = name
        self.image = image
    }
}

/// Where a container's output goes: `awslogs` straight to CloudWatch Logs, or `awsfirelens`
/// through the task's FireLens log router.
public struct LogConfiguration: Encodable, Hashable, Sendable {
    public var logDriver: String
    public var options: [String: String]

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(logDriver: String, options: [String: String]) {
        self.logDriver = logDriver
        self.options = options
    }
}

public struct FirelensConfiguration: Encodable, Hashable, Sendable {
    public var type = "fluentbit"

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(type: String = "fluentbit") {
        self.type = type
    }
}

public struct PortMapping: Encodable, Hashable, Sendable {
    public var containerPort: Int
    /// Absent in awsvpc mode; 0 in bridge mode means a dynamic host port.
    public var hostPort: Int?
    public var `protocol`: String

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(containerPort: Int, hostPort: Int? = nil, `protocol`: String) {
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.protocol = `protocol`
    }
}

public struct KeyValuePair: Encodable, Hashable, Sendable {
    public var name: String
    public var value: String

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct ContainerDependency: Encodable, Hashable, Sendable {
    public var containerName: String
    public var condition: String

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(containerName: String, condition: String) {
        self.containerName = containerName
        self.condition = condition
    }
}

/// ECS `CreateService` input for the per-instance agent.
public struct CreateServiceInput: Encodable, Hashable, Sendable {
    public var cluster: String?
    public var serviceName: String
    public var taskDefinition: String
    public var launchType = "EC2"
    public var schedulingStrategy = "DAEMON"

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(cluster: String? = nil, serviceName: String, taskDefinition: String, launchType: String = "EC2", schedulingStrategy: String = "DAEMON") {
        self.cluster = cluster
        self.serviceName = serviceName
        self.taskDefinition = taskDefinition
        self.launchType = launchType
        self.schedulingStrategy = schedulingStrategy
    }
}
