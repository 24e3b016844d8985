import Foundation
import XRayCore
import XRaySampling

/// An OpenTelemetry/ADOT collector configuration: a file of its own, inline in a task
/// definition's `AOT_CONFIG_CONTENT` (located inside the task definition's string), or in a
/// Kubernetes manifest (EmbeddedCollectorConfigs.swift). Components are named `type` or
/// `type/name`; pipelines refer to them by that ID.
package struct CollectorConfigView {
    package let document: SourceDocument
    package let root: LocatedNode
    /// For an inline configuration: the collector's container and its task, which say who must
    /// reach its receivers; nil for a file on its own, where that is not known.
    package let container: ContainerView?
    package let task: TaskDefinitionView?
    /// Where the configuration is written.
    package var source: Source = .file
    /// The collector image that reads it, where a manifest says (a Kubernetes container, an
    /// `OpenTelemetryCollector`'s `spec.image`); ECS containers give theirs through `container`.
    package var kubernetesImage: String? = nil

    package enum Source: Equatable {
        case file, ecsEnvironment, configMap, operatorResource, kubernetesEnvironment
    }

    package typealias Component = (id: String, key: LocatedNode, value: LocatedNode)
    package static let sections = ["receivers", "processors", "exporters", "connectors", "extensions"]

    /// Each section's components in file order, and by ID (the first of an ID), read once: rules
    /// look a component up for every pipeline entry, which re-reading the section made quadratic.
    private let componentsBySection: [String: [Component]]
    private let componentsByID: [String: [String: Component]]

    package init(document: SourceDocument, root: LocatedNode, container: ContainerView?, task: TaskDefinitionView?,
         source: Source = .file, kubernetesImage: String? = nil) {
        self.document = document
        self.root = root
        self.container = container
        self.task = task
        self.source = source
        self.kubernetesImage = kubernetesImage
        var lists: [String: [Component]] = [:]
        var byID: [String: [String: Component]] = [:]
        for section in Self.sections {
            let list: [Component] = (root[section]?.pairs ?? []).compactMap { pair in pair.key.text.map { ($0, pair.key, pair.value) } }
            lists[section] = list
            byID[section] = Dictionary(list.map { ($0.id, $0) }) { first, _ in first }
        }
        componentsBySection = lists
        componentsByID = byID
    }

    /// The components of one section (`receivers`, `processors`, `exporters`, `connectors`, `extensions`), by ID.
    package func components(_ section: String) -> [Component] {
        componentsBySection[section] ?? (root[section]?.pairs ?? []).compactMap { pair in pair.key.text.map { ($0, pair.key, pair.value) } }
    }

    /// The component of a section with this ID, if it is defined.
    package func component(_ id: String, in section: String) -> Component? {
        componentsByID[section].map { $0[id] } ?? components(section).first { $0.id == id }
    }

    /// `service.pipelines`, by name (`traces`, `traces/xray`, `metrics`, …).
    package var pipelines: [(name: String, key: LocatedNode, value: LocatedNode)] {
        (root["service"]?["pipelines"]?.pairs ?? []).compactMap { pair in pair.key.text.map { ($0, pair.key, pair.value) } }
    }

    package var tracePipelines: [(name: String, key: LocatedNode, value: LocatedNode)] {
        pipelines.filter { $0.name == "traces" || $0.name.hasPrefix("traces/") }
    }

    /// The component's type: `otlphttp/xray` → `otlphttp`.
    package static func type(_ id: String) -> String { String(id.split(separator: "/").first ?? "") }

    package var image: String? { container?.image ?? kubernetesImage }

    /// The ADOT collector's version from its image tag (`v0.49.0` → (0, 49)), when the image says
    /// it; `latest` or no tag pulls the current release, said as `Int.max`. Other distributions
    /// number their releases otherwise: only their `latest` is known.
    package var collectorVersion: (major: Int, minor: Int)? {
        guard let text = image, let reference = ImageReference(text) else { return nil }
        let pinnedByDigest = text.containsBytes("@")
        guard let tag = reference.tag, tag != "latest" else { return pinnedByDigest ? nil : (Int.max, Int.max) }
        guard ContainerView.agentKind(of: text) == .adot else { return nil }
        let parts = tag.drop { $0 == "v" }.split(separator: ".").compactMap { Int($0) }
        return parts.count >= 2 ? (parts[0], parts[1]) : nil
    }

    /// Whether the image is one that pulls the current release (`latest`, or no tag).
    package var runsLatest: Bool { collectorVersion.map { $0 == (Int.max, Int.max) } ?? false }

    /// Every collector configuration of a run: the files, and the inline ones of ADOT containers.
    package static func all(documents: [SourceDocument], tasks: [TaskDefinitionView], kubernetes: KubernetesView) -> [CollectorConfigView] {
        let files = documents.filter { $0.kind == .collectorConfig }.compactMap { document in
            document.root.map { CollectorConfigView(document: document, root: $0, container: nil, task: nil) }
        }
        let inline = tasks.flatMap { task in
            task.containers.filter { $0.imageKind == .adot }.compactMap { container -> CollectorConfigView? in
                guard let value = container.variable("AOT_CONFIG_CONTENT")?.value,
                      let root = EmbeddedDocument.yaml(value, in: task.document) else { return nil }
                return CollectorConfigView(document: task.document, root: root, container: container, task: task, source: .ecsEnvironment)
            }
        }
        return files + inline + inKubernetes(kubernetes)
    }
}

extension EmbeddedDocument {
    /// A YAML mapping written as a string (a collector configuration in an environment variable),
    /// located as `located(_:writtenAt:in:)` says; nil when it is not a mapping.
    package static func yaml(_ content: LocatedNode, in document: SourceDocument) -> LocatedNode? {
        guard let scalar = content.scalar, scalar.kind == .string, let text = content.text, text.containsBytes(":"),
              let tree = document.embeddedTrees.tree(of: text, writtenAt: content, in: document),
              tree.pairs != nil else { return nil }
        return located(tree, writtenAt: content, in: document)
    }
}

/// A CloudWatch agent configuration: a JSON file of its own, or inline in a task definition's
/// `CW_CONFIG_CONTENT` (located at that string: JSON escapes hide its lines).
package struct CloudWatchAgentConfigView {
    package let document: SourceDocument
    package let root: LocatedNode
    /// For an inline configuration: its task, which says who must reach the agent.
    package let task: TaskDefinitionView?

    package static func all(documents: [SourceDocument], tasks: [TaskDefinitionView]) -> [CloudWatchAgentConfigView] {
        let files = documents.filter { $0.kind == .cloudwatchAgentConfig }.compactMap { document in
            document.root.map { CloudWatchAgentConfigView(document: document, root: $0, task: nil) }
        }
        let inline = tasks.flatMap { task in
            task.containers.filter { $0.imageKind == .cloudwatchAgent }.compactMap { agent -> CloudWatchAgentConfigView? in
                guard let value = agent.variable("CW_CONFIG_CONTENT")?.value,
                      let root = EmbeddedDocument.json(value, in: task.document) else { return nil }
                return CloudWatchAgentConfigView(document: task.document, root: root, task: task)
            }
        }
        return files + inline
    }
}

extension CollectorConfigView {
    /// The receivers the traces pipeline of a collector config uses, or nil when it cannot be read.
    /// `node` is where the configuration is written, in `document` (whose parse of it is shared).
    package static func traceReceivers(in config: String, writtenAt node: LocatedNode, in document: SourceDocument) -> [String]? {
        guard let root = document.embeddedTrees.tree(of: config, writtenAt: node, in: document) else { return nil }
        let pipelines = root["service"]?["pipelines"]?.pairs ?? []
        let traces = pipelines.filter { $0.key.text?.hasPrefix("traces") == true }
        return traces.flatMap { $0.value["receivers"]?.items?.compactMap(\.text) ?? [] }
    }
}
