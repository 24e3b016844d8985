import XRayCore
import XRaySampling

/// How the roles of a run are used, found from the references to them.
package struct RoleUse {
    package enum Kind: Equatable {
        /// The task role of a task that runs an agent: the agent signs with it.
        case agentTaskRole
        case taskRole
        case executionRole
        case lambda
        case instanceProfile
        case stateMachine
    }

    package var kind: Kind
    package var role: RoleView
    /// The reference to the role (`taskRoleArn`, `Role`, …), where findings land.
    package var reference: LocatedNode
    package var task: TaskDefinitionView?
}

extension LintRun {
    package static func roleUses(tasks taskDefinitions: [TaskDefinitionView], functions: [FunctionView], templates: [TemplateView],
                         index: RoleIndex) -> [RoleUse] {
        func role(_ reference: LocatedNode?, in template: TemplateView?) -> RoleView? { index.role(reference, in: template) }
        var uses: [RoleUse] = []
        for task in taskDefinitions {
            if let reference = task.taskRole, let role = role(reference, in: task.template) {
                uses.append(RoleUse(kind: task.agents.isEmpty ? .taskRole : .agentTaskRole, role: role, reference: reference, task: task))
            }
            if let reference = task.executionRole, let role = role(reference, in: task.template) {
                uses.append(RoleUse(kind: .executionRole, role: role, reference: reference, task: task))
            }
        }
        for function in functions {
            if let reference = function.roleReference, let role = role(reference, in: function.template) {
                uses.append(RoleUse(kind: .lambda, role: role, reference: reference))
            }
        }
        for template in templates {
            for profile in template.resources(ofType: "AWS::IAM::InstanceProfile") {
                for reference in profile.properties?["Roles"]?.items ?? [] {
                    if let role = role(reference, in: template) { uses.append(RoleUse(kind: .instanceProfile, role: role, reference: reference)) }
                }
            }
            for machine in template.resources(ofType: "AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine") {
                let reference = machine.properties?["RoleArn"] ?? machine.properties?["Role"]
                if let reference, let role = role(reference, in: template) {
                    uses.append(RoleUse(kind: .stateMachine, role: role, reference: reference))
                }
            }
        }
        return uses
    }

    /// Roles whose trust policy names a workload service: they run application code or agents.
    package static func workloadRoles(_ roles: [RoleView]) -> [RoleView] {
        roles.filter { role in
            role.trustedServices.contains { ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com", "ec2.amazonaws.com", "ec2.amazonaws.com.cn"].contains($0) }
        }
    }
}

extension RoleView {
    package var displayName: String { name ?? logicalID ?? "the role" }

    /// Identity for de-duplicating the same role reached through several references.
    package var identity: String { "\(document.path)#\(anchor.pointer)#\(name ?? "")" }
}

extension LintRun {
    /// Roles an agent uploads with: task roles of tasks that run an agent, unless the agent
    /// assumes a cross-account role (XR210 checks those).
    package static func agentRoleUses(_ roleUses: [RoleUse]) -> [RoleUse] {
        var seen = Set<String>()
        return roleUses.filter { use in
            guard use.kind == .agentTaskRole, let task = use.task,
                  !task.agents.contains(where: { $0.flags["role-arn"] != nil }) else { return false }
            return seen.insert(use.role.identity + use.reference.pointer + use.reference.location.description).inserted
        }
    }
}
