import XRayCore
import XRaySampling

/// An ECS task definition, from the API's JSON (camelCase) or a CloudFormation resource (PascalCase).
package struct TaskDefinitionView {
    package let document: SourceDocument
    package let node: LocatedNode
    /// Set for task definitions inside a template.
    package let template: TemplateView?
    package let logicalID: String?
    package let containers: [ContainerView]
    package let agents: [ContainerView]
    package let apps: [ContainerView]

    /// Containers linted without their task: network mode, roles and sizes are unknown.
    package let partial: Bool

    package init(document: SourceDocument, node: LocatedNode, template: TemplateView? = nil, logicalID: String? = nil, partial: Bool = false) {
        self.document = document
        self.partial = partial
        self.node = node
        self.template = template
        self.logicalID = logicalID
        containers = (node.field("containerDefinitions")?.items ?? []).map { ContainerView($0, in: document) }
        agents = containers.filter { $0.agentKind != nil }
        apps = containers.filter { $0.agentKind == nil }
    }

    package var family: String? { node.field("family")?.text }

    /// Identifies the task within a run.
    package var key: String { document.path + "#" + node.pointer }

    /// Only Fargate can run it: FARGATE alone in requiresCompatibilities, or (in a template) a
    /// service that launches it on Fargate.
    package func runsOnlyOnFargate(_ run: LintRun) -> Bool {
        if let compatibilities = node.field("requiresCompatibilities")?.items?.compactMap({ $0.text?.uppercased() }),
           !compatibilities.isEmpty {
            return compatibilities == ["FARGATE"]
        }
        return run.services.contains { $0.usesFargate && $0.runs(self) }
    }

    package var requiresFargate: Bool {
        node.field("requiresCompatibilities")?.items?.contains { $0.text?.uppercased() == "FARGATE" } == true
    }

    /// The network mode as written; nil when absent or computed by an intrinsic.
    package var declaredNetworkMode: String? { node.field("networkMode")?.text }

    /// The mode ECS uses: as written, else `bridge` on EC2 (Linux); nil when unknown (an intrinsic).
    package var networkMode: String? {
        if partial { return nil }
        if let mode = node.field("networkMode") { return mode.text }
        return requiresFargate ? nil : "bridge"
    }

    package var taskRole: LocatedNode? { node.field("taskRoleArn") }
    package var executionRole: LocatedNode? { node.field("executionRoleArn") }


    /// Where a finding about the whole task lands: the family, else the task node.
    package var anchor: LocatedNode { node.field("family") ?? node }
}

package struct ContainerView {
    package let node: LocatedNode
    /// Which agent software the container runs, from its image (or, when that is not literal, its name).
    package let imageKind: AgentSpec.Kind?
    /// The same, when it actually receives X-Ray segments: the daemon always; the CloudWatch agent
    /// only with a configuration that collects traces; an ADOT collector unless its configuration
    /// is known to lack an awsxray receiver (XR120 speaks of those).
    package let agentKind: AgentSpec.Kind?
    /// Its entryPoint and command read as X-Ray daemon flags.
    package let flags: DaemonFlags
    /// Its environment variables, read once (many rules ask for them).
    package let environment: [Variable]

    /// `document`: the container's file, whose budget a configuration written in the container's
    /// environment draws on, and which keeps its parse for the views and rules that read it again.
    package init(_ node: LocatedNode, in document: SourceDocument) {
        self.node = node
        let image = node.field("image")?.literalText, name = node.field("name")?.text
        let kind = Self.agentKind(of: image) ?? Self.agentKind(of: name)
        imageKind = kind
        flags = DaemonFlags((node.field("entryPoint")?.items ?? []) + (node.field("command")?.items ?? []))
        environment = (node.field("environment")?.items ?? []).compactMap { entry in
            guard let nameNode = entry.field("name"), let name = nameNode.text else { return nil }
            return Variable(name: name, nameNode: nameNode, value: entry.field("value"))
        }
        let inline = { (variable: String) -> LocatedNode? in
            (node.field("environment")?.items ?? []).first { $0.field("name")?.text == variable }?.field("value")
        }
        switch kind {
        case .cloudwatchAgent?:
            // Metrics and logs are its usual work; it receives X-Ray segments only when told to.
            agentKind = inline("CW_CONFIG_CONTENT")?.text.map { $0.containsBytes("\"traces\"") || $0.containsBytes("traces:") } == true ? kind : nil
        case .adot?:
            let receivers = inline("AOT_CONFIG_CONTENT").flatMap { value in
                value.text.flatMap { CollectorConfigView.traceReceivers(in: $0, writtenAt: value, in: document) }
            }
            agentKind = receivers.map { $0.contains("awsxray") } == false ? nil : kind
        default:
            agentKind = kind
        }
    }

    package var name: String? { node.field("name")?.text }
    package var image: String? { node.field("image")?.literalText }
    package var anchor: LocatedNode { node.field("name") ?? node }

    /// Recognises an agent from an image repository or container name, with `_` read as `-`
    /// (`<repository_uri_xray_daemon>`, `xray-sidecar`, `aws-otel-collector`, `cloudwatch-agent`).
    package static func agentKind(of text: String?) -> AgentSpec.Kind? {
        guard let text else { return nil }
        let repository = Self.repository(ofASCII: text) ?? Self.repository(of: text)
        // AWS's ADOT SDK agent images (adot-autoinstrumentation-LANGUAGE) hold an app's agent, not a collector.
        if repository.containsBytes("autoinstrumentation") { return nil }
        if repository.containsBytes("otel-collector") || repository.containsBytes("adot") { return .adot }
        if repository.containsBytes("cloudwatch-agent") || repository.containsBytes("cwagent") { return .cloudwatchAgent }
        let xray = repository.containsBytes("xray") || repository.containsBytes("x-ray")
        if xray && (repository.containsBytes("daemon") || repository.containsBytes("sidecar") || repository.containsBytes("agent")
                    || repository == "xray" || repository == "aws-xray") { return .xrayDaemon }
        return nil
    }

    /// An image's repository name (the last path part, without tag or digest), lowercased, `_` as `-`.
    /// Not Foundation's replacingOccurrences: this runs for every container's image and name.
    static func repository(of text: String) -> String {
        let lowered = String(text.lowercased().map { $0 == "_" ? "-" : $0 })
        return lowered.split(separator: "@").first.map { String($0.split(separator: "/").last ?? "") }?
            .split(separator: ":").first.map(String.init) ?? lowered
    }

    /// The same steps on the bytes of an ASCII text (every image and container name seen), where a
    /// byte is a character: no grapheme breaking, no Unicode lowercasing. Nil for other text.
    static func repository(ofASCII text: String) -> String? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let lowered = text.utf8.map { byte -> UInt8 in
            if byte == UInt8(ascii: "_") { return UInt8(ascii: "-") }
            return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        }
        let name = lowered.split(separator: UInt8(ascii: "@")).first.map { Array($0.split(separator: UInt8(ascii: "/")).last ?? []) }?
            .split(separator: UInt8(ascii: ":")).first.map { String(decoding: $0, as: UTF8.self) }
        return name ?? String(decoding: lowered, as: UTF8.self)
    }

    package struct Variable {
        package var name: String
        package var nameNode: LocatedNode
        package var value: LocatedNode?
    }


    package func variable(_ name: String) -> Variable? { environment.first { $0.name == name } }

    package var links: [String] {
        (node.field("links")?.items ?? []).compactMap { $0.text?.split(separator: ":").first.map(String.init) }
    }

    package struct PortMapping {
        package var node: LocatedNode
        package var containerPort: Int?
        package var hostPort: Int?
        package var hostPortNode: LocatedNode?
        package var transport: String
    }

    package var portMappings: [PortMapping] {
        (node.field("portMappings")?.items ?? []).map { mapping in
            PortMapping(node: mapping,
                        containerPort: mapping.field("containerPort")?.text.flatMap { Int($0) },
                        hostPort: mapping.field("hostPort")?.text.flatMap { Int($0) },
                        hostPortNode: mapping.field("hostPort"),
                        transport: mapping.field("protocol")?.text?.lowercased() ?? "tcp")
        }
    }

}

/// An ECS service, from `CreateService` input or a CloudFormation resource.
package struct ECSServiceView {
    package let document: SourceDocument
    package let node: LocatedNode
    package let template: TemplateView?

    package var isDaemon: Bool { node.field("schedulingStrategy")?.text?.uppercased() == "DAEMON" }

    package var usesFargate: Bool {
        node.field("launchType")?.text?.uppercased() == "FARGATE"
            || node.field("capacityProviderStrategy")?.items?.contains {
                $0.field("capacityProvider")?.text?.uppercased().hasPrefix("FARGATE") == true
            } == true
    }

    /// The task definition: a family[:revision] or ARN, or the logical ID it references.
    package var taskDefinitionNode: LocatedNode? { node.field("taskDefinition") }

    package func runs(_ task: TaskDefinitionView) -> Bool {
        guard let reference = taskDefinitionNode else { return false }
        if let template, task.template?.document.path == template.document.path, let id = task.logicalID {
            return reference.referencedLogicalIDs.contains(id)
        }
        guard let text = reference.text, let family = task.family else { return false }
        return Self.family(of: text) == family
    }

    /// The family in `family`, `family:revision` or a task definition ARN.
    package static func family(of reference: String) -> String {
        let name = reference.split(separator: "/").last.map(String.init) ?? reference
        return name.split(separator: ":").first.map(String.init) ?? name
    }
}
