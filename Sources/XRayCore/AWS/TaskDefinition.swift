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
}

public struct FirelensConfiguration: Encodable, Hashable, Sendable {
    public var type = "fluentbit"
}

public struct PortMapping: Encodable, Hashable, Sendable {
    public var containerPort: Int
    /// Absent in awsvpc mode; 0 in bridge mode means a dynamic host port.
    public var hostPort: Int?
    public var `protocol`: String
}

public struct KeyValuePair: Encodable, Hashable, Sendable {
    public var name: String
    public var value: String
}

public struct ContainerDependency: Encodable, Hashable, Sendable {
    public var containerName: String
    public var condition: String
}

/// ECS `CreateService` input for the per-instance agent.
public struct CreateServiceInput: Encodable, Hashable, Sendable {
    public var cluster: String?
    public var serviceName: String
    public var taskDefinition: String
    public var launchType = "EC2"
    public var schedulingStrategy = "DAEMON"
}
