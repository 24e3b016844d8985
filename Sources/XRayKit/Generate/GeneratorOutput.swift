/// What a platform generator contributes: files, roles (written as IAM files by `Generator`),
/// the steps that apply them, and notes for the output README.
struct GeneratorOutput {
    var files: [GeneratedFile] = []
    var roles: [RolePlan] = []
    var steps: [DeployStep] = []
    var notes: [String] = []
    /// Roles an agent signs with; a cross-account target role must trust them.
    var agentRoles: [String] = []
    /// Typed artifacts the CloudFormation template is built from.
    var taskDefinitions: [PlannedTask] = []
    var daemonService: CreateServiceInput?
    var samplingRules: [CreateSamplingRuleInput] = []
    /// CloudWatch Logs groups the containers write to, created before the tasks run.
    var logGroups: [String] = []
    /// Transaction Search, turned on by this setup (the template holds it for the model's account).
    var transactionSearch: TransactionSearchSpec?
    /// Application Signals' account setup (the template holds AWS::ApplicationSignals::Discovery).
    var applicationSignals = false
    /// EKS Pod Identity associations of the agent's ServiceAccount (the template holds them).
    var podIdentityAssociations: [PodIdentityAssociation] = []

    mutating func append(_ other: GeneratorOutput) {
        files += other.files
        roles += other.roles
        steps += other.steps
        notes += other.notes
        agentRoles += other.agentRoles
        taskDefinitions += other.taskDefinitions
        daemonService = daemonService ?? other.daemonService
        samplingRules += other.samplingRules
        logGroups += other.logGroups.filter { !logGroups.contains($0) }
        transactionSearch = transactionSearch ?? other.transactionSearch
        applicationSignals = applicationSignals || other.applicationSignals
        podIdentityAssociations += other.podIdentityAssociations
    }

    mutating func add(_ path: String, _ contents: String, _ summary: String) {
        files.append(GeneratedFile(path, contents, summary: summary))
    }
}

/// A task definition with the roles this setup creates for it, by name (nil: an existing role or
/// none), so the template can reference them instead of reading names back out of ARNs.
struct PlannedTask {
    var definition: TaskDefinition
    var taskRole: String?
    var executionRole: String?
}
