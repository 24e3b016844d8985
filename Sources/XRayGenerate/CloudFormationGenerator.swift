import XRayCore
import XRaySampling

/// One CloudFormation template with every resource CloudFormation can express: roles and their
/// policies, instance profiles, task definitions, the DAEMON service and sampling rules.
/// (Tracing on an existing Lambda function or API stage, and X-Ray's encryption setting, have no
/// CloudFormation resource that can change them in place; the CLI steps cover those.)
package struct CloudFormationGenerator {
    package let context: GenerationContext

    /// The template, and what it holds in words (for the README); nil when it would hold nothing.
    package func render(_ output: GeneratorOutput) -> (text: String, holds: [String])? {
        var resources: [(String, YAMLValue)] = []
        var outputs: [(String, YAMLValue)] = []
        var ids = LogicalIDs()
        var roleIDs: [String: String] = [:]

        for role in output.roles where role.otherAccount == nil {
            guard let trust = role.trust else {
                // An existing role: only the inline policy is added.
                if let policy = role.inlinePolicy {
                    let id = ids.make(role.name, "RolePolicy")
                    resources.append((id, resource("AWS::IAM::RolePolicy", [
                        ("RoleName", .string(role.name)),
                        ("PolicyName", .string("xray")),
                        ("PolicyDocument", tree(policy)),
                    ])))
                }
                continue
            }
            let id = ids.make(role.name, "Role")
            roleIDs[role.name] = id
            var properties: [(String, YAMLValue)] = [
                ("RoleName", .string(role.name)),
                ("Description", .string(String(role.purpose.prefix(1000)))),
                ("AssumeRolePolicyDocument", tree(trust)),
            ]
            if let policy = role.inlinePolicy {
                properties.append(("Policies", .list([.map([("PolicyName", .string("xray")),
                                                           ("PolicyDocument", tree(policy))])])))
            }
            if !role.managedPolicyARNs.isEmpty {
                properties.append(("ManagedPolicyArns", .list(role.managedPolicyARNs.map(substituted))))
            }
            resources.append((id, resource("AWS::IAM::Role", properties)))
            outputs.append((id + "Arn", .map([("Value", getAtt(id, "Arn"))])))
            if role.instanceProfile {
                let profileID = ids.make(role.name, "InstanceProfile")
                resources.append((profileID, resource("AWS::IAM::InstanceProfile", [
                    ("InstanceProfileName", .string(role.name)),
                    ("Roles", .list([ref(id)])),
                ])))
                outputs.append((profileID + "Name", .map([("Value", ref(profileID))])))
            }
        }

        for group in output.logGroups {
            resources.append((ids.make(group, "LogGroup"), resource("AWS::Logs::LogGroup", [
                ("LogGroupName", .string(group)),
                ("RetentionInDays", .int(context.model.logs.retentionDays)),
            ])))
        }

        var taskIDs: [String: String] = [:]
        for task in output.taskDefinitions {
            let id = ids.make(task.definition.family, "TaskDefinition")
            taskIDs[task.definition.family] = id
            resources.append((id, resource("AWS::ECS::TaskDefinition", taskProperties(task, roleIDs: roleIDs))))
            outputs.append((id + "Arn", .map([("Value", ref(id))])))
        }

        var parameters: [(String, YAMLValue)] = []
        if let service = output.daemonService, let taskID = taskIDs[service.taskDefinition] {
            parameters.append(("Cluster", .map([
                ("Type", .string("String")),
                ("Default", .string(context.model.cluster ?? "default")),
                ("Description", .string("The ECS cluster whose container instances each get one \(context.model.agent.kind.displayName)")),
            ])))
            resources.append((ids.make(service.serviceName, "Service"), resource("AWS::ECS::Service", [
                ("ServiceName", .string(service.serviceName)),
                ("Cluster", ref("Cluster")),
                ("TaskDefinition", ref(taskID)),
                ("LaunchType", .string(service.launchType)),
                ("SchedulingStrategy", .string(service.schedulingStrategy)),
            ])))
        }

        // Rules belong to the accounts whose X-Ray the agents read them from; this template is deployed in the model's own.
        for rule in output.samplingRules where context.samplingAccounts.contains(where: { $0 == nil }) {
            resources.append((ids.make(rule.SamplingRule.RuleName, "SamplingRule"), resource("AWS::XRay::SamplingRule", [
                ("SamplingRule", tree(rule.SamplingRule)),
            ])))
        }

        for association in output.podIdentityAssociations {
            guard let roleID = roleIDs[association.role] else { continue }
            resources.append((ids.make(association.cluster + "-" + association.serviceAccount, "PodIdentityAssociation"),
                              resource("AWS::EKS::PodIdentityAssociation", [
                                  ("ClusterName", .string(association.cluster)),
                                  ("Namespace", .string(association.namespace)),
                                  ("ServiceAccount", .string(association.serviceAccount)),
                                  ("RoleArn", getAtt(roleID, "Arn")),
                              ])))
        }

        if output.applicationSignals {
            resources.append((ids.make("ApplicationSignals", "Discovery"), .map([("Type", .string("AWS::ApplicationSignals::Discovery"))])))
        }

        // Transaction Search in the model's own account: the logs resource policy first, then the setting.
        if let search = output.transactionSearch, context.traceAccounts.contains(where: { $0 == nil }) {
            let generator = TransactionSearchGenerator(context: context)
            let document = generator.resourcePolicy(partition: Placeholder.partition.token, region: Placeholder.region.token,
                                                    account: Placeholder.account.token)
            let policyID = ids.make("TransactionSearchLogs", "ResourcePolicy")
            resources.append((policyID, resource("AWS::Logs::ResourcePolicy", [
                ("PolicyName", .string(generator.policyName)),
                ("PolicyDocument", substituted(CanonicalJSON.compact(document))),
            ])))
            let percentage = search.indexingPercentage
            resources.append((ids.make("TransactionSearch", "Config"), resource("AWS::XRay::TransactionSearchConfig", [
                ("IndexingPercentage", percentage.rounded() == percentage ? .int(Int(percentage)) : .double(percentage)),
            ], dependsOn: [policyID])))
        }

        guard !resources.isEmpty else { return nil }
        let types = Set(resources.compactMap { resource -> String? in
            if case .map(let pairs) = resource.1, case .string(let type)? = pairs.first(where: { $0.0 == "Type" })?.1 { return type }
            return nil
        })
        let words: [(String, String)] = [("AWS::IAM::Role", "roles"), ("AWS::IAM::RolePolicy", "policies on existing roles"),
                                         ("AWS::IAM::InstanceProfile", "instance profiles"), ("AWS::Logs::LogGroup", "log groups"),
                                         ("AWS::ECS::TaskDefinition", "task definitions"), ("AWS::ECS::Service", "the DAEMON service"),
                                         ("AWS::XRay::SamplingRule", "sampling rules"),
                                         ("AWS::Logs::ResourcePolicy", "the logs resource policy X-Ray writes spans with"),
                                         ("AWS::XRay::TransactionSearchConfig", "Transaction Search"),
                                         ("AWS::ApplicationSignals::Discovery", "Application Signals' account setup"),
                                         ("AWS::EKS::PodIdentityAssociation", "the agent's EKS Pod Identity associations")]
        let holds = words.filter { types.contains($0.0) }.map(\.1)
        var template: [(String, YAMLValue)] = [
            ("AWSTemplateFormatVersion", .string("2010-09-09")),
            ("Description", .string("X-Ray setup for \(context.model.project), generated by xrayctl \(XRayKit.version)")),
        ]
        if !parameters.isEmpty { template.append(("Parameters", .map(parameters))) }
        template.append(("Resources", .map(resources)))
        if !outputs.isEmpty { template.append(("Outputs", .map(outputs))) }
        return (YAMLWriter.render(.map(template)), holds)
    }

    /// ECS's API and CloudFormation name the same fields in camelCase and PascalCase; the roles
    /// this template creates are referenced by logical ID, so CloudFormation creates them first.
    private func taskProperties(_ task: PlannedTask, roleIDs: [String: String]) -> [(String, YAMLValue)] {
        guard case .map(let pairs) = tree(task.definition, pascalCase: true) else { return [] }
        return pairs.map { key, value in
            let role = key == "TaskRoleArn" ? task.taskRole : key == "ExecutionRoleArn" ? task.executionRole : nil
            guard let role, let id = roleIDs[role] else { return (key, value) }
            return (key, getAtt(id, "Arn"))
        }
    }

    private func resource(_ type: String, _ properties: [(String, YAMLValue)], dependsOn: [String] = []) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("Type", .string(type))]
        if !dependsOn.isEmpty { pairs.append(("DependsOn", .list(dependsOn.map(YAMLValue.string)))) }
        return .map(pairs + [("Properties", .map(properties))])
    }

    private func ref(_ id: String) -> YAMLValue { .map([("Ref", .string(id))]) }

    private func getAtt(_ id: String, _ attribute: String) -> YAMLValue {
        .map([("Fn::GetAtt", .list([.string(id), .string(attribute)]))])
    }

    /// A typed artifact as template content: its encoded tree, keys sorted as in the JSON files.
    private func tree<T: Encodable>(_ value: T, pascalCase: Bool = false) -> YAMLValue {
        convert(JSONTreeEncoder.encode(value), pascalCase: pascalCase)
    }

    /// A string as the template should hold it: the placeholders xrayctl wrote become pseudo
    /// parameters through `Fn::Sub` (so the template deploys in every partition, cfn-lint I3042),
    /// where the rest is literal and its `${` must be written `${!`. Text without a placeholder
    /// stays a plain string, whatever it holds.
    private func substituted(_ text: String) -> YAMLValue {
        let parts = Placeholder.parts(text)
        guard parts.contains(where: \.isPlaceholder) else { return .string(text) }
        return .map([("Fn::Sub", .string(parts.map { part in
            switch part {
            case .literal(let literal): literal.escapingInterpolations(as: "${!")
            case .placeholder(.partition): "${AWS::Partition}"
            case .placeholder(.account): "${AWS::AccountId}"
            case .placeholder(.region): "${AWS::Region}"
            }
        }.joined()))])
    }

    /// Strings go through `substituted` (partition and account become pseudo parameters); a whole
    /// double is written as an integer, as in the JSON files.
    private func convert(_ value: JSONValue, pascalCase: Bool) -> YAMLValue {
        switch value {
        case .object(let members):
            return .map(members.sorted { $0.key < $1.key }.map { key, member in
                // A log driver's options are the driver's own names (`awslogs-group`), kept as written.
                let inner = pascalCase && key != "options"
                return (pascalCase ? key.prefix(1).uppercased() + key.dropFirst() : key, convert(member, pascalCase: inner))
            })
        case .array(let items): return .list(items.map { convert($0, pascalCase: pascalCase) })
        case .string(let text): return substituted(text)
        case .int(let number): return .int(number)
        case .double(let number): return number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .string("null")
        }
    }
}

/// CloudFormation logical IDs (alphanumeric) made from resource names, unique within a template.
package struct LogicalIDs {
    private var used: Set<String> = []

    package mutating func make(_ name: String, _ suffix: String) -> String {
        let words = name.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let camel = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        // "scorekeep-api-task-role" + "Role" reads as ScorekeepApiTaskRole, not …TaskRoleRole.
        let base = camel.hasSuffix(suffix) ? camel : camel + suffix
        var id = base
        var counter = 2
        while used.contains(id) {
            id = "\(base)\(counter)"
            counter += 1
        }
        used.insert(id)
        return id
    }
}
