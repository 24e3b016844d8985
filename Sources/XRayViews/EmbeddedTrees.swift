import Foundation
import XRayCore
import XRaySampling

/// The trees of documents written as strings in one file (a collector configuration in an
/// environment variable or a ConfigMap, a policy as a JSON string), each parsed once per run:
/// the views that gather them and the rules that look again share the first parse. Shared by the
/// documents of a file like its node budget, which already charges each string once.
package final class EmbeddedTrees: @unchecked Sendable {
    private struct Key: Hashable {
        var place: String
        var text: String
    }

    private let lock = NSLock()
    /// nil: the string did not parse.
    private var parsed: [Key: LocatedNode?] = [:]

    /// The string's tree as parsed, unlocated (nil when it does not parse).
    package func tree(of text: String, writtenAt content: LocatedNode, in document: SourceDocument) -> LocatedNode? {
        let key = Key(place: NodeBudget.key(for: content), text: text)
        lock.lock()
        if let known = parsed[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        // Parsed outside the lock: two threads asking for one string at once both parse it and
        // agree; the budget charges a string once however often it is parsed.
        let tree = try? YAMLLoader.load(text, file: document.path, options: .embedded(at: content, in: document.nodeBudget))
        lock.lock()
        parsed[key] = .some(tree)
        lock.unlock()
        return tree
    }
}
