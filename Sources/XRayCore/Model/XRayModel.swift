/// The validated contents of an `xray.yaml` file (every key is described by `xrayctl schema`).
public struct XRayModel: Sendable {
    public var project: String
    public var region: String
    /// The 12-digit account ID, when the model names one.
    public var account: String?
    public var partition: Partition
    /// The ECS cluster the DAEMON service runs in; absent means the account's default cluster.
    public var cluster: String?
    public var agent: AgentSpec
    public var encryption: EncryptionSpec?
    public var sampling: SamplingSpec?
    public var logs = LogsSpec()
    public var services: [ServiceSpec]
    /// How agents send traces, and whether Transaction Search is turned on (`traces:`).
    public var traces = TracesSpec()
    /// CloudWatch Application Signals through the CloudWatch agent (ECS services).
    public var applicationSignals = false
    /// How ECS and EKS apps get their OpenTelemetry SDK settings (`otel_config:`; OTLP agents only).
    public var otelConfig: OTelConfigMode = .env
    /// Which whole-setup infrastructure-as-code files `generate` writes (`outputs:`).
    public var outputs: Set<OutputKind> = Set(OutputKind.allCases)
    /// X-Ray groups (`groups:`), created in every account traces land in.
    public var groups: [GroupSpec] = []
    /// Who owns the account-wide settings (`account_settings:`).
    public var accountSettings = AccountSettings.managed
}

/// The settings an account has once, whatever the number of projects in it: the Default sampling
/// rule, Transaction Search (the segment destination, the indexing rule, the logs resource policy
/// for X-Ray, the `aws/spans` key) and Application Signals' discovery.
public enum AccountSettings: String, CaseIterable, Sendable {
    /// This project sets them: the CLI steps leave a setting that is on already as it is, and the
    /// template and Terraform hold them apart, in `account/`, applied once per account.
    case managed
    /// Another project or team sets them: the steps only check them and say what this model expects.
    case external
}

/// An X-Ray group: the traces a filter expression selects, with X-Ray Insights and its notifications.
public struct GroupSpec: Sendable {
    /// With the project prefix.
    public var name: String
    public var filterExpression: String
    public var insights: Bool
    /// Insights notifications (EventBridge events); only with insights.
    public var notifications: Bool
    public var location: SourceLocation
}

/// A whole-setup infrastructure-as-code format.
public enum OutputKind: String, CaseIterable, Sendable {
    /// `cloudformation.yaml`
    case cloudformation
    /// `terraform/*.tf`
    case terraform
}

/// `traces:` — where the agents send traces after the X-Ray daemon's end of support.
public struct TracesSpec: Sendable {
    public enum Export: String, CaseIterable, Sendable {
        /// The agents call PutTraceSegments (every agent kind).
        case xrayAPI = "xray-api"
        /// The agents send OTLP to `https://xray.REGION.amazonaws.com/v1/traces` (ADOT, CloudWatch agent);
        /// X-Ray accepts it only with Transaction Search on.
        case otlp
    }

    public var export: Export = .xrayAPI
    /// Transaction Search: spans go to CloudWatch Logs (`aws/spans`), this percentage is indexed.
    public var transactionSearch: TransactionSearchSpec?

    public init() {}
}

public struct TransactionSearchSpec: Sendable {
    /// The share of spans indexed as trace summaries (UpdateIndexingRule's DesiredSamplingPercentage, 0–100).
    public var indexingPercentage: Double
    public var location: SourceLocation?
}

/// Where ECS containers send their output (`logs:`): every container gets a log configuration
/// unless the model turns it off.
public struct LogsSpec: Sendable {
    public enum Driver: String, CaseIterable, Sendable { case awslogs, firelens, none }

    /// The retention periods CloudWatch Logs accepts (PutRetentionPolicy).
    public static let retentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
                                       2557, 2922, 3288, 3653]

    public var driver: Driver = .awslogs
    public var retentionDays = 30
    /// Log groups are `PREFIX/SERVICE`; nil means `/ecs/PROJECT`.
    public var groupPrefix: String?
    /// The Fluent Bit image of the FireLens log router (required with `firelens`).
    public var routerImage: ImageReference?

    public init() {}

    public func group(project: String, service: String) -> String {
        (groupPrefix ?? "/ecs/\(project)") + "/" + service
    }
}

/// What receives segments from the SDKs.
public struct AgentSpec: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case xrayDaemon = "xray-daemon"
        case adot
        case cloudwatchAgent = "cloudwatch-agent"

        /// The agent's name in prose ("the ADOT collector"); the raw value is the model's word for it.
        public var displayName: String { profile.displayName }

        /// The image used when the model names none: always a pinned version.
        public var defaultImage: String { profile.defaultImage }
    }

    public static let logLevels = ["dev", "debug", "info", "warn", "error", "prod"]

    public var kind: Kind
    public var image: ImageReference
    public var cpu: Int
    public var memoryReservation: Int
    /// The daemon's `-m` buffer in MB. Set explicitly because the default (1% of the memory the
    /// daemon sees) is the whole host's memory inside a container (docs/xray-facts.md §1.7).
    public var bufferMB: Int
    public var logLevel: String
    public var crossAccountRole: ARN?
    /// Where `cross_account_role` is written, for messages about it.
    public var crossAccountLocation: SourceLocation?
    /// The Kubernetes namespace of the agent's DaemonSet (EKS).
    public var namespace = AgentSpec.defaultNamespace

    public static let defaultNamespace = "xray-system"
    /// The namespaces EKS add-ons install their agents into: Amazon CloudWatch Observability
    /// (`cloudwatch-agent` and more in `amazon-cloudwatch`) and ADOT (the operator in
    /// `opentelemetry-operator-system`). EKS User Guide, "Amazon CloudWatch Observability agent" and
    /// "AWS Distro for OpenTelemetry" add-on pages.
    public static let addOnNamespaces = ["amazon-cloudwatch": "amazon-cloudwatch-observability", "opentelemetry-operator-system": "adot"]

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(kind: Kind, image: ImageReference, cpu: Int, memoryReservation: Int, bufferMB: Int, logLevel: String,
                 crossAccountRole: ARN? = nil, crossAccountLocation: SourceLocation? = nil, namespace: String = AgentSpec.defaultNamespace) {
        self.kind = kind
        self.image = image
        self.cpu = cpu
        self.memoryReservation = memoryReservation
        self.bufferMB = bufferMB
        self.logLevel = logLevel
        self.crossAccountRole = crossAccountRole
        self.crossAccountLocation = crossAccountLocation
        self.namespace = namespace
    }
}

public struct EncryptionSpec: Sendable {
    public var kmsKey: String
    public var location: SourceLocation?
}

public struct SamplingSpec: Sendable {
    public var defaultReservoir: Int
    public var defaultRate: Double
    public var rules: [SamplingRuleSpec]
}

public struct SamplingRuleSpec: Sendable {
    public var name: String
    public var priority: Int
    public var reservoir: Int
    public var rate: Double
    public var service: String
    public var serviceType: String
    public var host: String
    public var method: String
    public var path: String
    /// Adaptive sampling: how far X-Ray may raise the rate on anomalies (docs/xray-facts.md §6.6).
    public var boost: SamplingBoostSpec? = nil
    public var location: SourceLocation
}

/// `SamplingRateBoost`: X-Ray raises the rule's rate up to `maxRate` when the SDKs report
/// anomalies, at most one boost per `cooldownMinutes` window.
public struct SamplingBoostSpec: Sendable, Hashable {
    public var maxRate: Double
    public var cooldownMinutes: Int
}

/// Where a service runs; decides which artifacts are generated for it.
public enum Platform: String, CaseIterable, Sendable {
    case elasticBeanstalk = "elastic-beanstalk"
    case ecsEC2Daemon = "ecs-ec2-daemon"
    case ecsEC2Sidecar = "ecs-ec2-sidecar"
    case ecsFargate = "ecs-fargate"
    case lambda
    case apiGateway = "api-gateway"
    case ec2
    case eks

    public var isECS: Bool { [.ecsEC2Daemon, .ecsEC2Sidecar, .ecsFargate].contains(self) }
}

/// A role the setup either creates or is handed.
public enum RoleChoice: Sendable, Equatable {
    case generate
    case existing(ARN)
    case none
    /// The resource's current role, looked up when the setup is applied (a Lambda function's).
    case keep
}

public struct ServiceSpec: Sendable {
    public var name: String
    public var platform: Platform
    public var location: SourceLocation
    public var language: String?
    public var source: String?
    public var target: Target
    /// Where `language:` is written, for messages about it.
    public var languageLocation: SourceLocation? = nil

    public enum Target: Sendable {
        case ecs(ECSServiceSpec)
        case elasticBeanstalk(BeanstalkServiceSpec)
        case lambda(LambdaServiceSpec)
        case apiGateway(APIGatewayServiceSpec)
        case ec2(EC2ServiceSpec)
        case eks(EKSServiceSpec)
    }

    public static let languages = ["java", "python", "node", "go", "dotnet", "ruby"]

    /// The EKS spec of an `eks` service.
    public var eks: EKSServiceSpec? {
        if case .eks(let spec) = target { return spec }
        return nil
    }
}

extension Array where Element == ServiceSpec {
    /// The EKS services, with their specs: they share one agent DaemonSet and its role.
    package var eks: [(service: ServiceSpec, spec: EKSServiceSpec)] {
        compactMap { service in service.eks.map { (service, $0) } }
    }
}

public struct ECSServiceSpec: Sendable {
    public enum NetworkMode: String, CaseIterable, Sendable { case bridge, awsvpc, host }

    public var image: ImageReference
    public var networkMode: NetworkMode
    public var cpu: Int?
    public var memory: Int?
    public var memoryReservation: Int?
    public var port: Int?
    public var hostPort: Int?
    public var environment: [String: String]
    public var command: [String]?
    public var taskRole: RoleChoice
    public var executionRole: RoleChoice
    /// Fargate only: the task size. Absent values are derived from app + agent.
    public var taskSize: FargateTaskSize?
}

public struct BeanstalkServiceSpec: Sendable {
    public static let defaultInstanceProfile = "aws-elasticbeanstalk-ec2-role"
    public var instanceProfile: String
    public var ebPlatform: String?
    public var daemonLogLevel: String?
    public var daemonBufferMB: Int?
    public var customisesDaemon: Bool { daemonLogLevel != nil || daemonBufferMB != nil }
}

public struct LambdaServiceSpec: Sendable {
    public enum Instrumentation: String, CaseIterable, Sendable {
        /// Active tracing (TracingConfig), with the X-Ray SDK in the code if any.
        case xraySDK = "xray-sdk"
        /// The AWS OpenTelemetry distro layer and its wrapper (Application Signals), plus active tracing.
        case adot
    }

    public var functionName: String
    public var role: RoleChoice
    public var instrumentation: Instrumentation = .xraySDK
    /// The distro layer version the model names (`adot_layer`); xrayctl never picks a version itself.
    public var adotLayer: String?
}

public struct APIGatewayServiceSpec: Sendable {
    public var restAPIID: String
    public var stage: String
}

public struct EC2ServiceSpec: Sendable {
    public enum OperatingSystem: String, CaseIterable, Sendable {
        case amazonLinux2023 = "amazon-linux-2023"
        case amazonLinux2 = "amazon-linux-2"
        case ubuntu
        case debian
        case rhel
    }
    public var os: OperatingSystem
    public var instanceRole: RoleChoice
}

/// An app on EKS: the agent runs once per node as a DaemonSet; the app's Deployment is patched to
/// send to it, and the agent's ServiceAccount gets its role through Pod Identity or IRSA.
public struct EKSServiceSpec: Sendable {
    public enum Identity: String, CaseIterable, Sendable {
        /// An EKS Pod Identity association (the cluster runs the eks-pod-identity-agent add-on).
        case podIdentity = "pod-identity"
        /// IAM roles for service accounts: the cluster's OIDC provider and a role annotation.
        case irsa
    }

    public var cluster: String
    /// The app's namespace.
    public var namespace: String
    /// The app's Deployment, which gets the patch.
    public var deployment: String
    /// The container in the Deployment that gets the variables (strategic merge matches it by name).
    public var container: String
    public var identity: Identity
    /// `oidc.eks.REGION.amazonaws.com/id/ID`, without the scheme (IRSA only).
    public var oidcProvider: String?
}
