import XRayCore
import XRaySampling

/// The X-Ray daemon's command-line flags as written in a container's entryPoint/command
/// (`-m 24`, `--buffer-memory=24`, `-m=24`; docs/xray-facts.md §1.4). Values keep their nodes for findings.
package struct DaemonFlags {
    package struct Flag {
        package var name: String
        package var node: LocatedNode
        package var value: String?
        package var valueNode: LocatedNode?
    }

    /// Short flag → long name.
    package static let names: [String: String] = [
        "a": "resource-arn", "o": "local-mode", "m": "buffer-memory", "n": "region", "b": "bind", "t": "bind-tcp",
        "r": "role-arn", "c": "config", "f": "log-file", "l": "log-level", "p": "proxy-address", "v": "version", "h": "help",
    ]
    package static let booleans: Set<String> = ["local-mode", "version", "help"]

    package let flags: [Flag]

    package init(_ arguments: [LocatedNode]) {
        // A token may hold several words ("-o -n us-east-2"); split them, keeping the token's node.
        let words = arguments.flatMap { node in (node.text ?? "").split(separator: " ").map { (String($0), node) } }
        var flags: [Flag] = []
        var index = 0
        while index < words.count {
            let (word, node) = words[index]
            index += 1
            guard word.hasPrefix("-"), word.count > 1 else { continue }
            var name = String(word.drop { $0 == "-" })
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            name = Self.names[name] ?? name
            var valueNode: LocatedNode? = value == nil ? nil : node
            if value == nil, !Self.booleans.contains(name), index < words.count, !words[index].0.hasPrefix("-") {
                (value, valueNode) = (words[index].0, words[index].1)
                index += 1
            }
            flags.append(Flag(name: name, node: node, value: value, valueNode: valueNode))
        }
        self.flags = flags
    }

    package subscript(name: String) -> Flag? { flags.last { $0.name == name } }

    /// `--bind` / `--bind-tcp` set to a loopback address: only the daemon's own network namespace
    /// reaches it.
    package var loopbackBinds: [(name: String, flag: Flag, value: String)] {
        ["bind", "bind-tcp"].compactMap { name in
            guard let flag = self[name], let value = flag.value,
                  let host = value.split(separator: ":").first.map(String.init), DaemonAddress.isLoopback(host) else { return nil }
            return (name, flag, value)
        }
    }
}
