import XRayCore
import XRaySampling

/// What a platform generator contributes: files, roles (written as IAM files by `Generator`),
/// the steps that apply them, and notes for the output README.
package struct GeneratorOutput {
    package var files: [GeneratedFile] = []
    package var roles: [RolePlan] = []
    package var steps: [DeployStep] = []
    package var notes: [String] = []
    /// Roles an agent signs with; a cross-account target role must trust them.
    package var agentRoles: [String] = []
    /// Typed artifacts the CloudFormation template is built from.
    package var taskDefinitions: [PlannedTask] = []
    package var daemonService: CreateServiceInput?
    package var samplingRules: [CreateSamplingRuleInput] = []
    /// CloudWatch Logs groups the containers write to, created before the tasks run.
    package var logGroups: [String] = []
    /// Transaction Search, turned on by this setup (the template holds it for the model's account).
    package var transactionSearch: TransactionSearchSpec?
    /// Application Signals' account setup (the template holds AWS::ApplicationSignals::Discovery).
    package var applicationSignals = false
    /// EKS Pod Identity associations of the agent's ServiceAccount (the template holds them).
    package var podIdentityAssociations: [PodIdentityAssociation] = []

    package mutating func append(_ other: GeneratorOutput) {
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

    package mutating func add(_ path: String, _ contents: String, _ summary: String) {
        files.append(GeneratedFile(path, contents, summary: summary))
    }
}

/// A task definition with the roles this setup creates for it, by name (nil: an existing role or
/// none), so the template can reference them instead of reading names back out of ARNs.
package struct PlannedTask {
    package var definition: TaskDefinition
    package var taskRole: String?
    package var executionRole: String?
}
