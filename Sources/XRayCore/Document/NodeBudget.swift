import Foundation

/// The nodes the documents written as strings inside one input file (policies, collector and daemon
/// configurations, container definitions) may expand to, all of them together: with only the limit
/// per parse, each of a thousand small embedded strings could expand to just under it through
/// aliases, and a 16 KB file asked for gigabytes. The file's own document has its own limit.
///
/// Each string is charged once, however many readers parse it (a collector configuration is read
/// by its view and by XR120): strings are known by where they are written (`key(for:)`).
public final class NodeBudget: @unchecked Sendable {
    /// As much as one document may expand to on its own (`YAMLLoader.Options.nodeBudget`).
    public static let perFile = YAMLLoader.Options().nodeBudget

    private let lock = NSLock()
    private var remaining: Int
    private var charged = Set<String>()
    private var refused = false

    public init(nodes: Int = perFile) {
        remaining = nodes
    }

    /// The string written at this node, for `take` and `available`: its place and its pointer
    /// (documents of a YAML stream share pointers; strings parsed out of a string share a place).
    public static func key(for node: LocatedNode) -> String {
        "\(node.location.line):\(node.location.column)\(node.pointer)"
    }

    /// The nodes a parse of the string `key` may expand to: all it needs once it has been charged.
    package func available(for key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if refused { return 0 }
        return charged.contains(key) ? .max : remaining
    }

    /// Whether a parse was refused for want of nodes: the file's documents were not all read.
    public var isExhausted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return refused
    }

    /// Charges the string `key` with `nodes` (once), or marks the budget exhausted and returns
    /// false when fewer are left.
    package func take(_ nodes: Int, for key: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if refused { return false }
        if charged.contains(key) { return true }
        guard nodes <= remaining else {
            refused = true
            return false
        }
        remaining -= nodes
        charged.insert(key)
        return true
    }

    /// Marks the budget exhausted: a string needed more than was left.
    package func refuse() {
        lock.lock()
        defer { lock.unlock() }
        refused = true
    }
}
