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
        case .block(let text): return Node(text, Tag(.str), .literal)
        case .list(let items): return Node(items.map(node))
        case .map(let pairs): return Node(pairs.map { (Node($0.0, Tag(.str)), node($0.1)) })
        }
    }
}
