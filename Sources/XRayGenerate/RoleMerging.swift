import XRayCore
import XRaySampling

/// Roles that more than one part of a setup names. A role the user names (an existing function
/// role, an instance profile) may serve several services: it gets one policy holding what each
/// needs. A name xrayctl derives, or one role named for two different uses, is a collision the
/// model must reject before anything is generated.
package enum RoleMerging {
    /// IAM role names are unique without regard to case.
    package static func key(_ plan: RolePlan) -> String { plan.name.lowercased() }

    /// Plans that may become one role: identical ones, or user-named roles of the same kind.
    package static func compatible(_ a: RolePlan, _ b: RolePlan) -> Bool {
        if a == b { return true }
        return a.namedByUser && b.namedByUser && a.trust == b.trust && a.otherAccount == b.otherAccount
            && a.instanceProfile == b.instanceProfile
    }

    /// One plan per role name, in first-seen order; statements and managed policies merged
    /// without repeats. Plans that are not `compatible` are left apart (the model rejects them).
    package static func merge(_ plans: [RolePlan]) -> [RolePlan] {
        var merged: [RolePlan] = []
        // Where each name's plans are in `merged`, so finding one is not a search of them all.
        var byKey: [String: [Int]] = [:]
        for plan in plans {
            let planKey = key(plan)
            guard let index = byKey[planKey]?.first(where: { compatible(merged[$0], plan) }) else {
                byKey[planKey, default: []].append(merged.count)
                merged.append(plan)
                continue
            }
            var role = merged[index]
            if role == plan { continue }
            if !role.purpose.contains(plan.purpose) { role.purpose += "; " + plan.purpose }
            if let extra = plan.inlinePolicy {
                var policy = role.inlinePolicy ?? PolicyDocument([])
                for statement in extra.statements where !policy.statements.contains(statement) {
                    policy.statements.append(statement)
                }
                role.inlinePolicy = policy
            }
            for arn in plan.managedPolicyARNs where !role.managedPolicyARNs.contains(arn) {
                role.managedPolicyARNs.append(arn)
            }
            merged[index] = role
        }
        return merged
    }

    /// Located errors for services whose roles or task families collide, so that `generate` and
    /// `lint` (XR004) refuse the same models.
    package static func collisions(_ model: XRayModel) -> [Diagnostic] {
        let context = GenerationContext(model: model)
        var diagnostics: [Diagnostic] = []
        var claims: [String: (plan: RolePlan, owner: String)] = [:]
        var families: [String: String] = [:]
        for service in model.services {
            let family = context.prefixed(service.name).lowercased()
            if let other = families[family] {
                diagnostics.append(.error(at: service.location, "services '\(other)' and '\(service.name)' both become '\(context.prefixed(service.name))' (task family, role and rule names); rename one"))
                continue
            }
            families[family] = service.name
            for plan in Generator.rolePlans(service, context) {
                guard let claim = claims[key(plan)] else {
                    claims[key(plan)] = (plan, "service '\(service.name)'")
                    continue
                }
                if claim.owner == "service '\(service.name)'" || compatible(claim.plan, plan) { continue }
                diagnostics.append(.error(at: service.location, "service '\(service.name)' needs the role '\(plan.name)' (\(plan.purpose)), but \(claim.owner) uses that name for another role (\(claim.plan.purpose)); give one of them another role or name"))
            }
        }
        if let target = model.agent.crossAccountRole {
            let name = (target.roleName ?? target.resource).lowercased()
            if let claim = claims[name] {
                let location = model.services.first { "service '\($0.name)'" == claim.owner }?.location
                    ?? SourceLocation(file: "xray.yaml", line: 1, column: 1)
                diagnostics.append(.error(at: location, "agent.cross_account_role names the role '\(target.roleName ?? target.resource)', which \(claim.owner) also uses (\(claim.plan.purpose)); the role in the other account needs a name of its own"))
            }
        }
        return diagnostics
    }
}
