import Foundation

/// The X-Ray daemon's settings from a `cfg.yaml` document or from a container's flags, each
/// with the node to report on. XR5xx rules read both.
struct DaemonSetting {
    var value: String?
    var node: LocatedNode
    /// "cfg.yaml key" or "flag", for messages.
    var spelledAs: String
}

extension LintRun {
    /// Standalone daemon configuration documents.
    static func daemonConfigs(_ documents: [SourceDocument]) -> [LocatedNode] {
        documents.filter { $0.kind == .daemonConfig }.compactMap(\.root)
    }

    /// X-Ray daemon containers' command-line flags.
    static func daemonFlagSets(_ taskDefinitions: [TaskDefinitionView]) -> [DaemonFlags] {
        taskDefinitions.flatMap(\.agents).filter { $0.agentKind == .xrayDaemon }.map(\.flags)
    }

    /// A setting from every config (by key path) and every daemon container (by flag).
    func daemonSettings(key path: [String], flag: String) -> [DaemonSetting] {
        var settings: [DaemonSetting] = []
        for config in daemonConfigs {
            var node: LocatedNode? = config
            for key in path { node = node?[key] }
            if let node { settings.append(DaemonSetting(value: node.text, node: node, spelledAs: path.joined(separator: "."))) }
        }
        for flags in daemonFlagSets {
            if let found = flags[flag] {
                settings.append(DaemonSetting(value: found.value, node: found.valueNode ?? found.node, spelledAs: "--\(flag)"))
            }
        }
        return settings
    }
}

/// A daemon config embedded in another file (the `content` of an `.ebextensions` `files:` entry),
/// parsed with its lines and columns mapped back into that file.
enum EmbeddedDocument {
    static func parse(_ content: LocatedNode, in document: SourceDocument) -> SourceDocument? {
        guard let text = content.text else { return nil }
        let lines = document.text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = content.location.line // the `|` line; the content starts below it
        let indent = lines.dropFirst(first).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count } ?? 0
        let loaded = DocumentLoader.load(path: document.path, data: Data(text.utf8))
        func shift(_ location: SourceLocation) -> SourceLocation {
            SourceLocation(file: location.file, line: location.line + first, column: location.column + indent)
        }
        var embedded = loaded
        embedded.root = loaded.root?.shifted(byLines: first, columns: indent, pointerPrefix: content.pointer + "#")
        embedded.kind = .daemonConfig
        embedded.loadFindings = loaded.loadFindings.map { finding in
            var finding = finding
            finding.location = shift(finding.location)
            return finding
        }
        return embedded
    }
}
