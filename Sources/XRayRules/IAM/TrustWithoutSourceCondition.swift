import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TrustWithoutSourceCondition: LintRule {
    package static let description = RuleDescription(
        id: "XR212", name: "trust-without-source-condition", severity: .info,
        summary: "A task role's trust in `ecs-tasks.amazonaws.com` has no `aws:SourceAccount` or `aws:SourceArn` condition.",
        rationale: "Without them another account's tasks could be made to act with this role (the confused-deputy problem); ECS documents both conditions for task roles. Execution roles are left alone, since ECS assumes those itself.",
        sources: [.ecsTaskRole, .confusedDeputy],
        examples: [
            RuleExample("trust.json", """
                {"Version": "2012-10-17", "Statement": [↓{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}

                """),
            RuleExample("trust.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole",
                  "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        // Roles named only as execution roles, whether or not the reference resolves to one file.
        func names(_ references: [LocatedNode?], in task: TaskDefinitionView) -> [String] {
            references.compactMap { reference in
                run.role(reference, in: task.template)?.name
                    ?? reference?.literalText?.components(separatedBy: ":role/").last?.split(separator: "/").last.map(String.init)
            }
        }
        let executionNames = Set(run.taskDefinitions.flatMap { names([$0.executionRole], in: $0) })
        let taskNames = Set(run.taskDefinitions.flatMap { names([$0.taskRole], in: $0) })
        let kindsByRole = Dictionary(grouping: run.roleUses, by: \.role.identity).mapValues { $0.map(\.kind) }
        let executionOnly = Set(run.roles.filter { role in
            let kinds = kindsByRole[role.identity] ?? []
            let byUse = !kinds.isEmpty && kinds.allSatisfy { $0 == .executionRole }
            let byName = role.name.map { executionNames.contains($0) && !taskNames.contains($0) } ?? false
            return byUse || byName
        }.compactMap { $0.trust.map { "\($0.document.path)#\($0.node.pointer)" } })
        return run.policies.filter(\.isTrustPolicy).flatMap { policy -> [Finding] in
            guard !executionOnly.contains("\(policy.document.path)#\(policy.node.pointer)") else { return [] }
            return policy.statementNodes.compactMap { statement in
                let services = statement.field("principal")?.field("service")?.asList.compactMap(\.text) ?? []
                guard statement.field("effect")?.text == "Allow", services.contains("ecs-tasks.amazonaws.com") else { return nil }
                let keys = (statement.field("condition")?.pairs ?? []).flatMap { $0.value.pairs ?? [] }.compactMap { $0.key.text?.lowercased() }
                guard !keys.contains("aws:sourceaccount"), !keys.contains("aws:sourcearn") else { return nil }
                return finding(statement, "the trust in ecs-tasks.amazonaws.com has no aws:SourceAccount or aws:SourceArn condition (confused deputy)",
                               fix: "Add \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"ACCOUNT\"}, \"ArnLike\": {\"aws:SourceArn\": \"arn:aws:ecs:REGION:ACCOUNT:*\"}}")
            }
        }
    }
}
