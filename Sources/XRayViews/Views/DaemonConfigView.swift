import Foundation
import XRayCore
import XRaySampling

/// The X-Ray daemon's settings from a `cfg.yaml` document or from a container's flags, each
/// with the node to report on. XR5xx rules read both.
package struct DaemonSetting {
    package var value: String?
    package var node: LocatedNode
    /// "cfg.yaml key" or "flag", for messages.
    package var spelledAs: String
}

extension LintRun {
    /// Standalone daemon configuration documents.
    package static func daemonConfigs(_ documents: [SourceDocument]) -> [LocatedNode] {
        documents.filter { $0.kind == .daemonConfig }.compactMap(\.root)
    }

    /// X-Ray daemon containers' command-line flags.
    package static func daemonFlagSets(_ taskDefinitions: [TaskDefinitionView]) -> [DaemonFlags] {
        taskDefinitions.flatMap(\.agents).filter { $0.agentKind == .xrayDaemon }.map(\.flags)
    }

    /// A setting from every config (by key path) and every daemon container (by flag).
    package func daemonSettings(key path: [String], flag: String) -> [DaemonSetting] {
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
package enum EmbeddedDocument {
    package static func parse(_ content: LocatedNode, in document: SourceDocument) -> SourceDocument? {
        guard let text = content.text else { return nil }
        let first = content.location.line // the `|` line; the content starts below it
        let indent = blockIndent(below: first, in: document)
        let loaded = DocumentLoader.loadEmbedded(path: document.path, data: Data(text.utf8), writtenAt: content, budget: document.nodeBudget)
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

    /// A JSON document written as a string (CloudFormation accepts `PolicyDocument` and
    /// `AssumeRolePolicyDocument` that way, often as a `|` block): its tree, located in the file
    /// where the string is a block scalar, at the string itself otherwise. nil when the string is
    /// not a JSON object.
    package static func json(_ content: LocatedNode, in document: SourceDocument) -> LocatedNode? {
        guard let scalar = content.scalar, scalar.kind == .string, let text = content.text,
              text.drop(while: \.isWhitespace).first == "{",
              let tree = document.embeddedTrees.tree(of: text, writtenAt: content, in: document),
              tree.pairs != nil else { return nil }
        return located(tree, writtenAt: content, in: document)
    }

    /// A tree parsed out of a string, placed in the file: line by line when the string is a block
    /// scalar (`|`, `>`), at the string itself otherwise (quotes and escapes hide its lines).
    package static func located(_ tree: LocatedNode, writtenAt content: LocatedNode, in document: SourceDocument) -> LocatedNode {
        let line = document.line(content.location.line) ?? ""
        let indicator = line.dropFirst(max(content.location.column - 1, 0)).first
        if indicator == "|" || indicator == ">" {
            let first = content.location.line
            return tree.shifted(byLines: first, columns: blockIndent(below: first, in: document),
                                pointerPrefix: content.pointer + "#")
        }
        return tree.relocated(to: content.location, pointerPrefix: content.pointer + "#")
    }

    /// The indentation of a block scalar's content: the leading spaces of its first non-blank line
    /// after line `indicatorLine` (1-based, the line holding `|` or `>`).
    private static func blockIndent(below indicatorLine: Int, in document: SourceDocument) -> Int {
        var number = max(indicatorLine, 0) + 1
        while let line = document.line(number) {
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { return line.prefix { $0 == " " }.count }
            number += 1
        }
        return 0
    }
}

extension LocatedNode {
    /// The same tree with every node at one location: for text parsed out of a quoted string,
    /// whose own lines and columns say nothing about the file.
    package func relocated(to location: SourceLocation, pointerPrefix: String) -> LocatedNode {
        var node = self
        node.location = location
        node.pointer = pointerPrefix + node.pointer
        switch node.value {
        case .scalar: break
        case .sequence(let items): node.value = .sequence(items.map { $0.relocated(to: location, pointerPrefix: pointerPrefix) })
        case .mapping(let pairs):
            node.value = .mapping(pairs.map { ($0.key.relocated(to: location, pointerPrefix: pointerPrefix), $0.value.relocated(to: location, pointerPrefix: pointerPrefix)) })
        }
        return node
    }
}
