import XRayCore
import XRaySampling

/// `terraform/`: what `cloudformation.yaml` holds, as the HCL a Terraform user would keep —
/// roles with `jsonencode` policies and `aws_iam_role_policy_attachment`s, task definitions with
/// `container_definitions = jsonencode([...])`, the DAEMON service, sampling rules, log groups,
/// EKS Pod Identity associations and Transaction Search. Built from the same typed output as the
/// template; what neither can own (tracing on existing functions and stages, X-Ray encryption with
/// its key policy, Application Signals' account setup) stays with the README's CLI steps.
package struct TerraformGenerator {
    package let context: GenerationContext

    package static let folder = "terraform"

    /// The provider versions that have every resource used: `aws_eks_pod_identity_association`
    /// arrived in 5.29.0, `aws_xray_trace_segment_destination` and `aws_xray_indexing_rule` in 6.46.0
    /// (hashicorp/terraform-provider-aws #47961).
    package static func providerConstraint(transactionSearch: Bool) -> String {
        transactionSearch ? ">= 6.46.0, < 7.0.0" : ">= 5.29.0, < 7.0.0"
    }

    /// Which resource types this Terraform configuration writes, and what they hold in words.
    package static let words: [(String, String)] = [
        ("aws_iam_role", "roles"), ("aws_iam_role_policy", "inline role policies"),
        ("aws_iam_role_policy_attachment", "managed policy attachments"), ("aws_iam_instance_profile", "instance profiles"),
        ("aws_cloudwatch_log_group", "log groups"), ("aws_ecs_task_definition", "task definitions"),
        ("aws_ecs_service", "the DAEMON service"), ("aws_xray_sampling_rule", "sampling rules"),
        ("aws_xray_group", "groups"),
        ("aws_eks_pod_identity_association", "EKS Pod Identity associations"),
        ("aws_cloudwatch_log_resource_policy", "the logs resource policy X-Ray writes spans with"),
        ("aws_xray_trace_segment_destination", "Transaction Search"),
    ]

    /// The files, what `main.tf` holds in words, and the resources left to the CLI.
    package struct Configuration {
        package var files: [GeneratedFile]
        package var holds: [String]
        package var remaining: Remaining
    }

    /// One resource's share of the configuration.
    package struct Piece {
        package var section: TemplateSection
        package var resources: [HCLBlock] = []
        package var outputs: [HCLBlock] = []
        package var variables: [HCLBlock] = []
    }

    /// Resource names given so far, and those of the roles and task definitions others reference.
    package struct State {
        package var names = ResourceNames()
        package var roleNames: [String: String] = [:]
        package var taskNames: [String: String] = [:]
    }

    /// The four files; nil when there is nothing to hold.
    package func render(_ setup: Setup, scope: OutputScope = .project) -> Configuration? {
        var state = State()
        var sections = Array(repeating: [HCLBlock](), count: TemplateSection.allCases.count)
        var outputs: [HCLBlock] = []
        // No `region` variable: the task definitions, policies and agent configurations hold the
        // model's region too, so a variable would move only part of the setup. Another region is
        // another `region:` in the model and another `xrayctl generate`.
        var variables: [HCLBlock] = []
        var types: Set<String> = []
        var filled: Set<String> = []
        let remaining = setup.render(scope, { emit($0, &state) }) { piece in
            sections[piece.section.rawValue] += piece.resources.map { scope == .account ? retained($0) : $0 }
            outputs += piece.outputs
            variables += piece.variables
            for block in piece.resources {
                if let type = block.labels.first { types.insert(type) }
                filled.formUnion(block.interpolations)
            }
        }
        guard !types.isEmpty else { return nil }
        let main = HCLWriter.render(Array(sections.joined()))
        // The data sources the placeholders were filled in from, decided by the typed values.
        var data: [HCLBlock] = []
        if filled.contains(Self.expression(.account)) { data.append(HCLBlock("data", ["aws_caller_identity", "current"], [])) }
        if filled.contains(Self.expression(.partition)) { data.append(HCLBlock("data", ["aws_partition", "current"], [])) }
        if filled.contains(Self.expression(.region)) { data.append(HCLBlock("data", ["aws_region", "current"], [])) }
        let versions = HCLWriter.render([
            HCLBlock("terraform", [], [
                .attribute("required_version", .string(">= 1.5.0")),
                .block(HCLBlock("required_providers", [], [
                    .attribute("aws", .object([("source", .string("hashicorp/aws")),
                                               ("version", .string(Self.providerConstraint(transactionSearch: types.contains("aws_xray_trace_segment_destination"))))])),
                ])),
            ]),
            HCLBlock("provider", ["aws"], [.attribute("region", .string(context.model.region))]),
        ])
        // Terraform-only output has no template to compare with.
        let same = context.model.outputs.contains(.cloudformation) ? "what the CloudFormation template holds, as Terraform" : "the setup README.md describes, as Terraform"
        let header = scope == .account
            ? "# Generated by xrayctl \(XRayKit.version) for \(context.model.project): the account-wide settings, applied once per account; their resources refuse `terraform destroy`, which would turn them off for every project of the account.\n\n"
            : "# Generated by xrayctl \(XRayKit.version) for \(context.model.project): \(same).\n\n"
        let folder = scope.prefix + Self.folder
        let holds = Self.words.filter { types.contains($0.0) }.map(\.1)
        var files = [
            GeneratedFile("\(folder)/versions.tf", header + versions, summary: "Terraform and AWS provider versions (a provider with every resource used), the provider's region (the model's)"),
            GeneratedFile("\(folder)/main.tf", header + (data.isEmpty ? "" : HCLWriter.render(data) + "\n") + main,
                          summary: "the resources: " + holds.joined(separator: ", ")),
        ]
        if !variables.isEmpty {
            files.insert(GeneratedFile("\(folder)/variables.tf", header + HCLWriter.render(variables), summary: "what you may set: the ECS cluster"), at: 1)
        }
        if !outputs.isEmpty {
            files.append(GeneratedFile("\(folder)/outputs.tf", header + HCLWriter.render(outputs), summary: "the ARNs of what it creates"))
        }
        return Configuration(files: files, holds: holds, remaining: remaining)
    }

    /// The configuration's answer for one resource: what the template holds, except Application
    /// Signals' account setup, which has no Terraform resource xrayctl relies on.
    private func emit(_ resource: SetupResource, _ state: inout State) -> Emitted<Piece> {
        if let account = resource.account {
            return .notExpressible("it belongs in account \(account), and this configuration is applied in the model's own")
        }
        switch resource {
        case .role(let role):
            var piece = Piece(section: .roles)
            guard let trust = role.trust else {
                // An existing role, by name: its inline policy and managed policies (Application Signals) are added.
                if let policy = role.inlinePolicy {
                    piece.resources.append(HCLBlock("resource", ["aws_iam_role_policy", state.names.make(role.name + "-xray")], [
                        .attribute("name", .string("xray")),
                        .attribute("role", .string(role.name)),
                        .attribute("policy", jsonencode(policy)),
                    ]))
                }
                for arn in role.managedPolicyARNs {
                    let policyName = String(arn.split(separator: "/").last ?? "")
                    piece.resources.append(HCLBlock("resource", ["aws_iam_role_policy_attachment", state.names.make(role.name + "-" + policyName)], [
                        .attribute("role", .string(role.name)),
                        .attribute("policy_arn", substituted(arn)),
                    ]))
                }
                return .rendered(piece)
            }
            let name = state.names.make(role.name)
            state.roleNames[role.name] = name
            piece.resources.append(HCLBlock("resource", ["aws_iam_role", name], [
                .attribute("name", .string(role.name)),
                .attribute("description", .string(String(role.purpose.prefix(1000)))),
                .attribute("assume_role_policy", jsonencode(trust)),
            ]))
            if let policy = role.inlinePolicy {
                piece.resources.append(HCLBlock("resource", ["aws_iam_role_policy", name], [
                    .attribute("name", .string("xray")),
                    .attribute("role", .expression("aws_iam_role.\(name).id")),
                    .attribute("policy", jsonencode(policy)),
                ]))
            }
            for arn in role.managedPolicyARNs {
                let policyName = String(arn.split(separator: "/").last ?? "")
                piece.resources.append(HCLBlock("resource", ["aws_iam_role_policy_attachment", state.names.make(role.name + "-" + policyName)], [
                    .attribute("role", .expression("aws_iam_role.\(name).name")),
                    .attribute("policy_arn", substituted(arn)),
                ]))
            }
            piece.outputs.append(HCLBlock("output", [name + "_arn"], [.attribute("value", .expression("aws_iam_role.\(name).arn"))]))
            if role.instanceProfile {
                piece.resources.append(HCLBlock("resource", ["aws_iam_instance_profile", name], [
                    .attribute("name", .string(role.name)),
                    .attribute("role", .expression("aws_iam_role.\(name).name")),
                ]))
                piece.outputs.append(HCLBlock("output", [name + "_instance_profile"], [.attribute("value", .expression("aws_iam_instance_profile.\(name).name"))]))
            }
            return .rendered(piece)
        case .logGroup(let group, let days):
            return .rendered(Piece(section: .logGroups, resources: [HCLBlock("resource", ["aws_cloudwatch_log_group", state.names.make(group)], [
                .attribute("name", .string(group)),
                .attribute("retention_in_days", .int(days)),
            ])]))
        case .taskDefinition(let task):
            let name = state.names.make(task.definition.family)
            state.taskNames[task.definition.family] = name
            return .rendered(Piece(section: .taskDefinitions,
                                   resources: [HCLBlock("resource", ["aws_ecs_task_definition", name], taskArguments(task, roleNames: state.roleNames))],
                                   outputs: [HCLBlock("output", [name + "_arn"], [.attribute("value", .expression("aws_ecs_task_definition.\(name).arn"))])]))
        case .daemonService(let service, _):
            guard let taskName = state.taskNames[service.taskDefinition] else {
                return .notExpressible("its task definition \(service.taskDefinition) is not in the configuration")
            }
            return .rendered(Piece(
                section: .daemonService,
                resources: [HCLBlock("resource", ["aws_ecs_service", state.names.make(service.serviceName)], [
                    .attribute("name", .string(service.serviceName)),
                    .attribute("cluster", .expression("var.ecs_cluster")),
                    .attribute("task_definition", .expression("aws_ecs_task_definition.\(taskName).arn")),
                    .attribute("launch_type", .string(service.launchType)),
                    .attribute("scheduling_strategy", .string(service.schedulingStrategy)),
                ])],
                variables: [HCLBlock("variable", ["ecs_cluster"], [
                    .attribute("description", .string("The ECS cluster whose container instances each get one \(context.model.agent.kind.displayName)")),
                    .attribute("type", .expression("string")),
                    .attribute("default", .string(context.model.cluster ?? "default")),
                ])]))
        case .samplingRules(let rules, _, _):
            return .rendered(Piece(section: .samplingRules, resources: rules.map { input in
                let rule = input.SamplingRule
                return HCLBlock("resource", ["aws_xray_sampling_rule", state.names.make(rule.RuleName)], [
                    .attribute("rule_name", .string(rule.RuleName)),
                    .attribute("priority", .int(rule.Priority)),
                    .attribute("reservoir_size", .int(rule.ReservoirSize)),
                    .attribute("fixed_rate", .double(rule.FixedRate)),
                    .attribute("service_name", .string(rule.ServiceName)),
                    .attribute("service_type", .string(rule.ServiceType)),
                    .attribute("host", .string(rule.Host)),
                    .attribute("http_method", .string(rule.HTTPMethod)),
                    .attribute("url_path", .string(rule.URLPath)),
                    .attribute("resource_arn", .string(rule.ResourceARN)),
                    .attribute("version", .int(rule.Version)),
                ])
            }))
        case .samplingRateBoosts:
            // Checked with `terraform providers schema -json` (docs/xray-facts.md §6.6).
            return .notExpressible("aws_xray_sampling_rule has no sampling_rate_boost argument in the AWS provider 5.100")
        case .group(let group, _, _):
            let name = state.names.make("group-" + group.GroupName)
            return .rendered(Piece(
                section: .groups,
                resources: [HCLBlock("resource", ["aws_xray_group", name], [
                    .attribute("group_name", .string(group.GroupName)),
                    .attribute("filter_expression", .string(group.FilterExpression)),
                    .block(HCLBlock("insights_configuration", [], [
                        .attribute("insights_enabled", .bool(group.InsightsConfiguration.InsightsEnabled)),
                        .attribute("notifications_enabled", .bool(group.InsightsConfiguration.NotificationsEnabled)),
                    ])),
                ])],
                outputs: [HCLBlock("output", [name + "_arn"], [.attribute("value", .expression("aws_xray_group.\(name).arn"))])]))
        case .podIdentityAssociation(let association, _):
            guard let role = state.roleNames[association.role] else {
                return .notExpressible("its role \(association.role) is not in the configuration")
            }
            return .rendered(Piece(section: .podIdentity, resources: [
                HCLBlock("resource", ["aws_eks_pod_identity_association", state.names.make(association.cluster + "-" + association.serviceAccount)], [
                    .attribute("cluster_name", .string(association.cluster)),
                    .attribute("namespace", .string(association.namespace)),
                    .attribute("service_account", .string(association.serviceAccount)),
                    .attribute("role_arn", .expression("aws_iam_role.\(role).arn")),
                ]),
            ]))
        case .transactionSearch(let search, _, _, _):
            // The logs resource policy first, then the destination (it must be able to write), then the share indexed.
            let generator = TransactionSearchGenerator(context: context)
            let document = generator.resourcePolicy(partition: Placeholder.partition.token, region: Placeholder.region.token,
                                                    account: Placeholder.account.token)
            let policy = state.names.make("transaction-search")
            let destination = state.names.make("transaction-search-destination")
            return .rendered(Piece(section: .transactionSearch, resources: [
                HCLBlock("resource", ["aws_cloudwatch_log_resource_policy", policy], [
                    .attribute("policy_name", .string(generator.policyName)),
                    .attribute("policy_document", jsonencode(document)),
                ]),
                HCLBlock("resource", ["aws_xray_trace_segment_destination", destination], [
                    .attribute("destination", .string("CloudWatchLogs")),
                    .attribute("depends_on", .list([.expression("aws_cloudwatch_log_resource_policy.\(policy)")])),
                ]),
                HCLBlock("resource", ["aws_xray_indexing_rule", state.names.make("transaction-search-indexing")], [
                    .attribute("name", .string("Default")),
                    .block(HCLBlock("rule", [], [.block(HCLBlock("probabilistic", [], [
                        .attribute("desired_sampling_percentage", .double(search.indexingPercentage)),
                    ]))])),
                    .attribute("depends_on", .list([.expression("aws_xray_trace_segment_destination.\(destination)")])),
                ]),
            ]))
        case .applicationSignalsDiscovery:
            // The AWS provider has no resource for it (5.100 checked with `terraform providers schema`).
            return .notExpressible("the AWS provider has no Application Signals discovery resource")
        case .keyPolicy, .defaultSamplingRule, .encryption, .functionTracing, .functionRolePolicy, .adotLayer, .stageTracing,
             .beanstalkEnvironment, .instance, .kubernetes, .spansEncryption, .accountSettingCheck:
            return .notExpressible(resource.ownedOnlyByTheCLI ?? "")
        }
    }

    /// An account-wide resource is kept out of `terraform destroy`: removing it would turn tracing
    /// settings off for every project of the account (`terraform state rm` lets it go on purpose).
    private func retained(_ block: HCLBlock) -> HCLBlock {
        guard block.type == "resource" else { return block }
        var kept = block
        kept.items.append(.block(HCLBlock("lifecycle", [], [.attribute("prevent_destroy", .bool(true))])))
        return kept
    }

    /// ECS's API names (camelCase) become the resource's arguments; the containers keep them inside
    /// `jsonencode`, as Terraform's documentation writes them. Roles made here are referenced.
    private func taskArguments(_ task: PlannedTask, roleNames: [String: String]) -> [HCLBlock.Item] {
        let definition = task.definition
        var items: [HCLBlock.Item] = [
            .attribute("family", .string(definition.family)),
            .attribute("network_mode", .string(definition.networkMode)),
            .attribute("requires_compatibilities", .list(definition.requiresCompatibilities.map(HCLValue.string))),
        ]
        if let cpu = definition.cpu { items.append(.attribute("cpu", .string(cpu))) }
        if let memory = definition.memory { items.append(.attribute("memory", .string(memory))) }
        for (argument, arn, planned) in [("task_role_arn", definition.taskRoleArn, task.taskRole),
                                         ("execution_role_arn", definition.executionRoleArn, task.executionRole)] {
            guard let arn else { continue }
            if let planned, let name = roleNames[planned] {
                items.append(.attribute(argument, .expression("aws_iam_role.\(name).arn")))
            } else {
                items.append(.attribute(argument, substituted(arn)))
            }
        }
        items.append(.attribute("container_definitions", .call("jsonencode", [hcl(JSONTreeEncoder.encode(definition.containerDefinitions))])))
        // A volume without a host path is a `volume` block with only its name.
        for volume in definition.volumes ?? [] {
            items.append(.block(HCLBlock("volume", [], [.attribute("name", .string(volume.name))])))
        }
        return items
    }

    private func jsonencode<T: Encodable>(_ value: T) -> HCLValue {
        .call("jsonencode", [hcl(JSONTreeEncoder.encode(value))])
    }

    /// A typed artifact's tree as an HCL value, keys sorted as in the JSON files.
    private func hcl(_ value: JSONValue) -> HCLValue {
        switch value {
        case .object(let members): return .object(members.sorted { $0.key < $1.key }.map { ($0.key, hcl($0.value)) })
        case .array(let items): return .list(items.map(hcl))
        case .string(let text): return substituted(text)
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .expression("null")
        }
    }

    /// As in the template: the placeholders xrayctl wrote become interpolations of the data
    /// sources (the region too: `data.aws_region`); everything else, `${` included, is literal text.
    private func substituted(_ text: String) -> HCLValue {
        let parts = Placeholder.parts(text)
        guard parts.contains(where: \.isPlaceholder) else { return .string(text) }
        return .template(parts.map { part in
            switch part {
            case .literal(let literal): .literal(literal)
            case .placeholder(let placeholder): .interpolation(Self.expression(placeholder))
            }
        })
    }

    package static func expression(_ placeholder: Placeholder) -> String {
        switch placeholder {
        case .partition: "data.aws_partition.current.partition"
        case .account: "data.aws_caller_identity.current.account_id"
        // The provider's region (the model's). Only Transaction Search's resource policy uses it, with
        // a provider of 6.46 or later, where the data source's `name` gave way to `region`.
        case .region: "data.aws_region.current.region"
        }
    }
}

/// Terraform resource names (`snake_case`) made from AWS names, unique within a configuration.
package struct ResourceNames {
    private var used: Set<String> = []

    package mutating func make(_ name: String) -> String {
        var base = Self.identifier(name.lowercased())
        if base.first.map({ !$0.isLetter }) ?? true { base = "r_" + base }
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)_\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// ASCII letters and digits kept, every run of anything else one `_`, none at either end.
    /// Byte by byte for ASCII text (every name xrayctl makes; a CR LF, one Character, becomes `_`
    /// either way); by Character otherwise.
    private static func identifier(_ lowered: String) -> String {
        guard lowered.utf8.allSatisfy({ $0 < 0x80 }) else {
            var base = lowered.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "_" }.joined()
            while base.contains("__") { base = base.replacingOccurrences(of: "__", with: "_") }
            return String(base.drop { $0 == "_" }.reversed().drop { $0 == "_" }.reversed())
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lowered.utf8.count)
        for byte in lowered.utf8 {
            let kept = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if kept {
                bytes.append(byte)
            } else if let last = bytes.last, last != UInt8(ascii: "_") {
                bytes.append(UInt8(ascii: "_"))
            }
        }
        if bytes.last == UInt8(ascii: "_") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
