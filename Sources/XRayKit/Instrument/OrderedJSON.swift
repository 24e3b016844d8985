import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// JSON written from an editable tree in its own key order and the input's indentation, so an
/// instrumented file differs from the original only where something changed.
package enum OrderedJSON {
    package static func render(_ tree: EditableTree, indent: Int) -> String {
        var output = ""
        write(tree, depth: 0, indent: String(repeating: " ", count: indent), into: &output)
        return output + "\n"
    }

    /// The indentation of the first indented line (2 when none is found).
    package static func indentation(of text: String) -> Int {
        for line in text.split(separator: "\n").dropFirst() {
            let spaces = line.prefix { $0 == " " }.count
            if spaces > 0 { return spaces }
        }
        return 2
    }

    private static func write(_ tree: EditableTree, depth: Int, indent: String, into output: inout String) {
        let inner = String(repeating: indent, count: depth + 1), outer = String(repeating: indent, count: depth)
        switch tree {
        case .scalar(let scalar):
            output += literal(scalar)
        case .list(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += inner
                write(item, depth: depth + 1, indent: indent, into: &output)
                output += index < items.count - 1 ? ",\n" : "\n"
            }
            output += outer + "]"
        case .map(let pairs):
            guard !pairs.isEmpty else { output += "{}"; return }
            output += "{\n"
            for (index, pair) in pairs.enumerated() {
                output += inner + quoted(pair.key) + ": "
                write(pair.value, depth: depth + 1, indent: indent, into: &output)
                output += index < pairs.count - 1 ? ",\n" : "\n"
            }
            output += outer + "}"
        }
    }

    private static func literal(_ scalar: LocatedNode.Scalar) -> String {
        switch scalar.kind {
        case .string: return quoted(scalar.text)
        case .int, .float: return scalar.text
        case .bool: return ["true", "yes", "on"].contains(scalar.text.lowercased()) ? "true" : "false"
        case .null: return "null"
        }
    }

    /// A string as JSON text, escaped by Foundation's encoder.
    private static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
