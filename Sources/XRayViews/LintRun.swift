import Foundation
import XRayCore
import XRaySampling

/// All documents of one `xrayctl lint` run, and the views rules look at, each built once here so
/// that rules stay linear in the number of files. Rules that need two resources (a task and its
/// role) resolve them through `role(_:in:)`, inside a template and across files.
public struct LintRun: Sendable {
    public let documents: [SourceDocument]
    /// The day the run happens: XR805's severity changes at the end of support.
    public let today: Date
    /// Whether the run's work is split over the cores: its views here, its rules in `Linter` (`Parallel.worthwhileBytes`).
    package let splitsOverCores: Bool

    package let templates: [TemplateView]
    package let taskDefinitions: [TaskDefinitionView]
    package let services: [ECSServiceView]
    package let roles: [RoleView]
    /// Every permission and trust policy document in the run, wherever it is written.
    package let policies: [PolicyView]
    package let functions: [FunctionView]
    package let roleUses: [RoleUse]
    package let agentRoleUses: [RoleUse]
    package let workloadRoles: [RoleView]
    package let samplingSets: [SamplingRuleSet]
    package let centralizedRules: [(rule: SamplingRule, describesExisting: Bool)]
    package let localRuleFiles: [(root: LocatedNode, set: SamplingRuleSet)]
    package let beanstalkConfigs: [BeanstalkConfigView]
    package let daemonConfigs: [LocatedNode]
    package let daemonFlagSets: [DaemonFlags]
    package let segmentDocuments: [(document: SourceDocument, entities: [SegmentEntity])]
    /// Collector configurations: files, inline ones in ADOT containers, and those in Kubernetes manifests.
    package let collectorConfigs: [CollectorConfigView]
    /// CloudWatch agent configurations: files, and inline ones in CloudWatch agent containers.
    package let cloudWatchAgentConfigs: [CloudWatchAgentConfigView]
    /// Kubernetes objects: workloads, Services, ServiceAccounts, ConfigMaps.
    package let kubernetes: KubernetesView
    /// Whether a DAEMON service of this run runs an agent.
    package let hasDaemonAgentService: Bool
    private let roleIndex: RoleIndex
    /// The DAEMON services running each task, by `TaskDefinitionView.key`.
    private let daemonServicesByTask: [String: [ECSServiceView]]

    public init(documents: [SourceDocument], today: Date = Date()) {
        self.documents = documents
        self.today = today
        let split = documents.fileBytes >= Parallel.worthwhileBytes
        splitsOverCores = split
        let templates = Parallel.map(documents.filter(\.isTemplate), split: split, TemplateView.init)
        self.templates = templates

        // Where each task definition is, in file order; the views (containers, agents, their
        // collector configurations) are then built on all cores.
        var taskSources: [(document: SourceDocument, node: LocatedNode, template: TemplateView?, logicalID: String?, partial: Bool)] = []
        var services: [ECSServiceView] = []
        for document in documents {
            guard let root = document.root else { continue }
            switch document.kind {
            case .taskDefinition:
                taskSources.append((document, root["taskDefinition"] ?? root, nil, nil, false))
            case .dockerrun:
                taskSources.append((document, root, nil, nil, false))
            case .containerDefinitions:
                // Containers without their task (a Terraform container_definitions template, an
                // exported list): the container rules apply; the task-level ones cannot know enough.
                let list = root.items.map { _ in root } ?? LocatedNode(.sequence([root]), at: root.location, pointer: root.pointer)
                let key = LocatedNode(.scalar(.init(text: "containerDefinitions", kind: .string, isQuoted: false)), at: root.location)
                let wrapper = LocatedNode(.mapping([(key: key, value: list)]), at: root.location, pointer: "")
                taskSources.append((document, wrapper, nil, nil, true))
            case .ecsService:
                let nodes = root["services"]?.items ?? [root["service"] ?? root]
                services += nodes.map { ECSServiceView(document: document, node: $0, template: nil) }
            default: break
            }
        }
        for template in templates {
            for resource in template.resources(ofType: "AWS::ECS::TaskDefinition") {
                if let properties = resource.properties {
                    taskSources.append((template.document, properties, template, resource.logicalID, false))
                }
            }
            for resource in template.resources(ofType: "AWS::ECS::Service") {
                if let properties = resource.properties {
                    services.append(ECSServiceView(document: template.document, node: properties, template: template))
                }
            }
        }
        let tasks = Parallel.map(taskSources, split: split) {
            TaskDefinitionView(document: $0.document, node: $0.node, template: $0.template, logicalID: $0.logicalID, partial: $0.partial)
        }
        taskDefinitions = tasks
        self.services = services
        let (roles, policies) = RoleCollector.collect(documents: documents, templates: templates)
        self.roles = roles
        self.policies = policies
        let index = RoleIndex(roles)
        roleIndex = index
        let functions = Self.functions(templates)
        self.functions = functions
        let uses = Self.roleUses(tasks: tasks, functions: functions, templates: templates, index: index)
        roleUses = uses
        agentRoleUses = Self.agentRoleUses(uses)
        workloadRoles = Self.workloadRoles(roles)
        samplingSets = Self.samplingSets(documents)
        centralizedRules = Self.centralizedRules(documents)
        localRuleFiles = Self.localRuleFiles(documents)
        beanstalkConfigs = Self.beanstalkConfigs(documents)
        daemonConfigs = Self.daemonConfigs(documents)
        daemonFlagSets = Self.daemonFlagSets(tasks)
        segmentDocuments = Self.segmentDocuments(documents)
        let kubernetes = KubernetesView(documents: documents)
        self.kubernetes = kubernetes
        collectorConfigs = CollectorConfigView.all(documents: documents, tasks: tasks, kubernetes: kubernetes)
        cloudWatchAgentConfigs = CloudWatchAgentConfigView.all(documents: documents, tasks: tasks)
        // Candidates per service: tasks of its template, or tasks whose family it names.
        let tasksByTemplate = Dictionary(grouping: tasks.filter { $0.template != nil }, by: { $0.document.path })
        let tasksByFamily = Dictionary(grouping: tasks, by: { $0.family ?? "" })
        var byTask: [String: [ECSServiceView]] = [:]
        for service in services where service.isDaemon {
            let candidates = service.template.map { tasksByTemplate[$0.document.path] ?? [] }
                ?? (service.taskDefinitionNode?.text.map { ECSServiceView.family(of: $0) }.flatMap { tasksByFamily[$0] } ?? [])
            for task in candidates where service.runs(task) { byTask[task.key, default: []].append(service) }
        }
        daemonServicesByTask = byTask
        hasDaemonAgentService = tasks.contains { !$0.agents.isEmpty && byTask[$0.key] != nil }
    }

    /// The role a reference names: `Fn::GetAtt`/`Ref`/`Fn::Sub` to a role in the same template,
    /// or a role ARN whose name matches a role known in this run.
    package func role(_ reference: LocatedNode?, in template: TemplateView?) -> RoleView? {
        roleIndex.role(reference, in: template)
    }

    /// Every role of the run a reference names by ARN or name, resolved or not (`role(_:in:)` is
    /// nil when equally near ones differ).
    package func roleDefinitions(_ reference: LocatedNode) -> [RoleView] {
        roleIndex.definitions(reference)
    }

    /// DAEMON services in this run that run the given task definition.
    package func daemonServices(running task: TaskDefinitionView) -> [ECSServiceView] {
        daemonServicesByTask[task.key] ?? []
    }
}

/// Roles by template and logical ID, and by name, for constant-time resolution.
package struct RoleIndex: Sendable {
    private var byLogicalID: [String: RoleView] = [:]
    private var byName: [String: [RoleView]] = [:]

    package init(_ roles: [RoleView]) {
        for role in roles {
            if let id = role.logicalID, let template = role.template {
                byLogicalID[template.document.path + "#" + id] = byLogicalID[template.document.path + "#" + id] ?? role
            }
            if let name = role.name { byName[name, default: []].append(role) }
        }
    }

    package func role(_ reference: LocatedNode?, in template: TemplateView?) -> RoleView? {
        guard let reference else { return nil }
        if let template {
            for id in reference.referencedLogicalIDs {
                if let role = byLogicalID[template.document.path + "#" + id] { return role }
            }
        }
        guard let name = Self.roleName(reference) else { return nil }
        return closest(byName[name] ?? [], to: reference.location.file)
    }

    /// The roles of the run with the name a reference gives, however near.
    package func definitions(_ reference: LocatedNode) -> [RoleView] {
        Self.roleName(reference).map { byName[$0] ?? [] } ?? []
    }

    /// The name in a role ARN, or (ECS takes either for taskRoleArn) the role's bare name.
    private static func roleName(_ reference: LocatedNode) -> String? {
        guard let text = reference.literalText else { return nil }
        if let range = text.range(of: ":role/") {
            return text[range.upperBound...].split(separator: "/").last.map(String.init) ?? ""
        } else if !text.hasPrefix("arn:"), AWSNames.isRoleName(text) {
            return text
        }
        return nil
    }

    /// Of several roles with one name (files from unrelated setups linted together), the one
    /// defined nearest the reference. Equally near ones are one role written twice when they agree
    /// on everything the rules ask of a role (`xrayctl generate` writes each role both in
    /// `iam/ROLE.*.json` and in `cloudformation.yaml`): then the first by path; nil when they
    /// differ, rather than a guess.
    private func closest(_ candidates: [RoleView], to path: String) -> RoleView? {
        guard candidates.count > 1 else { return candidates.first }
        func shared(_ other: String) -> Int {
            zip(path.split(separator: "/"), other.split(separator: "/")).prefix { $0 == $1 }.count
        }
        let ranked = candidates.map { ($0, shared($0.document.path)) }.sorted { $0.1 > $1.1 }
        guard ranked[0].1 == ranked[1].1 else { return ranked[0].0 }
        let nearest = ranked.filter { $0.1 == ranked[0].1 }.map(\.0).sorted { $0.document.path < $1.document.path }
        let signature = nearest[0].grantSignature
        return nearest.dropFirst().allSatisfy { $0.grantSignature == signature } ? nearest[0] : nil
    }
}

extension RoleView {
    /// What the rules ask of a role, as one comparable value: whom it trusts, and its decision on
    /// every X-Ray action and on `sts:AssumeRole`.
    package var grantSignature: [String] {
        let decisions = (XRayActions.all + ["sts:AssumeRole"]).map { "\($0)=\(evaluate($0).decision)" }
        return trustedServices.sorted() + ["|"] + trustedAWSPrincipals.sorted() + ["|"] + decisions
    }
}

/// Gathers roles and policy documents from templates, authorization details, and the
/// `iam/NAME.trust.json` + `iam/NAME.policy.json` files `xrayctl generate` writes.
package enum RoleCollector {
    package static func collect(documents: [SourceDocument], templates: [TemplateView]) -> ([RoleView], [PolicyView]) {
        var roles: [RoleView] = []
        var policies: [PolicyView] = []
        // Policies already listed, by file and pointer: a set, so the check stays linear in the files.
        var listed = Set<String>()

        for template in templates {
            var templateRoles: [RoleView] = []
            for resource in template.resources(ofType: "AWS::IAM::Role") {
                let properties = resource.properties
                let trust = properties?["AssumeRolePolicyDocument"].map { PolicyView(document: template.document, node: $0, name: nil) }
                let inline = (properties?["Policies"]?.items ?? []).compactMap { entry in
                    entry["PolicyDocument"].map { PolicyView(document: template.document, node: $0, name: entry["PolicyName"]?.text) }
                }
                let managed = (properties?["ManagedPolicyArns"]?.items ?? []).map { ($0.literalText, $0) }
                templateRoles.append(RoleView(name: properties?["RoleName"]?.text, logicalID: resource.logicalID, template: template,
                                              anchor: resource.node.keyNode("Type") ?? resource.node, document: template.document,
                                              trust: trust, inlinePolicies: inline, managedPolicies: managed))
            }
            // Policies attached to roles by separate resources, which name the role by logical ID
            // or by name: the first role of the template either names, found by key.
            var indexByID: [String: Int] = [:], indexByName: [String: Int] = [:]
            for (index, role) in templateRoles.enumerated() {
                if let id = role.logicalID, indexByID[id] == nil { indexByID[id] = index }
                if let name = role.name, indexByName[name] == nil { indexByName[name] = index }
            }
            for resource in template.resources(ofType: "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy") {
                guard let properties = resource.properties, let document = properties["PolicyDocument"] else { continue }
                let policy = PolicyView(document: template.document, node: document, name: properties["PolicyName"]?.text ?? resource.logicalID)
                policies.append(policy)
                listed.insert(policy.document.path + "#" + policy.node.pointer)
                let targets = (properties["Roles"]?.items ?? []) + (properties["RoleName"].map { [$0] } ?? [])
                for target in targets {
                    let matches = target.referencedLogicalIDs.compactMap { indexByID[$0] } + [target.text.flatMap { indexByName[$0] }].compactMap { $0 }
                    if let index = matches.min() {
                        templateRoles[index].inlinePolicies.append(policy)
                    }
                }
            }
            for role in templateRoles {
                policies += role.inlinePolicies.filter { listed.insert($0.document.path + "#" + $0.node.pointer).inserted }
                if let trust = role.trust { policies.append(trust) }
            }
            roles += templateRoles
        }

        // `iam/NAME.trust.json` + `iam/NAME.policy.json` in one folder are one role; the same name in
        // another folder is another role.
        var filePairs: [String: (name: String, trust: SourceDocument?, policy: SourceDocument?)] = [:]
        for document in documents {
            guard let root = document.root else { continue }
            switch document.kind {
            case .policy:
                policies.append(PolicyView(document: document, node: root, name: nil))
                let file = document.path.split(separator: "/").last.map(String.init) ?? document.path
                let folder = String(document.path.dropLast(file.count))
                for suffix in [".trust.json", ".policy.json"] where file.hasSuffix(suffix) {
                    let name = String(file.dropLast(suffix.count))
                    var pair = filePairs[folder + name] ?? (name, nil, nil)
                    if suffix == ".trust.json" { pair.trust = document } else { pair.policy = document }
                    filePairs[folder + name] = pair
                }
            case .authorizationDetails:
                let (detailRoles, detailPolicies) = authorizationDetails(document, root)
                roles += detailRoles
                policies += detailPolicies
            case .serverlessFramework:
                // The statements the Serverless Framework puts on its functions' role
                // (provider.iam.role.statements, or the older provider.iamRoleStatements).
                let provider = root["provider"]
                if let statements = provider?["iam"]?["role"]?["statements"] ?? provider?["iamRoleStatements"], statements.items != nil {
                    let key = LocatedNode(.scalar(.init(text: "Statement", kind: .string, isQuoted: false)), at: statements.location)
                    let policy = LocatedNode(.mapping([(key: key, value: statements)]), at: statements.location, pointer: statements.pointer)
                    policies.append(PolicyView(document: document, node: policy, name: "provider role statements"))
                }
            default: break
            }
        }
        for (_, pair) in filePairs.sorted(by: { $0.key < $1.key }) {
            let name = pair.name
            guard let anchorDocument = pair.trust ?? pair.policy, let anchor = anchorDocument.root else { continue }
            roles.append(RoleView(
                name: name, logicalID: nil, template: nil, anchor: anchor, document: anchorDocument,
                trust: pair.trust.flatMap { document in document.root.map { PolicyView(document: document, node: $0, name: nil) } },
                inlinePolicies: pair.policy.flatMap { document in document.root.map { [PolicyView(document: document, node: $0, name: name)] } } ?? [],
                managedPolicies: []))
        }
        return (roles, policies)
    }

    /// `aws iam get-account-authorization-details` output: roles with their policies, and the
    /// account's customer managed policies (whose default versions resolve attachments).
    private static func authorizationDetails(_ document: SourceDocument, _ root: LocatedNode) -> ([RoleView], [PolicyView]) {
        var policies: [PolicyView] = []
        var customer: [String: PolicyView] = [:]
        for policy in root["Policies"]?.items ?? [] {
            guard let arn = policy["Arn"]?.text else { continue }
            let version = policy["PolicyVersionList"]?.items?.first { $0["IsDefaultVersion"]?.text == "true" }
            if let node = version?["Document"] {
                let view = PolicyView(document: document, node: node, name: policy["PolicyName"]?.text)
                customer[arn] = view
                policies.append(view)
            }
        }
        var roles: [RoleView] = []
        for role in root["RoleDetailList"]?.items ?? [] {
            let trust = role["AssumeRolePolicyDocument"].map { PolicyView(document: document, node: $0, name: nil) }
            var inline = (role["RolePolicyList"]?.items ?? []).compactMap { entry in
                entry["PolicyDocument"].map { PolicyView(document: document, node: $0, name: entry["PolicyName"]?.text) }
            }
            var managed: [(String?, LocatedNode)] = []
            for attached in role["AttachedManagedPolicies"]?.items ?? [] {
                let arn = attached["PolicyArn"]?.text
                if let arn, let view = customer[arn] { inline.append(view) } else { managed.append((arn, attached)) }
            }
            policies += inline
            if let trust { policies.append(trust) }
            roles.append(RoleView(name: role["RoleName"]?.text, logicalID: nil, template: nil, anchor: role["RoleName"] ?? role,
                                  document: document, trust: trust, inlinePolicies: inline, managedPolicies: managed))
        }
        return (roles, policies)
    }
}
