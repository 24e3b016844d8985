import XRayCore
import XRaySampling

/// `terraform show -json` output (a plan, or state) read as the CloudFormation template it amounts
/// to, so every view and rule that reads templates reads plans too: each resource becomes the
/// CloudFormation resource of the same meaning, its properties the plan's own nodes (findings land
/// on them, inside `container_definitions` and policy strings too), and references Terraform
/// resolves only at apply (`task_role_arn = aws_iam_role.task.arn`) become `Fn::GetAtt`/`Ref` to the
/// resource they name, taken from the plan's `configuration`. A value unknown until apply is simply
/// absent: rules cannot prove anything about it, and say nothing false.
package enum TerraformPlan {
    /// A resource of the plan, wherever it sits among the (nested) modules.
    package struct Resource {
        package let address: String
        package let type: String
        /// `module.a.module.b` (empty at the root): references in the configuration are relative to it.
        package let module: String
        package let values: LocatedNode
        package let entry: LocatedNode
        /// Its address without instance keys (`aws_iam_role.task[0]` → `aws_iam_role.task`).
        package var configAddress: String { TerraformPlan.withoutIndexes(address) }
    }

    /// Which resource a pointer inside the plan belongs to (findings carry the address).
    package struct Address: Sendable, Hashable {
        package let pointer: String
        package let address: String
    }

    package static func isPlan(_ root: LocatedNode) -> Bool {
        root["format_version"] != nil && (root["planned_values"] != nil || root["resource_changes"] != nil || root["values"]?["root_module"] != nil)
    }

    /// What a plan amounts to: the template, each Beanstalk environment's settings as
    /// `.ebextensions` `option_settings`, and where each resource's values are.
    package struct Reading {
        package let template: LocatedNode
        package let beanstalkSettings: [LocatedNode]
        package let addresses: [Address]
    }

    /// `budget`: the plan's, which the JSON strings it holds (container definitions) draw on.
    package static func read(_ root: LocatedNode, file: String, budget: NodeBudget = NodeBudget()) -> Reading {
        let top = root["planned_values"]?["root_module"] ?? root["values"]?["root_module"]
        let resources = top.map { self.resources(in: $0, module: "") } ?? []
        let references = self.references(root["configuration"]?["root_module"], module: "")
        return assemble(resources, references: references, unknown: unknownAttributes(root), file: file, budget: budget, at: root.location)
    }

    /// The template a configuration's resources amount to, whoever read them: a plan's
    /// `planned_values` or `.tf` source (`TerraformSource`). One mapping per resource type serves both.
    /// `references`: by resource address and attribute, the resource addresses each expression names;
    /// `unknown`: by resource address, the attributes known only when Terraform runs.
    package static func assemble(_ resources: [Resource], references: [String: [String: [String]]], unknown: [String: Set<String>],
                                 file: String, budget: NodeBudget, at location: SourceLocation) -> Reading {
        // Each resource's logical ID is its address, so messages name what the user wrote; a
        // reference (which names no instance) means the first instance.
        var idByAddress: [String: String] = [:]
        for resource in resources where idByAddress[resource.configAddress] == nil {
            idByAddress[resource.configAddress] = resource.address
        }
        var builder = PlanTemplateBuilder(file: file, budget: budget, resources: resources, references: references, idByAddress: idByAddress,
                                          unknown: unknown)
        let entries = builder.translate()
        let tree = PlanTemplateBuilder.mapping([("Resources", PlanTemplateBuilder.mapping(entries, at: location, pointer: ""))], at: location, pointer: "")
        return Reading(template: tree, beanstalkSettings: beanstalkSettings(resources),
                       addresses: resources.map { Address(pointer: $0.values.pointer, address: $0.address) })
    }

    /// Elastic Beanstalk environments' `setting` blocks, each read as the `.ebextensions`
    /// `option_settings` list it amounts to (the Beanstalk rules read those).
    package static func beanstalkSettings(_ resources: [Resource]) -> [LocatedNode] {
        resources.compactMap { resource in
            guard resource.type == "aws_elastic_beanstalk_environment", let blocks = resource.values["setting"]?.items, !blocks.isEmpty else { return nil }
            let entries = blocks.map { block in
                PlanTemplateBuilder.mapping([("namespace", block["namespace"]), ("option_name", block["name"]), ("value", block["value"])].compactMap { key, node in
                    node.map { (key, $0) }
                }, at: block.location, pointer: block.pointer)
            }
            let list = PlanTemplateBuilder.sequence(entries, at: resource.values)
            return PlanTemplateBuilder.mapping([("option_settings", list)], at: resource.values.location, pointer: resource.values.pointer)
        }
    }

    package static func resources(in module: LocatedNode, module path: String) -> [Resource] {
        let own = (module["resources"]?.items ?? []).compactMap { entry -> Resource? in
            guard entry["mode"]?.text ?? "managed" == "managed", let address = entry["address"]?.text,
                  let type = entry["type"]?.text, let values = entry["values"] else { return nil }
            return Resource(address: address, type: type, module: path, values: values, entry: entry)
        }
        let children = (module["child_modules"]?.items ?? []).flatMap { child -> [Resource] in
            resources(in: child, module: child["address"]?.text.map(withoutIndexes) ?? path)
        }
        return own + children
    }

    /// Configuration references, by absolute resource address (without instance keys) and
    /// attribute: the resource addresses each expression names (through a module's input
    /// variables to what its caller passes), or `[]` when it names only what the plan cannot
    /// resolve (a data source, a module output): known after apply.
    package static func references(_ module: LocatedNode?, module path: String, inputs: [String: [String]] = [:]) -> [String: [String: [String]]] {
        guard let module else { return [:] }
        var found: [String: [String: [String]]] = [:]
        let prefix = path.isEmpty ? "" : path + "."
        func resolve(_ expression: LocatedNode) -> [String]? {
            let written = (expression["references"]?.items ?? []).compactMap(\.text)
            guard !written.isEmpty else { return nil }
            return written.flatMap { reference -> [String] in
                if reference.hasPrefix("var.") {
                    return inputs[String(reference.dropFirst(4).split(separator: ".").first ?? "")] ?? []
                }
                return resourceAddress(reference).map { [prefix + $0] } ?? []
            }
        }
        for resource in module["resources"]?.items ?? [] {
            guard let address = resource["address"]?.text else { continue }
            var attributes: [String: [String]] = [:]
            for (key, expression) in resource["expressions"]?.pairs ?? [] {
                if let name = key.text, let named = resolve(expression) { attributes[name] = named }
            }
            found[prefix + address] = attributes
        }
        for (key, call) in module["module_calls"]?.pairs ?? [] {
            guard let name = key.text else { continue }
            var passed: [String: [String]] = [:]
            for (variable, expression) in call["expressions"]?.pairs ?? [] {
                if let variable = variable.text, let named = resolve(expression) { passed[variable] = named }
            }
            found.merge(references(call["module"], module: prefix + "module." + name, inputs: passed)) { first, _ in first }
        }
        return found
    }

    /// Attributes `resource_changes` marks as known only after apply, by resource address.
    package static func unknownAttributes(_ root: LocatedNode) -> [String: Set<String>] {
        var unknown: [String: Set<String>] = [:]
        for change in root["resource_changes"]?.items ?? [] {
            guard let address = change["address"]?.text else { continue }
            let names = (change["change"]?["after_unknown"]?.pairs ?? []).filter { $0.value.text == "true" }.compactMap(\.key.text)
            unknown[address] = Set(names)
        }
        return unknown
    }

    /// `aws_iam_role.task.arn` / `aws_iam_role.task[0]` → `aws_iam_role.task`; nil for variables,
    /// locals, data sources and module outputs, which name no resource of the plan.
    package static func resourceAddress(_ reference: String) -> String? {
        let parts = withoutIndexes(reference).split(separator: ".").map(String.init)
        guard parts.count >= 2, !["var", "local", "data", "module", "each", "count", "path", "self"].contains(parts[0]) else { return nil }
        return parts[0] + "." + parts[1]
    }

    package static func withoutIndexes(_ address: String) -> String {
        var result = "", depth = 0
        for character in address {
            if character == "[" { depth += 1; continue }
            if character == "]" { depth -= 1; continue }
            if depth == 0 { result.append(character) }
        }
        return result
    }
}

/// Builds the template's resources out of the plan's.
package struct PlanTemplateBuilder {
    package let file: String
    package let budget: NodeBudget
    package let resources: [TerraformPlan.Resource]
    package let references: [String: [String: [String]]]
    package let idByAddress: [String: String]
    package let unknown: [String: Set<String>]
    /// Each `aws_iam_role`'s address by its literal name (the first of a name, as Terraform's
    /// configuration order has it): an attachment naming its role looks it up here, not through
    /// every resource of the plan.
    package let roleAddressByName: [String: String]

    /// Extra properties gathered from other resources (attachments add a role's managed policies,
    /// a managed policy's roles).
    package var managedPolicyARNs: [String: [LocatedNode]] = [:]
    package var policyRoles: [String: [LocatedNode]] = [:]

    package init(file: String, budget: NodeBudget, resources: [TerraformPlan.Resource], references: [String: [String: [String]]],
         idByAddress: [String: String], unknown: [String: Set<String>]) {
        self.unknown = unknown
        self.file = file
        self.budget = budget
        var roles: [String: String] = [:]
        for resource in resources where resource.type == "aws_iam_role" {
            if let name = resource.values["name"]?.text, roles[name] == nil { roles[name] = resource.configAddress }
        }
        roleAddressByName = roles
        self.resources = resources
        self.references = references
        self.idByAddress = idByAddress
    }

    package mutating func translate() -> [(String, LocatedNode)] {
        gatherAttachments()
        var entries: [(String, LocatedNode)] = []
        var seen = Set<String>()
        for resource in resources {
            guard seen.insert(resource.address).inserted, let (type, properties) = translate(resource) else { continue }
            entries.append((resource.address, Self.mapping([("Type", scalar(type, at: resource.entry)),
                                                     ("Properties", Self.mapping(properties, at: resource.values.location, pointer: resource.values.pointer))],
                                                    at: resource.entry.location, pointer: resource.values.pointer)))
        }
        return entries
    }

    /// `aws_iam_role_policy_attachment`: a managed policy on a role, by ARN (AWS's) or by reference
    /// to an `aws_iam_policy` of the plan.
    /// `aws_iam_policy_attachment` does the same for a list of `roles`.
    private mutating func gatherAttachments() {
        for resource in resources where ["aws_iam_role_policy_attachment", "aws_iam_policy_attachment"].contains(resource.type) {
            let roles = resource.type == "aws_iam_policy_attachment" ? roleTargets(resource, "roles") : roleTarget(resource, "role").map { [$0] } ?? []
            for role in roles {
                if let policy = references[resource.configAddress]?["policy_arn"]?.first(where: { $0.containsBytes("aws_iam_policy.") }) {
                    policyRoles[policy, default: []].append(role.node)
                } else if let arn = resource.values["policy_arn"], let roleAddress = role.address {
                    managedPolicyARNs[roleAddress, default: []].append(arn)
                }
            }
        }
    }

    /// The roles a list argument names: references to roles of the configuration, and literal names.
    private func roleTargets(_ resource: TerraformPlan.Resource, _ attribute: String) -> [(node: LocatedNode, address: String?)] {
        let named = (references[resource.configAddress]?[attribute] ?? []).filter { $0.containsBytes("aws_iam_role.") }
        let referenced = named.compactMap { address in idByAddress[address].map { (ref($0, at: resource.values, attribute), Optional(address)) } }
        let literal = (resource.values[attribute]?.items ?? []).compactMap { node -> (node: LocatedNode, address: String?)? in
            guard let name = node.text else { return nil }
            return (node, roleAddressByName[name])
        }
        return referenced + literal
    }

    /// The role a `role` argument names: a reference to a role of the plan, or its literal name.
    private func roleTarget(_ resource: TerraformPlan.Resource, _ attribute: String) -> (node: LocatedNode, address: String?)? {
        if let address = references[resource.configAddress]?[attribute]?.first(where: { $0.containsBytes("aws_iam_role.") }),
           let id = idByAddress[address] {
            return (ref(id, at: resource.values, attribute), address)
        }
        guard let node = resource.values[attribute], let name = node.text else { return nil }
        let address = roleAddressByName[name]
        return (node, address)
    }

    private func translate(_ resource: TerraformPlan.Resource) -> (String, [(String, LocatedNode)])? {
        let values = resource.values
        var properties: [(String, LocatedNode)] = []
        func copy(_ attribute: String, as name: String) {
            if let node = values[attribute], node.scalar?.kind != .null { properties.append((name, node)) }
        }
        /// The attribute's value, or (unknown until apply) a reference to the resource it names, or,
        /// when it names nothing the plan holds, a value marked as known only after apply.
        func reference(_ attribute: String, as name: String, getAtt: String?) {
            let named = references[resource.configAddress]?[attribute]
            if let node = values[attribute], node.text != nil {
                properties.append((name, node))
            } else if let target = named?.first, let id = idByAddress[target] {
                properties.append((name, getAtt.map { getAttribute(id, $0, at: values, attribute) } ?? ref(id, at: values, attribute)))
            } else if named != nil || unknown[resource.address]?.contains(attribute) == true {
                properties.append((name, knownAfterApply(resource, attribute)))
            }
        }
        switch resource.type {
        case "aws_iam_role":
            copy("name", as: "RoleName")
            // A policy `.tf` source cannot know statically is left out, as a plan leaves out one
            // known only after apply: rules cannot read it either way.
            if let trust = values["assume_role_policy"], !trust.isIntrinsic { properties.append(("AssumeRolePolicyDocument", trust)) }
            let inline = (values["inline_policy"]?.items ?? []).compactMap { block -> LocatedNode? in
                guard let policy = block["policy"], policy.text.map({ !$0.isEmpty }) ?? (policy.pairs != nil && !policy.isIntrinsic) else { return nil }
                return Self.mapping([("PolicyName", block["name"] ?? scalar("inline", at: block)), ("PolicyDocument", policy)], at: block.location, pointer: block.pointer)
            }
            if !inline.isEmpty { properties.append(("Policies", Self.sequence(inline, at: values))) }
            let managed = (values["managed_policy_arns"]?.items ?? []) + (managedPolicyARNs[resource.configAddress] ?? [])
            if !managed.isEmpty { properties.append(("ManagedPolicyArns", Self.sequence(managed, at: values))) }
            return ("AWS::IAM::Role", properties)
        case "aws_iam_role_policy":
            copy("name", as: "PolicyName")
            if values["policy"]?.isIntrinsic != true { copy("policy", as: "PolicyDocument") }
            if let role = roleTarget(resource, "role") { properties.append(("Roles", Self.sequence([role.node], at: values))) }
            return ("AWS::IAM::Policy", properties)
        case "aws_iam_policy":
            copy("name", as: "ManagedPolicyName")
            if values["policy"]?.isIntrinsic != true { copy("policy", as: "PolicyDocument") }
            if let roles = policyRoles[resource.configAddress] { properties.append(("Roles", Self.sequence(roles, at: values))) }
            return ("AWS::IAM::ManagedPolicy", properties)
        case "aws_ecs_task_definition":
            copy("family", as: "Family")
            copy("network_mode", as: "NetworkMode")
            copy("requires_compatibilities", as: "RequiresCompatibilities")
            copy("cpu", as: "Cpu")
            copy("memory", as: "Memory")
            reference("task_role_arn", as: "TaskRoleArn", getAtt: "Arn")
            reference("execution_role_arn", as: "ExecutionRoleArn", getAtt: "Arn")
            // A JSON string in the plan: its containers, located inside the string.
            // A JSON string in the plan: its containers, located inside the string. Read from `.tf`
            // source, `jsonencode([...])` is already the list, located at the HCL that wrote it.
            if let definitions = values["container_definitions"] {
                if definitions.items != nil {
                    properties.append(("ContainerDefinitions", definitions))
                } else if let tree = EmbeddedDocument.jsonValue(definitions, file: file, budget: budget) {
                    properties.append(("ContainerDefinitions", tree))
                }
            }
            return ("AWS::ECS::TaskDefinition", properties)
        case "aws_ecs_service":
            copy("name", as: "ServiceName")
            copy("launch_type", as: "LaunchType")
            copy("scheduling_strategy", as: "SchedulingStrategy")
            reference("cluster", as: "Cluster", getAtt: nil)
            reference("task_definition", as: "TaskDefinition", getAtt: nil)
            return ("AWS::ECS::Service", properties)
        case "aws_lambda_function":
            copy("function_name", as: "FunctionName")
            reference("role", as: "Role", getAtt: "Arn")
            copy("layers", as: "Layers")
            if let mode = values["tracing_config"]?.items?.first?["mode"] {
                properties.append(("TracingConfig", Self.mapping([("Mode", mode)], at: mode.location, pointer: mode.pointer)))
            }
            if let variables = values["environment"]?.items?.first?["variables"] {
                properties.append(("Environment", Self.mapping([("Variables", variables)], at: variables.location, pointer: variables.pointer)))
            }
            return ("AWS::Lambda::Function", properties)
        case "aws_api_gateway_stage":
            copy("stage_name", as: "StageName")
            copy("xray_tracing_enabled", as: "TracingEnabled")
            return ("AWS::ApiGateway::Stage", properties)
        case "aws_sfn_state_machine":
            copy("name", as: "StateMachineName")
            reference("role_arn", as: "RoleArn", getAtt: "Arn")
            if let enabled = values["tracing_configuration"]?.items?.first?["enabled"] {
                properties.append(("TracingConfiguration", Self.mapping([("Enabled", enabled)], at: enabled.location, pointer: enabled.pointer)))
            }
            return ("AWS::StepFunctions::StateMachine", properties)
        case "aws_eks_pod_identity_association":
            copy("namespace", as: "Namespace")
            copy("service_account", as: "ServiceAccount")
            reference("role_arn", as: "RoleArn", getAtt: "Arn")
            return ("AWS::EKS::PodIdentityAssociation", properties)
        case "aws_xray_sampling_rule":
            let fields = [("rule_name", "RuleName"), ("priority", "Priority"), ("fixed_rate", "FixedRate"), ("reservoir_size", "ReservoirSize"),
                          ("service_name", "ServiceName"), ("service_type", "ServiceType"), ("host", "Host"), ("http_method", "HTTPMethod"),
                          ("url_path", "URLPath"), ("resource_arn", "ResourceARN"), ("version", "Version"), ("attributes", "Attributes")]
            let rule = fields.compactMap { attribute, name -> (String, LocatedNode)? in
                guard let node = values[attribute], node.scalar?.kind != .null else { return nil }
                // An empty attributes map is the provider's default, not an attribute of the rule.
                if attribute == "attributes", node.pairs?.isEmpty ?? true { return nil }
                return (name, node)
            }
            return ("AWS::XRay::SamplingRule", [("SamplingRule", Self.mapping(rule, at: values.location, pointer: values.pointer))])
        case "aws_xray_group":
            copy("group_name", as: "GroupName")
            copy("filter_expression", as: "FilterExpression")
            return ("AWS::XRay::Group", properties)
        default:
            return nil
        }
    }

    // MARK: synthetic nodes, placed at the plan's own nodes

    package static func mapping(_ pairs: [(String, LocatedNode)], at location: SourceLocation, pointer: String) -> LocatedNode {
        LocatedNode(.mapping(pairs.map { (key: LocatedNode(.scalar(.init(text: $0.0, kind: .string, isQuoted: false)), at: $0.1.location, pointer: $0.1.pointer), value: $0.1) }),
                    at: location, pointer: pointer)
    }

    package static func sequence(_ items: [LocatedNode], at node: LocatedNode) -> LocatedNode {
        LocatedNode(.sequence(items), at: node.location, pointer: node.pointer)
    }

    private func scalar(_ text: String, at node: LocatedNode) -> LocatedNode {
        LocatedNode(.scalar(.init(text: text, kind: .string, isQuoted: true)), at: node.location, pointer: node.pointer)
    }

    private func ref(_ id: String, at values: LocatedNode, _ attribute: String) -> LocatedNode {
        let pointer = values.pointer + "/" + attribute
        return Self.mapping([("Ref", LocatedNode(.scalar(.init(text: id, kind: .string, isQuoted: true)), at: values.location, pointer: pointer))],
                            at: values.location, pointer: pointer)
    }

    /// CloudFormation's own way of saying "a value from elsewhere": rules treat it as unresolvable.
    private func knownAfterApply(_ resource: TerraformPlan.Resource, _ attribute: String) -> LocatedNode {
        let pointer = resource.values.pointer + "/" + attribute
        let text = LocatedNode(.scalar(.init(text: "\(resource.address).\(attribute) (known after apply)", kind: .string, isQuoted: true)),
                               at: resource.values.location, pointer: pointer)
        return Self.mapping([("Fn::ImportValue", text)], at: resource.values.location, pointer: pointer)
    }

    private func getAttribute(_ id: String, _ name: String, at values: LocatedNode, _ attribute: String) -> LocatedNode {
        let pointer = values.pointer + "/" + attribute
        let items = [id, name].map { LocatedNode(.scalar(.init(text: $0, kind: .string, isQuoted: true)), at: values.location, pointer: pointer) }
        return Self.mapping([("Fn::GetAtt", LocatedNode(.sequence(items), at: values.location, pointer: pointer))], at: values.location, pointer: pointer)
    }
}

extension EmbeddedDocument {
    /// A JSON array or object written as a string (a plan's `container_definitions`, a policy),
    /// located at the string; nil when the string holds neither.
    package static func jsonValue(_ content: LocatedNode, file: String, budget: NodeBudget) -> LocatedNode? {
        guard let scalar = content.scalar, scalar.kind == .string, let text = content.text,
              let first = text.drop(while: \.isWhitespace).first, first == "[" || first == "{",
              let tree = try? YAMLLoader.load(text, file: file, options: .embedded(at: content, in: budget)),
              tree.pairs != nil || tree.items != nil else { return nil }
        return tree.relocated(to: content.location, pointerPrefix: content.pointer + "#")
    }
}
