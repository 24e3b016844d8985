import XRayCore
import XRaySampling

/// What a setup is made of: the resources it creates or changes (each emitter renders these), the
/// files used as they are, and notes for the output README. Platform generators each make one and
/// `Generator.plan` joins them.
package struct Setup {
    package var resources: [SetupResource] = []
    package var files: [GeneratedFile] = []
    package var notes: [String] = []
    /// Roles as each part asks for them; `Generator.plan` merges them (`RoleMerging`) into `.role` resources.
    package var roles: [RolePlan] = []
    /// Roles an agent signs with; a cross-account target role must trust them.
    package var agentRoles: [String] = []
    /// Log groups already in `resources`: tasks of one setup share them, created once.
    private var logGroups: Set<String> = []
    /// The plan with placeholders exists for the template and Terraform, which read only its
    /// resources: its files are not written (encoding them cost as much again).
    private let keepsFiles: Bool

    package init(_ context: GenerationContext) {
        keepsFiles = !context.placeholders
    }

    package mutating func append(_ other: Setup) {
        for resource in other.resources { add(resource) }
        files += other.files
        notes += other.notes
        roles += other.roles
        agentRoles += other.agentRoles
    }

    package mutating func add(_ resource: SetupResource) {
        if case .logGroup(let name, _) = resource, !logGroups.insert(name).inserted { return }
        resources.append(resource)
    }

    package mutating func add(_ path: String, _ contents: @autoclosure () -> String, _ summary: @autoclosure () -> String) {
        guard keepsFiles else { return }
        files.append(GeneratedFile(path, contents(), summary: summary()))
    }

    /// One emitter's single pass: `emit` answers for each resource in order, `take` keeps each
    /// rendering, and what it could not express remains for the CLI. Resources outside `scope` are
    /// another output's (the project's or the account's) and neither rendered nor remaining here.
    package func render<Rendering>(_ scope: OutputScope = .project, _ emit: (SetupResource) -> Emitted<Rendering>,
                                   into take: (Rendering) -> Void) -> Remaining {
        var remaining = Remaining()
        for (index, resource) in resources.enumerated() where scope.holds(resource) {
            switch emit(resource) {
            case .rendered(let rendering):
                take(rendering)
            case .notExpressible(let reason):
                remaining.indices.insert(index)
                remaining.reasons.append(reason)
            }
        }
        return remaining
    }
}

/// A task definition with the roles this setup creates for it, by name (nil: an existing role or
/// none), so the template can reference them instead of reading names back out of ARNs.
package struct PlannedTask {
    package var definition: TaskDefinition
    package var taskRole: String?
    package var executionRole: String?
    /// Where its `RegisterTaskDefinition` input is written.
    package var path: String
}

/// An emitter's answer for one resource: how it renders it, or why it cannot. The answers are what
/// the README says each output holds and which steps remain after it.
package enum Emitted<Rendering> {
    case rendered(Rendering)
    case notExpressible(String)
}

/// Which of the two whole-setup outputs a template or Terraform configuration is: the project's,
/// or the account's (`account/`): the settings an account has once, applied once per account so
/// that two projects in one account do not fight over them.
package enum OutputScope {
    case project, account

    package func holds(_ resource: SetupResource) -> Bool {
        resource.isAccountWide == (self == .account)
    }

    /// Where its files go, before `cloudformation.yaml` and `terraform/`.
    package var prefix: String { self == .account ? "account/" : "" }
}

/// What the CLI steps do after an output holding the resources it could: every resource it could
/// not, in the steps' order.
package struct Remaining {
    /// Indices into the setup's resources.
    package var indices: Set<Int> = []
    /// Why each was left out, in words (tests read them; the README shows only the steps).
    package var reasons: [String] = []
}

/// Where a resource stands in the template and in the Terraform configuration, in this order:
/// roles first (what follows references them), then one section per kind.
package enum TemplateSection: Int, CaseIterable {
    case roles, logGroups, taskDefinitions, daemonService, samplingRules, groups, podIdentity, applicationSignals, transactionSearch
}
