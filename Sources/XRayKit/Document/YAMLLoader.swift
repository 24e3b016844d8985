import Yams

/// Loads YAML (and therefore JSON) text into a `LocatedNode` tree.
public enum YAMLLoader {
    /// Parses one document. Empty input yields nil; syntax errors come back as a located diagnostic.
    public static func load(_ text: String, file: String) throws(Diagnostic) -> LocatedNode? {
        do {
            guard let root = try Yams.compose(yaml: text) else { return nil }
            return convert(root, file: file)
        } catch let error as YamlError {
            throw diagnostic(for: error, file: file)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1), "cannot parse: \(error)")
        }
    }

    private static func convert(_ node: Node, file: String) -> LocatedNode {
        let mark = node.mark
        let location = SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            return LocatedNode(.scalar(convert(scalar)), at: location)
        case .mapping(let mapping):
            let pairs = mapping.map { (key: convert($0.key, file: file),
                                       value: convert($0.value, file: file)) }
            return LocatedNode(.mapping(pairs), at: location)
        case .sequence(let sequence):
            return LocatedNode(.sequence(sequence.map { convert($0, file: file) }), at: location)
        case .alias:
            // Yams resolves aliases while composing; an unresolved one reads as null.
            return LocatedNode(.scalar(.init(text: "", kind: .null, isQuoted: false)), at: location)
        }
    }

    private static func convert(_ scalar: Node.Scalar) -> LocatedNode.Scalar {
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            || scalar.style == .literal || scalar.style == .folded
        let kind: LocatedNode.Scalar.Kind
        if quoted {
            kind = .string
        } else {
            switch Node.scalar(scalar).tag.rawValue {
            case Tag.Name.bool.rawValue: kind = .bool
            case Tag.Name.int.rawValue: kind = .int
            case Tag.Name.float.rawValue: kind = .float
            case Tag.Name.null.rawValue: kind = .null
            default: kind = .string
            }
        }
        return .init(text: scalar.string, kind: kind, isQuoted: quoted)
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return .error(at: at(mark), "invalid YAML: \(prefix)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(at: at(context.mark), "duplicate key \(keys) in this mapping")
        case .reader(let problem, let offset, _, let yaml):
            var location = SourceLocation(file: file, line: 1, column: 1)
            if let offset {
                let prefix = yaml.utf8.prefix(offset)
                let lines = prefix.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                location.line = lines.count
                location.column = (lines.last?.count ?? 0) + 1
            }
            return .error(at: location, "cannot read: \(problem)")
        default:
            return .error(at: SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(error)")
        }
    }
}
