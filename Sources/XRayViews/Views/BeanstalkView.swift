import XRayCore
import XRaySampling

/// An `.ebextensions` config file: its option settings (either form) and files.
package struct BeanstalkConfigView {
    package let document: SourceDocument
    package let root: LocatedNode

    package struct Option {
        package var namespace: String
        package var namespaceNode: LocatedNode
        package var name: String
        package var nameNode: LocatedNode
        package var value: LocatedNode?
    }

    /// `option_settings` as a mapping (`namespace: {option: value}`) or a list
    /// (`- namespace: …, option_name: …, value: …`).
    package var options: [Option] {
        guard let settings = root["option_settings"] else { return [] }
        if let pairs = settings.pairs {
            return pairs.flatMap { namespace, options -> [Option] in
                guard let space = namespace.text else { return [] }
                return (options.pairs ?? []).compactMap { key, value in
                    key.text.map { Option(namespace: space, namespaceNode: namespace, name: $0, nameNode: key, value: value) }
                }
            }
        }
        return (settings.items ?? []).compactMap { entry in
            guard let namespace = entry["namespace"], let space = namespace.text,
                  let name = entry["option_name"], let option = name.text else { return nil }
            return Option(namespace: space, namespaceNode: namespace, name: option, nameNode: name, value: entry["value"])
        }
    }

    package static let xrayNamespace = "aws:elasticbeanstalk:xray"

    package var xrayEnabled: Option? { options.first { $0.namespace == Self.xrayNamespace && $0.name == "XRayEnabled" } }

    /// The folder holding `.ebextensions`: the application source bundle's root.
    package var bundleRoot: String {
        let parts = document.path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.dropLast(2).joined(separator: "/")
    }
}

extension LintRun {
    package static func beanstalkConfigs(_ documents: [SourceDocument]) -> [BeanstalkConfigView] {
        documents.filter { $0.kind == .ebextensions }.compactMap { document in
            document.root.map { BeanstalkConfigView(document: document, root: $0) }
        }
    }
}
