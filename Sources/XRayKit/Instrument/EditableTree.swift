import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// A document as an ordered, editable value: read from a located tree, changed, written back as
/// YAML (order kept) or canonical JSON.
package indirect enum EditableTree: Equatable {
    case scalar(LocatedNode.Scalar)
    case list([EditableTree])
    case map([(key: String, value: EditableTree)])

    package static func == (a: EditableTree, b: EditableTree) -> Bool { a.yaml == b.yaml }

    package init(_ node: LocatedNode) {
        switch node.value {
        case .scalar(let scalar): self = .scalar(scalar)
        case .sequence(let items): self = .list(items.map(EditableTree.init))
        case .mapping(let pairs): self = .map(pairs.map { (key: $0.key.text ?? "", value: EditableTree($0.value)) })
        }
    }

    package static func string(_ text: String) -> EditableTree { .scalar(.init(text: text, kind: .string, isQuoted: true)) }
    package static func int(_ value: Int) -> EditableTree { .scalar(.init(text: String(value), kind: .int, isQuoted: false)) }
    package static func bool(_ value: Bool) -> EditableTree { .scalar(.init(text: value ? "true" : "false", kind: .bool, isQuoted: false)) }

    package var text: String? { if case .scalar(let scalar) = self, scalar.kind != .null { return scalar.text }; return nil }
    package var items: [EditableTree]? { if case .list(let items) = self { return items }; return nil }
    package var pairs: [(key: String, value: EditableTree)]? { if case .map(let pairs) = self { return pairs }; return nil }

    package subscript(key: String) -> EditableTree? {
        get { pairs?.first { $0.key == key }?.value }
        set {
            guard case .map(var pairs) = self else { return }
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
            self = .map(pairs)
        }
    }

    /// Builds a tree from Encodable artifacts (a container definition), through canonical JSON.
    package static func from<T: Encodable>(_ value: T) -> EditableTree {
        let text = CanonicalJSON.encode(value)
        guard let node = try? YAMLLoader.load(text, file: "generated") else { return .map([]) }
        return EditableTree(node)
    }

    /// Renames keys to CloudFormation's PascalCase, all the way down.
    package var pascalCased: EditableTree {
        switch self {
        case .scalar: return self
        case .list(let items): return .list(items.map(\.pascalCased))
        case .map(let pairs): return .map(pairs.map { (key: $0.key.prefix(1).uppercased() + $0.key.dropFirst(), value: $0.value.pascalCased) })
        }
    }

    package var yamlValue: YAMLValue {
        switch self {
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: return .string(scalar.text)
            case .int: return Int(scalar.text).map(YAMLValue.int) ?? .string(scalar.text)
            case .float: return Double(scalar.text).map(YAMLValue.double) ?? .string(scalar.text)
            case .bool: return .bool(["true", "yes", "on"].contains(scalar.text.lowercased()))
            case .null: return .null
            }
        case .list(let items): return .list(items.map(\.yamlValue))
        case .map(let pairs): return .map(pairs.map { ($0.key, $0.value.yamlValue) })
        }
    }

    package var yaml: String { YAMLWriter.render(yamlValue) }

    package var jsonValue: JSONValue {
        switch self {
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: return .string(scalar.text)
            case .int: return Int(scalar.text).map(JSONValue.int) ?? .string(scalar.text)
            case .float: return Double(scalar.text).map(JSONValue.double) ?? .string(scalar.text)
            case .bool: return .bool(["true", "yes", "on"].contains(scalar.text.lowercased()))
            case .null: return .null
            }
        case .list(let items): return .array(items.map(\.jsonValue))
        case .map(let pairs): return .object(Dictionary(pairs.map { ($0.key, $0.value.jsonValue) }, uniquingKeysWith: { _, last in last }))
        }
    }
}
