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
    /// Two-space indentation, no line wrapping, and a trailing newline. `DirectYAMLWriter` writes
    /// what Yams would, byte for byte, at a fraction of the cost; what it does not write (literal
    /// blocks among them) is written by Yams.
    public static func render(_ value: YAMLValue) -> String {
        DirectYAMLWriter.render(value, readsAsString: readsAsString) ?? renderWithYams(value)
    }

    /// The document as Yams writes it: the reference `DirectYAMLWriter` is tested against.
    static func renderWithYams(_ value: YAMLValue) -> String {
        do {
            return try Yams.serialize(node: node(value, Tags()), indent: 2, width: -1, allowUnicode: true)
        } catch {
            // The nodes are built from plain strings and numbers, which libyaml always emits.
            preconditionFailure("YAML emission failed: \(error)")
        }
    }

    /// The tags of one document, made once for it: each `Tag(_:)` builds Yams's default constructor
    /// table anew, which cost more than the rest of writing a large template. (Yams's tags are
    /// mutable classes, so no two renderings share them.)
    private struct Tags {
        let str = Tag(.str), int = Tag(.int), float = Tag(.float), bool = Tag(.bool), null = Tag(.null)
    }

    private static func node(_ value: YAMLValue, _ tags: Tags) -> Node {
        switch value {
        case .string(let text):
            // A string that would read back as another type (true, 1.0, null, 2000:01) is quoted,
            // so every YAML 1.1 reader, cfn-lint included, sees a string.
            let style: Node.Scalar.Style = readsAsString(text) ? .any : .doubleQuoted
            return Node(text, tags.str, style)
        case .int(let number): return Node(String(number), tags.int)
        case .double(let number): return Node(String(number), tags.float)
        case .bool(let flag): return Node(flag ? "true" : "false", tags.bool)
        case .null: return Node("null", tags.null)
        case .block(let text):
            // A literal block reads best, but libyaml cannot hold every text in one (a CR, NEL or
            // line separator reads back as another break or a space; so can a line that starts
            // with a combining mark): such a text is written quoted, which holds any text.
            let literal = Node(text, tags.str, .literal)
            return readsBack(literal, as: text, tags) ? literal : node(.string(text), tags)
        case .list(let items): return Node(items.map { node($0, tags) })
        case .map(let pairs): return Node(pairs.map { (Node($0.0, tags.str), node($0.1, tags)) })
        }
    }

    /// Whether a plain scalar reads back as a string: not a boolean, number, null, timestamp, `<<`
    /// or `=` by YAML 1.1's rules.
    private static func readsAsString(_ text: String) -> Bool {
        PlainScalarType(text) == .string
    }

    /// Whether libyaml reads the scalar back as exactly `text`.
    private static func readsBack(_ scalar: Node, as text: String, _ tags: Tags) -> Bool {
        let document = Node([(Node("v", tags.str), scalar)])
        guard let yaml = try? Yams.serialize(node: document, indent: 2, width: -1, allowUnicode: true),
              let loaded = try? Yams.compose(yaml: yaml) else { return false }
        return loaded["v"]?.string == text
    }
}
