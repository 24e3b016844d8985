import Yams

/// Loads YAML (and therefore JSON) text into a `LocatedNode` tree.
public enum YAMLLoader {
    public struct Options: Sendable {
        /// Turn CloudFormation short forms (`!Ref x`, `!GetAtt a.b`, `!Sub …`) into their long forms.
        public var cloudFormationTags = false
        /// The most nodes a document may expand to: aliases can make a small file enormous.
        public var nodeBudget = 2_000_000

        public init(cloudFormationTags: Bool = false, nodeBudget: Int = 2_000_000) {
            self.cloudFormationTags = cloudFormationTags
            self.nodeBudget = nodeBudget
        }
    }

    /// The deepest nesting accepted. Yams composes recursively, so deeper input would exhaust the
    /// stack; no real setup comes near it.
    public static let maxDepth = 200

    /// Parses one document. Empty input yields nil; syntax errors come back as a located diagnostic.
    public static func load(_ text: String, file: String, options: Options = Options()) throws(Diagnostic) -> LocatedNode? {
        if let (line, column) = NestingScanner.firstPositionDeeper(than: maxDepth, in: text) {
            throw Diagnostic.error(at: SourceLocation(file: file, line: line, column: column),
                                   "nesting deeper than \(maxDepth) levels")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw diagnostic(for: error, file: file)
        } catch {
            throw Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1), "cannot parse: \(error)")
        }
        guard let root else { return nil }
        var converter = Converter(file: file, options: options)
        let node = converter.convert(root, pointer: "")
        if converter.exhausted {
            throw Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1),
                                   "the document expands to more than \(options.nodeBudget) nodes (aliases repeated many times?)")
        }
        return node
    }

    private struct Converter {
        let file: String
        let options: Options
        var remaining: Int
        var exhausted = false

        init(file: String, options: Options) {
            self.file = file
            self.options = options
            remaining = options.nodeBudget
        }

        mutating func convert(_ node: Node, pointer: String) -> LocatedNode {
            let mark = node.mark
            let location = SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
            remaining -= 1
            if remaining < 0 {
                exhausted = true
                return LocatedNode(.scalar(.init(text: "", kind: .null, isQuoted: false)), at: location, pointer: pointer)
            }
            // A CloudFormation short form wraps the node: its children sit below the function's name.
            let function = options.cloudFormationTags ? CloudFormationTags.longForm(of: node.tag.rawValue) : nil
            let outer = pointer
            let pointer = function.map { outer + "/" + LocatedNode.escape($0) } ?? outer
            var converted: LocatedNode
            switch node {
            case .scalar(let scalar):
                converted = LocatedNode(.scalar(YAMLLoader.convert(scalar)), at: location, pointer: pointer)
            case .mapping(let mapping):
                var pairs: [(key: LocatedNode, value: LocatedNode)] = []
                pairs.reserveCapacity(mapping.count)
                for (key, value) in mapping {
                    if exhausted { break }
                    let keyText = key.scalar?.string ?? ""
                    let childPointer = pointer + "/" + LocatedNode.escape(keyText)
                    pairs.append((key: convert(key, pointer: childPointer), value: convert(value, pointer: childPointer)))
                }
                converted = LocatedNode(.mapping(pairs), at: location, pointer: pointer)
            case .sequence(let sequence):
                var items: [LocatedNode] = []
                for (index, item) in sequence.enumerated() {
                    if exhausted { break }
                    items.append(convert(item, pointer: pointer + "/\(index)"))
                }
                converted = LocatedNode(.sequence(items), at: location, pointer: pointer)
            case .alias:
                // Yams resolves aliases while composing; an unresolved one reads as null.
                converted = LocatedNode(.scalar(.init(text: "", kind: .null, isQuoted: false)), at: location, pointer: pointer)
            }
            if let function {
                converted = CloudFormationTags.wrap(converted, function: function, pointer: outer)
            }
            return converted
        }
    }

    static func convert(_ scalar: Node.Scalar) -> LocatedNode.Scalar {
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

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
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

/// Finds nesting deeper than a limit before the recursive composer sees it: flow brackets and
/// braces outside quotes, and block sequences opened on one line (`- - - x`). It over-counts
/// brackets inside plain scalars, which is harmless at a limit no real file reaches.
enum NestingScanner {
    static func firstPositionDeeper(than limit: Int, in text: String) -> (line: Int, column: Int)? {
        var depth = 0, line = 1, column = 0
        var quote: Character?
        var escaped = false
        var lineIndicators = 0, atLineStart = true
        for character in text {
            column += 1
            if character == "\n" {
                line += 1
                column = 0
                lineIndicators = 0
                atLineStart = true
                if quote == "'" { continue }
                continue
            }
            if let open = quote {
                if escaped { escaped = false } else if character == "\\" && open == "\"" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "[", "{":
                depth += 1
                if depth > limit { return (line, column) }
            case "]", "}": depth = max(0, depth - 1)
            case "-", "?":
                if atLineStart {
                    lineIndicators += 1
                    if lineIndicators > limit { return (line, column) }
                }
            case " ", "\t": break
            default: atLineStart = false
            }
        }
        return nil
    }
}
