import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// `xrayctl instrument`: adds X-Ray to an existing task definition or CloudFormation/SAM template,
/// or moves one from the X-Ray daemon to the ADOT collector or the CloudWatch agent. Running it
/// again changes nothing.
public enum Instrumenter {
    public enum Mode: String, CaseIterable, Sendable { case sidecar, daemon }

    public struct Options: Sendable {
        public var mode: Mode = .sidecar
        public var agent: AgentSpec.Kind = .xrayDaemon
        /// Written into the agent's configuration when known; otherwise the region ECS sets is used.
        public var region: String?
        /// `otlp`: the collector sends to X-Ray's OTLP endpoint (ADOT needs `region` for its URL).
        public var export: TracesSpec.Export
        public init(mode: Mode = .sidecar, agent: AgentSpec.Kind = .xrayDaemon, region: String? = nil, export: TracesSpec.Export = .xrayAPI) {
            self.mode = mode
            self.agent = agent
            self.region = region
            self.export = export
        }
    }

    public struct Result: Sendable {
        /// The result with LF line breaks and no byte-order mark (what standard output gets).
        public var text: String
        /// The input file's encoding and line breaks, which a file written from `text` keeps.
        public var format: TextFormat
        /// `text` as the bytes of a file in the input's format (`--in-place`, `-o`).
        public var fileData: Data { format.bytes(text) }
        /// Why rewriting the file in place would change more than the edit (YAML comments are
        /// dropped and short-form tags come back in long form); nil when it would not.
        public var inPlaceLoss: String?
        /// What was changed, one line each; empty when the file already had it all.
        public var changes: [String]
        public var warnings: [String]
    }

    public enum Problem: Error, CustomStringConvertible {
        case unusable(Diagnostic)
        public var description: String {
            switch self { case .unusable(let diagnostic): return diagnostic.description }
        }
    }

    public static func instrument(path: String, data: Data, options: Options) throws(Problem) -> Result {
        // Without these the agent's configuration would quietly stay on the X-Ray API.
        if options.export == .otlp, let problem = Self.otlpProblem(agent: options.agent, region: options.region) {
            throw .unusable(.error(at: SourceLocation(file: path, line: 1, column: 1), problem))
        }
        // Read without the file's byte-order mark and with LF line breaks; the result is written
        // back in the file's own format (a UTF-8 mark had made JSON look like YAML).
        let format = TextFormat.of(data)
        let document = DocumentLoader.load(path: path, data: TextFormat.normalized(data) ?? data)
        if let problem = document.loadFindings.first {
            throw .unusable(.error(at: problem.location, problem.message))
        }
        guard let root = document.root else {
            throw .unusable(.error(at: SourceLocation(file: path, line: 1, column: 1), "the file is empty"))
        }
        if let number = root.firstUnrepresentableNumber {
            throw .unusable(.error(at: number.location, "the number \(number.text ?? "") is beyond what a task definition or template can hold (whole numbers up to \(Int.max), decimals up to about 1.8e308)"))
        }
        let isJSON = document.text.drop { $0.isWhitespace }.first.map { $0 == "{" || $0 == "[" } ?? false
        var tree = EditableTree(root)
        var session = Session(options: options, path: path)
        switch document.kind {
        case .taskDefinition:
            // `aws ecs describe-task-definition` output: the result must be RegisterTaskDefinition
            // input, so the wrapper goes and so do the fields ECS sets itself.
            if let inner = tree["taskDefinition"] {
                tree = inner
                session.changes.append("unwrapped describe-task-definition output into RegisterTaskDefinition input")
            }
            for field in Self.readOnlyTaskFields where tree[field] != nil {
                tree[field] = nil
                session.changes.append("removed \(field), which ECS sets and RegisterTaskDefinition refuses")
            }
            tree = try session.task(tree, pascal: false, at: root.location)
        case .cloudFormation:
            tree = try session.template(tree, document: document)
        default:
            throw .unusable(.error(at: root.location, "xrayctl instruments ECS task definitions and CloudFormation/SAM templates; this is \(document.kind == .unknown ? "not one" : "another kind of file (\(document.kind.rawValue))")"))
        }
        // JSON keeps its key order and indentation, so the change reads as a small diff.
        let text = isJSON ? OrderedJSON.render(tree, indent: OrderedJSON.indentation(of: document.text)) : tree.yaml
        return Result(text: text, format: format, inPlaceLoss: isJSON ? nil : Self.formattingLoss(document.text),
                      changes: session.changes, warnings: session.warnings)
    }

    /// Why OTLP export cannot be set up with this agent (the daemon speaks only the X-Ray API; ADOT
    /// needs the region for its endpoint), or nil. The CLI says the same about its flags.
    public static func otlpProblem(agent: AgentSpec.Kind, region: String?) -> String? {
        if !agent.profile.otlp { return "OTLP export needs the adot or cloudwatch-agent agent: the X-Ray daemon only calls PutTraceSegments" }
        if agent.profile.callsOTLPEndpoint && region == nil { return "OTLP export with adot needs the region: the collector's OTLP endpoint is https://xray.REGION.amazonaws.com/v1/traces" }
        return nil
    }

    /// What a YAML rewrite would lose: comments, and short-form tags (written back in long form).
    package static func formattingLoss(_ text: String) -> String? {
        let lines = text.split(separator: "\n")
        let comments = lines.contains { line in
            line.drop { $0 == " " }.hasPrefix("#") || line.contains(" #")
        }
        let tags = lines.contains { line in
            line.range(of: #"(^|[\s:\-\[,])![A-Za-z]"#, options: .regularExpression) != nil
        }
        let losses = (comments ? ["its comments"] : []) + (tags ? ["the short form of its tags (!Ref, !Sub…)"] : [])
        return losses.isEmpty ? nil : losses.joined(separator: " and ")
    }

    /// Fields of a registered task definition that RegisterTaskDefinition does not take.
    package static let readOnlyTaskFields = ["taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
                                     "registeredAt", "registeredBy", "deregisteredAt"]

    package struct Session {
        package let options: Options
        package let path: String
        package var changes: [String] = []
        package var warnings: [String] = []

        package init(options: Options, path: String) {
            self.options = options
            self.path = path
        }

        package var agentName: String { options.agent.profile.containerName }

        /// The agent calls X-Ray's OTLP endpoint (ADOT's otlphttp exporter); the CloudWatch agent
        /// sends its OTLP-form spans otherwise, and the daemon calls PutTraceSegments.
        package var sendsSpans: Bool { options.export == .otlp && options.agent.profile.callsOTLPEndpoint && options.mode == .sidecar }

        package static let spansPermission = "the agent's task role now needs xray:PutSpans on Resource \"*\" besides the X-Ray write actions (AWSXRayDaemonWriteAccess): spans sent to X-Ray's OTLP endpoint are PutSpans, which AWS's page on the endpoint's IAM (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-OTLP-UsingADOT.html) leaves out of the AWSXrayWriteOnlyAccess it names (xrayctl lint checks it: XR214)"

        /// One task definition; `pascal` for CloudFormation's property names.
        package mutating func task(_ task: EditableTree, pascal: Bool, at location: SourceLocation, label: String = "the task") throws(Problem) -> EditableTree {
            func key(_ name: String) -> String { pascal ? name.prefix(1).uppercased() + name.dropFirst() : name }
            var task = task
            var containers = task[key("containerDefinitions")]?.items ?? []
            let fargate = task[key("requiresCompatibilities")]?.items?.contains { $0.text?.uppercased() == "FARGATE" } ?? false
            let modeText = task[key("networkMode")]?.text ?? (fargate ? "awsvpc" : "bridge")
            guard let mode = ECSServiceSpec.NetworkMode(rawValue: modeText) else { return task }
            func name(_ container: EditableTree) -> String? { container[key("name")]?.text }
            func kind(_ container: EditableTree) -> AgentSpec.Kind? {
                ContainerView.agentKind(of: container[key("image")]?.text) ?? ContainerView.agentKind(of: name(container))
            }
            let existing = containers.indices.filter { kind(containers[$0]) != nil }
            // Agents that go away (replaced, or removed for daemon mode): references to them go too.
            var oldNames: [String] = []

            switch options.mode {
            case .sidecar:
                let replacement = agentContainer(mode: mode, fargate: fargate, pascal: pascal)
                if let index = existing.first, kind(containers[index]) == options.agent {
                    // The right agent already: with OTLP export its configuration must say so too.
                    if options.export == .otlp, let updated = withConfiguration(of: replacement, in: containers[index], key: key) {
                        containers[index] = updated
                        changes.append("\(label): the \(options.agent.rawValue) container '\(name(containers[index]) ?? "agent")' now sends OTLP to X-Ray (its inline configuration was replaced)")
                    }
                } else if let index = existing.first {
                    let previous = containers[index]
                    let old = name(previous) ?? "agent", oldKind = kind(previous)?.rawValue ?? "agent"
                    oldNames.append(old)
                    var agent = replacement
                    // `essential` stays what it was: absent (ECS's default, true) or as written.
                    agent[key("essential")] = previous[key("essential")]
                    let kept = previous[key("essential")]?.text.map { ", essential: \($0) as before" } ?? ""
                    changes.append("\(label): replaced the \(oldKind) container '\(old)' with \(options.agent.rawValue) ('\(agentName)')\(kept)")
                    withLogs(&agent, previous: previous, containers: containers, isAgent: { kind($0) != nil }, key: key, label: label)
                    containers[index] = agent
                } else {
                    var agent = replacement
                    changes.append("\(label): added \(English.a(options.agent.displayName)) sidecar ('\(agentName)') in \(mode.rawValue) mode")
                    withLogs(&agent, previous: nil, containers: containers, isAgent: { kind($0) != nil }, key: key, label: label)
                    containers.append(agent)
                }
            case .daemon:
                guard mode == .bridge || mode == .host else {
                    throw .unusable(.error(at: location, "\(label) runs in \(mode.rawValue) mode, which cannot reach a per-instance agent; use --mode sidecar"))
                }
                for index in existing.reversed() {
                    oldNames.append(name(containers[index]) ?? "")
                    changes.append("\(label): removed the sidecar '\(name(containers[index]) ?? "agent")' (the DAEMON service's agent serves the host)")
                    containers.remove(at: index)
                }
            }

            // Wire every app container to the agent.
            let target = options.mode == .sidecar ? (mode == .bridge ? "\(agentName):2000" : nil)
                                                  : (mode == .bridge ? "\(ECSGenerator.bridgeGatewayAddress):2000" : nil)
            for index in containers.indices where kind(containers[index]) == nil {
                var container = containers[index]
                let label = "\(label), container '\(name(container) ?? "?")'"
                var links = (container[key("links")]?.items ?? []).filter { !oldNames.contains($0.text ?? "") || $0.text == agentName }
                if options.mode == .sidecar && mode == .bridge && !links.contains(where: { $0.text == agentName }) {
                    links.append(.string(agentName))
                    changes.append("\(label): links \(agentName)")
                }
                container[key("links")] = links.isEmpty ? nil : .list(links)

                var environment = container[key("environment")]?.items ?? []
                let addressIndex = environment.firstIndex { $0[key("name")]?.text == "AWS_XRAY_DAEMON_ADDRESS" }
                let current = addressIndex.flatMap { environment[$0][key("value")]?.text }
                if let target, current != target {
                    let entry = EditableTree.map([(key("name"), .string("AWS_XRAY_DAEMON_ADDRESS")), (key("value"), .string(target))])
                    if let addressIndex { environment[addressIndex] = entry } else { environment.append(entry) }
                    changes.append("\(label): AWS_XRAY_DAEMON_ADDRESS=\(target)")
                } else if target == nil, let addressIndex, let current,
                          let host = current.split(separator: ":").first.map(String.init), oldNames.contains(host) || host == agentName {
                    environment.remove(at: addressIndex)
                    changes.append("\(label): removed AWS_XRAY_DAEMON_ADDRESS (127.0.0.1:2000 works in \(mode.rawValue) mode)")
                }
                container[key("environment")] = environment.isEmpty ? nil : .list(environment)

                var dependsOn = (container[key("dependsOn")]?.items ?? []).filter { !oldNames.contains($0[key("containerName")]?.text ?? "") }
                if options.mode == .sidecar && !dependsOn.contains(where: { $0[key("containerName")]?.text == agentName }) {
                    dependsOn.append(.map([(key("containerName"), .string(agentName)), (key("condition"), .string("START"))]))
                    changes.append("\(label): starts after \(agentName)")
                }
                container[key("dependsOn")] = dependsOn.isEmpty ? nil : .list(dependsOn)
                containers[index] = container
            }
            task[key("containerDefinitions")] = .list(containers)
            if fargate { resize(&task, containers: containers, key: key, label: label) }
            if options.mode == .sidecar && task[key("taskRoleArn")] == nil {
                warnings.append("\(label) has no taskRoleArn: the agent needs a task role with AWSXRayDaemonWriteAccess (xrayctl generate writes one)")
            }
            if options.mode == .daemon {
                warnings.append("\(label) now sends to the host's agent: run it as a DAEMON service (platform ecs-ec2-daemon in xrayctl generate)")
            }
            // A template's own role gets the permission instead (`template`).
            if sendsSpans && !pascal {
                warnings.append("\(label): \(Self.spansPermission)")
            }
            if options.export == .otlp && options.mode == .sidecar {
                let region = options.region ?? "REGION"
                warnings.append("\(label) sends OTLP to X-Ray, which drops spans unless Transaction Search is on in the account (xrayctl doctor --aws --export otlp checks; xrayctl generate transaction-search --region \(region) -o transaction-search writes what turns it on)")
            }
            return task
        }

        /// The agent's inline configuration (AOT_CONFIG_CONTENT, CW_CONFIG_CONTENT) and its region
        /// (AWS_REGION) set to what `replacement` carries; nil when they are that already.
        package func withConfiguration(of replacement: EditableTree, in container: EditableTree, key: (String) -> String) -> EditableTree? {
            var environment = container[key("environment")]?.items ?? []
            var changed = false
            for variable in [options.agent.profile.configVariable, "AWS_REGION"].compactMap(\.self) {
                guard let wanted = replacement[key("environment")]?.items?.first(where: { $0[key("name")]?.text == variable }) else { continue }
                if let index = environment.firstIndex(where: { $0[key("name")]?.text == variable }) {
                    guard environment[index][key("value")]?.text != wanted[key("value")]?.text else { continue }
                    environment[index] = wanted
                } else {
                    environment.append(wanted)
                }
                changed = true
            }
            guard changed else { return nil }
            var container = container
            container[key("environment")] = .list(environment)
            return container
        }

        /// The new agent's log configuration: the old agent's, as it was; else (no old agent, or one
        /// without logs) that of the first app container with one (not a FireLens router, whose own
        /// output cannot go through itself), under the agent's own stream prefix. A collector that
        /// fails (a refused SigV4 signature, a configuration it cannot read) says so only in its logs.
        package mutating func withLogs(_ agent: inout EditableTree, previous: EditableTree?, containers: [EditableTree],
                               isAgent: (EditableTree) -> Bool, key: (String) -> String, label: String) {
            if let previous, let logs = previous[key("logConfiguration")] {
                agent[key("logConfiguration")] = logs
                changes.append("\(label): \(agentName) keeps the log configuration of '\(previous[key("name")]?.text ?? "agent")'")
                return
            }
            guard let app = containers.first(where: { !isAgent($0) && $0[key("firelensConfiguration")] == nil && $0[key("logConfiguration")] != nil }),
                  var logs = app[key("logConfiguration")] else { return }
            let driver = logs[key("logDriver")]?.text ?? "its driver"
            var options = logs[key("options")]
            var prefix = ""
            switch driver {
            // Options computed by an intrinsic (Fn::If…) are copied as they are.
            case "awslogs" where options == nil || options?.pairs?.contains(where: { $0.key.hasPrefix("Fn::") || $0.key == "Ref" }) == false:
                options = options ?? .map([])
                options?["awslogs-stream-prefix"] = .string(agentName)
                prefix = ", stream prefix \(agentName)"
            case "awsfirelens" where options?["log_stream_prefix"] != nil:
                options?["log_stream_prefix"] = .string(agentName + "/")
                prefix = ", stream prefix \(agentName)/"
            default:
                break
            }
            if let options { logs[key("options")] = options }
            agent[key("logConfiguration")] = logs
            changes.append("\(label): \(agentName) logs like '\(app[key("name")]?.text ?? "?")' (\(driver)\(prefix))")
        }

        /// On Fargate the task size must hold every container: when the agent makes the containers
        /// need more than the task has, the smallest valid size that fits (ECS would refuse the task).
        package mutating func resize(_ task: inout EditableTree, containers: [EditableTree], key: (String) -> String, label: String) {
            func number(_ tree: EditableTree?) -> Int? { tree?.text.flatMap { Int($0) } }
            let cpu = containers.compactMap { number($0[key("cpu")]) }.reduce(0, +)
            let memory = containers.compactMap { number($0[key("memory")]) ?? number($0[key("memoryReservation")]) }.reduce(0, +)
            guard let taskCPU = number(task[key("cpu")]), let taskMemory = number(task[key("memory")]),
                  cpu > taskCPU || memory > taskMemory else { return }
            guard let size = FargateTaskSize.smallest(fitting: max(cpu, taskCPU), memory: max(memory, taskMemory)) else {
                warnings.append("\(label): the containers need \(cpu) CPU units and \(memory) MiB, more than any Fargate task size")
                return
            }
            // Keep the type the file wrote: the API's strings ("512"), or a template's numbers.
            var numeric = false
            if case .scalar(let scalar)? = task[key("cpu")], scalar.kind == .int { numeric = true }
            task[key("cpu")] = numeric ? .int(size.cpu) : .string(String(size.cpu))
            task[key("memory")] = numeric ? .int(size.memory) : .string(String(size.memory))
            changes.append("\(label): task size \(taskCPU)/\(taskMemory) → \(size.cpu)/\(size.memory), the smallest Fargate size that holds the containers with the agent (Fargate bills by task size)")
        }

        package func agentContainer(mode: ECSServiceSpec.NetworkMode, fargate: Bool, pascal: Bool) -> EditableTree {
            let agent = AgentSpec(kind: options.agent, image: ImageReference(options.agent.defaultImage)!, cpu: 32,
                                  memoryReservation: 256, bufferMB: 24, logLevel: "info", crossAccountRole: nil)
            let container = AgentContainer(agent: agent, region: options.region, export: options.export,
                                           partition: options.region.map(Partition.of(region:)) ?? .aws)
                .container(.sidecar(mode, fargate: fargate))
            let tree = EditableTree.from(container)
            return pascal ? tree.pascalCased : tree
        }

        /// A template: its task definitions, functions, REST APIs and the roles they use.
        package mutating func template(_ tree: EditableTree, document: SourceDocument) throws(Problem) -> EditableTree {
            var tree = tree
            guard var resources = tree["Resources"]?.pairs else { return tree }
            let run = LintRun(documents: [document])
            var rolesNeedingWrite = Set<String>(), rolesNeedingSpans = Set<String>()
            for index in resources.indices {
                let (id, resource) = (resources[index].key, resources[index].value)
                guard let type = resource["Type"]?.text, var properties = resource["Properties"] else { continue }
                switch type {
                case "AWS::ECS::TaskDefinition":
                    let location = document.root?["Resources"]?[id]?.location ?? SourceLocation(file: path, line: 1, column: 1)
                    properties = try task(properties, pascal: true, at: location, label: id)
                    if options.mode == .sidecar, let roleID = properties["TaskRoleArn"].flatMap(Self.referencedRole) {
                        rolesNeedingWrite.insert(roleID)
                        if sendsSpans { rolesNeedingSpans.insert(roleID) }
                    } else if sendsSpans {
                        warnings.append("\(id): \(Self.spansPermission)")
                    }
                case "AWS::Lambda::Function":
                    if properties["TracingConfig"]?["Mode"]?.text != "Active" {
                        properties["TracingConfig"] = .map([("Mode", .string("Active"))])
                        changes.append("\(id): active tracing")
                    }
                    if let roleID = properties["Role"].flatMap(Self.referencedRole) { rolesNeedingWrite.insert(roleID) }
                case "AWS::Serverless::Function":
                    let global = tree["Globals"]?["Function"]?["Tracing"]?.text == "Active"
                    if properties["Tracing"]?.text != "Active" && !global {
                        properties["Tracing"] = .string("Active")
                        changes.append("\(id): Tracing: Active")
                    }
                    if let roleID = properties["Role"].flatMap(Self.referencedRole) { rolesNeedingWrite.insert(roleID) }
                case "AWS::Serverless::Api", "AWS::ApiGateway::Stage":
                    if properties["TracingEnabled"]?.text != "true" {
                        properties["TracingEnabled"] = .bool(true)
                        changes.append("\(id): TracingEnabled")
                    }
                default:
                    continue
                }
                var updated = resource
                updated["Properties"] = properties
                resources[index].value = updated
            }
            // Roles in this template that the agent or a traced function uses get the write policy.
            for index in resources.indices where rolesNeedingWrite.contains(resources[index].key) {
                let id = resources[index].key
                // Only a role resource can take a managed policy; a Custom:: resource that makes a
                // role somewhere else is the user's to change, and a second run must change nothing.
                guard resources[index].value["Type"]?.text == "AWS::IAM::Role" else {
                    let type = resources[index].value["Type"]?.text ?? "no type"
                    warnings.append("\(id) is \(type), not an AWS::IAM::Role: give the role it stands for AWSXRayDaemonWriteAccess yourself")
                    continue
                }
                if (resources[index].value["Properties"]?["ManagedPolicyArns"]?.items ?? []).contains(where: Self.isXRayWritePolicy) { continue }
                let allows = run.roles.first { $0.logicalID == id }.map { role in
                    XRayActions.upload.allSatisfy { role.evaluate($0).decision.isAllowed }
                } ?? false
                guard !allows, var properties = resources[index].value["Properties"] else { continue }
                var managed = properties["ManagedPolicyArns"]?.items ?? []
                managed.append(.map([("Fn::Sub", .string("arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"))]))
                properties["ManagedPolicyArns"] = .list(managed)
                resources[index].value["Properties"] = properties
                changes.append("\(id): attached AWSXRayDaemonWriteAccess")
            }
            for index in resources.indices where rolesNeedingSpans.contains(resources[index].key) {
                let id = resources[index].key
                guard resources[index].value["Type"]?.text == "AWS::IAM::Role" else {
                    warnings.append("\(id): \(Self.spansPermission)")
                    continue
                }
                let allowed = run.roles.first { $0.logicalID == id }.map { $0.evaluate(AgentRoleCannotPutSpans.action).decision.isAllowed } ?? false
                guard !allowed, var properties = resources[index].value["Properties"] else { continue }
                let statement = EditableTree.map([("Sid", .string("XRayOTLPSpans")), ("Effect", .string("Allow")),
                                                  ("Action", .string(AgentRoleCannotPutSpans.action)), ("Resource", .string("*"))])
                var policies = properties["Policies"]?.items ?? []
                policies.append(.map([("PolicyName", .string("xray-otlp-spans")),
                                      ("PolicyDocument", .map([("Version", .string("2012-10-17")), ("Statement", .list([statement]))]))]))
                properties["Policies"] = .list(policies)
                resources[index].value["Properties"] = properties
                changes.append("\(id): allowed xray:PutSpans (the collector now sends spans to X-Ray's OTLP endpoint)")
            }
            tree["Resources"] = .map(resources)
            return tree
        }

        /// A managed-policy entry naming AWSXRayDaemonWriteAccess, as text or inside Fn::Sub/Fn::Join.
        package static func isXRayWritePolicy(_ value: EditableTree) -> Bool {
            if let text = value.text ?? value["Fn::Sub"]?.text { return text.hasSuffix(":policy/AWSXRayDaemonWriteAccess") }
            let parts = value["Fn::Join"]?.items?.last?.items?.compactMap(\.text) ?? []
            return parts.last?.hasSuffix(":policy/AWSXRayDaemonWriteAccess") ?? false
        }

        /// The logical ID in `{Fn::GetAtt: [Role, Arn]}` or `{Ref: Role}`.
        package static func referencedRole(_ value: EditableTree) -> String? {
            if let id = value["Fn::GetAtt"]?.items?.first?.text { return id }
            return value["Ref"]?.text
        }
    }
}
