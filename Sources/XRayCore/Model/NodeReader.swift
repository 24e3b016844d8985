/// Reads typed values out of a `LocatedNode` tree, collecting every problem with its location
/// instead of stopping at the first, so a user fixes a model in one pass.
package final class NodeReader {
    package init() {}

    package private(set) var diagnostics: [Diagnostic] = []
    /// The text the tree was read from, when there is one: places an error inside a quoted string.
    package var sourceText: String?

    /// Line `number` (1-based) of the source text.
    package func sourceLine(_ number: Int) -> Substring? {
        guard let sourceText, number >= 1 else { return nil }
        return sourceText.split(separator: "\n", maxSplits: number, omittingEmptySubsequences: false).dropFirst(number - 1).first
    }

    /// A refused value, about the key at the node's pointer.
    package func error(_ node: LocatedNode, _ message: String, predicate: String? = nil) {
        var diagnostic = Diagnostic.error(at: node.location, message)
        diagnostic.key = ModelKey(pointer: node.pointer, predicate: predicate)
        diagnostics.append(diagnostic)
    }

    /// A refused value whose message is `what` then `predicate` ("port" "must be between 1 and
    /// 65535, found 0"), so it also reads after another name for the key, such as a flag's.
    package func error(_ node: LocatedNode, _ what: String, _ predicate: String) {
        error(node, "\(what) \(predicate)", predicate: predicate)
    }

    /// A diagnostic made elsewhere, such as one placed inside a scalar's text.
    package func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    package func error(at location: SourceLocation, _ message: String) {
        diagnostics.append(.error(at: location, message))
    }

    package func warning(at location: SourceLocation, _ message: String) {
        diagnostics.append(.warning(at: location, message))
    }

    package func warning(_ node: LocatedNode, _ message: String) {
        var diagnostic = Diagnostic.warning(at: node.location, message)
        diagnostic.key = ModelKey(pointer: node.pointer)
        diagnostics.append(diagnostic)
    }

    /// The fields of a mapping whose keys must come from `keys`. Unknown keys are errors with a
    /// did-you-mean; `context` names the mapping in messages ("agent", "service 'api'").
    /// `misplaced` may explain a key that is known elsewhere but not valid here.
    package func fields(_ node: LocatedNode, _ context: String, keys: [String],
                misplaced: (String) -> String? = { _ in nil }) -> Fields? {
        guard let pairs = node.pairs else {
            error(node, "\(context) must be a mapping, found \(node.typeName)")
            return nil
        }
        var values: [String: LocatedNode] = [:]
        for (key, value) in pairs {
            guard let name = key.scalar?.text, key.scalar?.kind != .null else {
                error(key, "keys in \(context) must be strings")
                continue
            }
            // A repeated key, renamed by the loader so reading goes on; the decoder has reported it.
            if name.unicodeScalars.last.map({ (0xE000...0xF8FF).contains($0.value) }) == true { continue }
            guard keys.contains(name) else {
                if let explanation = misplaced(name) {
                    error(key, explanation)
                    continue
                }
                error(key, "unknown key '\(name)' in \(context)\(Suggestion.didYouMean(name, in: keys))")
                continue
            }
            values[name] = value
        }
        return Fields(node: node, values: values)
    }

    package struct Fields {
        package let node: LocatedNode
        package let values: [String: LocatedNode]
        package subscript(key: String) -> LocatedNode? { values[key] }
    }

    /// A required field; reports its absence at the mapping.
    package func required(_ fields: Fields, _ key: String, _ context: String) -> LocatedNode? {
        if let node = fields[key] { return node }
        var diagnostic = Diagnostic.error(at: fields.node.location, "\(context) is missing the required key '\(key)'")
        diagnostic.key = ModelKey(pointer: fields.node.pointer + "/" + LocatedNode.escape(key), isMissing: true)
        diagnostics.append(diagnostic)
        return nil
    }

    /// Any scalar read as text. Numbers and booleans keep their spelling, so an unquoted account
    /// ID such as 012345678901 keeps its leading zero.
    package func string(_ node: LocatedNode, _ what: String) -> String? {
        guard let scalar = node.scalar, scalar.kind != .null else {
            error(node, what, "must be a string, found \(node.typeName)")
            return nil
        }
        guard !scalar.text.isEmpty else {
            error(node, what, "must not be empty")
            return nil
        }
        return scalar.text
    }

    package func int(_ node: LocatedNode, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard let scalar = node.scalar, scalar.kind == .int || (scalar.kind == .string && !scalar.isQuoted),
              let value = Int(scalar.text.replacingOccurrences(of: "_", with: "")) else {
            let bounds = range.upperBound == Int.max ? "from \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            error(node, what, "must be a whole number \(bounds), found \(node.text.map { "'\($0)'" } ?? node.typeName)")
            return nil
        }
        guard range.contains(value) else {
            error(node, what, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    package func double(_ node: LocatedNode, _ what: String, in range: ClosedRange<Double>) -> Double? {
        guard let scalar = node.scalar, scalar.kind == .int || scalar.kind == .float,
              let value = Double(scalar.text), value.isFinite else {
            error(node, what, "must be a number between \(range.lowerBound) and \(range.upperBound), found \(node.text.map { "'\($0)'" } ?? node.typeName)")
            return nil
        }
        guard range.contains(value) else {
            error(node, what, "must be between \(range.lowerBound) and \(range.upperBound), found \(scalar.text)")
            return nil
        }
        return value
    }

    /// One of a fixed set of words, with a did-you-mean when it is close to one.
    package func choice(_ node: LocatedNode, _ what: String, from choices: [String]) -> String? {
        guard let text = string(node, what) else { return nil }
        guard choices.contains(text) else {
            let list = choices.joined(separator: ", ")
            error(node, what, "must be one of \(list); found '\(text)'\(Suggestion.didYouMean(text, in: choices))")
            return nil
        }
        return text
    }

    package func stringList(_ node: LocatedNode, _ what: String) -> [String]? {
        guard let items = node.items else {
            error(node, what, "must be a list, found \(node.typeName)")
            return nil
        }
        let strings = items.compactMap { string($0, "each entry of \(what)") }
        return strings.count == items.count ? strings : nil
    }

    /// A mapping of names to scalar values (an environment), values read as text.
    package func stringMap(_ node: LocatedNode, _ what: String) -> [String: (String, LocatedNode)]? {
        guard let pairs = node.pairs else {
            error(node, what, "must be a mapping of names to values, found \(node.typeName)")
            return nil
        }
        var map: [String: (String, LocatedNode)] = [:]
        for (key, value) in pairs {
            guard let name = string(key, "a name in \(what)") else { continue }
            guard let scalar = value.scalar, scalar.kind != .null else {
                error(value, "the value of \(name) in \(what) must be a string, found \(value.typeName)")
                continue
            }
            map[name] = (scalar.text, key)
        }
        return map
    }
}
