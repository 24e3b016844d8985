import Yams

/// An ordered YAML value for the documents xrayctl writes (CloudFormation, .ebextensions, cfg.yaml).
/// Keys keep the order they are given in, because readers of these files expect a familiar order.
public indirect enum YAMLValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    /// A multi-line string written as a literal block (`|`), such as a file's content.
    case block(String)
    case list([YAMLValue])
    case map([(String, YAMLValue)])

    public static func == (a: YAMLValue, b: YAMLValue) -> Bool {
        YAMLWriter.render(a) == YAMLWriter.render(b)
    }
}

extension YAMLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

public enum YAMLWriter {
    /// Two-space indentation, no line wrapping, and a trailing newline.
    public static func render(_ value: YAMLValue) -> String {
        do {
            return try Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true)
        } catch {
            // The nodes are built from plain strings and numbers, which libyaml always emits.
            preconditionFailure("YAML emission failed: \(error)")
        }
    }

    private static func node(_ value: YAMLValue) -> Node {
        switch value {
        case .string(let text):
            // A string that would read back as another type (true, 1.0, null, 2000:01) is quoted,
            // so every YAML 1.1 reader, cfn-lint included, sees a string.
            let plain = Node(text)
            let style: Node.Scalar.Style = Resolver.default.resolveTag(of: plain) == .str ? .any : .doubleQuoted
            return Node(text, Tag(.str), style)
        case .int(let number): return Node(String(number), Tag(.int))
        case .double(let number): return Node(String(number), Tag(.float))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .null: return Node("null", Tag(.null))
        case .block(let text):
            // A literal block reads best, but libyaml cannot hold every text in one (a CR, NEL or
            // line separator reads back as another break or a space; so can a line that starts
            // with a combining mark): such a text is written quoted, which holds any text.
            let literal = Node(text, Tag(.str), .literal)
            return readsBack(literal, as: text) ? literal : node(.string(text))
        case .list(let items): return Node(items.map(node))
        case .map(let pairs): return Node(pairs.map { (Node($0.0, Tag(.str)), node($0.1)) })
        }
    }

    /// Whether libyaml reads the scalar back as exactly `text`.
    private static func readsBack(_ scalar: Node, as text: String) -> Bool {
        let document = Node([(Node("v", Tag(.str)), scalar)])
        guard let yaml = try? Yams.serialize(node: document, indent: 2, width: -1, allowUnicode: true),
              let loaded = try? Yams.compose(yaml: yaml) else { return false }
        return loaded["v"]?.string == text
    }
}
