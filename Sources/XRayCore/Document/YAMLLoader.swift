import Yams

/// Loads YAML (and therefore JSON) text into a `LocatedNode` tree.
public enum YAMLLoader {
    public struct Options: Sendable {
        /// Turn CloudFormation short forms (`!Ref x`, `!GetAtt a.b`, `!Sub …`) into their long forms.
        public var cloudFormationTags = false
        /// The most nodes a document may expand to: aliases can make a small file enormous.
        public var nodeBudget = 2_000_000
        /// For text written as a string inside a file: the budget shared by everything parsed out of
        /// that file, and the string's key there (`NodeBudget.key(for:)`). The parse takes what it
        /// expands to from the budget, and is refused when that is not left.
        public var fileBudget: (budget: NodeBudget, key: String)?

        public init(cloudFormationTags: Bool = false, nodeBudget: Int = 2_000_000, fileBudget: (budget: NodeBudget, key: String)? = nil) {
            self.cloudFormationTags = cloudFormationTags
            self.nodeBudget = nodeBudget
            self.fileBudget = fileBudget
        }

        /// For the string written at `node` in a file whose budget is `budget`.
        package static func embedded(at node: LocatedNode, in budget: NodeBudget, cloudFormationTags: Bool = false) -> Options {
            Options(cloudFormationTags: cloudFormationTags, fileBudget: (budget, NodeBudget.key(for: node)))
        }
    }

    /// The deepest nesting accepted. Yams composes recursively, so deeper input would exhaust the
    /// stack; no real setup comes near it.
    public static let maxDepth = 200

    /// Parses one document. Empty input yields nil; syntax errors come back as a located diagnostic.
    public static func load(_ text: String, file: String, options: Options = Options()) throws(Diagnostic) -> LocatedNode? {
        let limit = try limit(text, file: file, options: options)
        let roots: [LocatedNode]
        if let direct = try composeDirectly(text, file: file, options: options, limit: limit) {
            roots = direct
        } else {
            _ = try prepass(text, file: file, options: options, limit: limit)
            roots = try compose(text, file: file, options: options)
        }
        if roots.count > 1, let second = roots.dropFirst().first {
            throw Diagnostic.error(at: second.location, "the file holds \(roots.count) YAML documents (separated by ---); only one is read here")
        }
        return roots.first
    }

    /// Like `load`, but a repeated key does not stop it: the last character of each repeat is
    /// renamed to a private-use character (so the rest of the file is still read) and the repeats
    /// are returned, for the linter to report.
    /// Every document of the stream (a Kubernetes or Helm file holds several, separated by `---`).
    package static func loadMarkingDuplicates(_ text: String, file: String, options: Options = Options())
        throws(Diagnostic) -> (roots: [LocatedNode], duplicates: [YAMLPrepass.RepeatedKey]) {
        let limit = try limit(text, file: file, options: options)
        if let direct = try composeDirectly(text, file: file, options: options, limit: limit) { return (direct, []) }
        let scan = try prepass(text, file: file, options: options, limit: limit)
        // Past the private-use characters there are to rename with, report the repeats and stop.
        if scan.duplicates.count > YAMLPrepass.markLimit { return ([], scan.duplicates) }
        guard let marked = YAMLPrepass.markingDuplicates(scan.duplicates, in: text) else {
            return (try compose(text, file: file, options: options), [])
        }
        return (try compose(marked, file: file, options: options), scan.duplicates)
    }

    /// The nodes the text may expand to, after refusing nesting deeper than `maxDepth` (which
    /// Yams's recursive composer could not survive) and a file whose budget is spent.
    private static func limit(_ text: String, file: String, options: Options) throws(Diagnostic) -> Int {
        if let (line, column) = NestingScanner.firstPositionDeeper(than: maxDepth, in: text) {
            throw Diagnostic.error(at: SourceLocation(file: file, line: line, column: column),
                                   "nesting deeper than \(maxDepth) levels")
        }
        let limit = min(options.nodeBudget, options.fileBudget.map { $0.budget.available(for: $0.key) } ?? .max)
        if limit == 0 { throw fileExhausted(file) }
        return limit
    }

    private static func fileExhausted(_ file: String) -> Diagnostic {
        Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1), Self.fileBudgetMessage)
    }

    /// The one-pass route (`YAMLEventComposer`), charging the file's budget as the prepass would;
    /// nil when the text needs the full route below.
    private static func composeDirectly(_ text: String, file: String, options: Options, limit: Int) throws(Diagnostic) -> [LocatedNode]? {
        guard let composed = YAMLEventComposer.compose(text, file: file, cloudFormationTags: options.cloudFormationTags, limit: limit) else {
            return nil
        }
        if let (budget, key) = options.fileBudget, !budget.take(composed.nodes, for: key) { throw fileExhausted(file) }
        return composed.roots
    }

    /// Refuses, before anything is composed, what composing could not survive: more nodes than
    /// the budget, keys that are collections or their aliases.
    private static func prepass(_ text: String, file: String, options: Options, limit: Int) throws(Diagnostic) -> YAMLPrepass {
        let exhausted = fileExhausted(file)
        let scan = YAMLPrepass.scan(text, budget: limit)
        switch scan.problem {
        case .tooLarge? where limit < options.nodeBudget:
            // Within the limit of one document, beyond what the file has left.
            options.fileBudget?.budget.refuse()
            throw exhausted
        case .tooLarge(_, let viaAliases)?:
            throw Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1), viaAliases
                ? "the document expands to more than \(options.nodeBudget) nodes through its aliases (&anchor / *alias); xrayctl does not expand it"
                : "the document has more than \(options.nodeBudget) nodes, more than any setup xrayctl reads (a CloudFormation template is at most 1 MB); split it")
        case .complexKey(let line, let column)?:
            throw Diagnostic.error(at: SourceLocation(file: file, line: line + 1, column: column + 1),
                                   "a mapping key that is a list or a mapping (or an alias of one); xrayctl reads only text keys")
        case nil:
            if let (budget, key) = options.fileBudget, !budget.take(scan.expandedNodes, for: key) { throw exhausted }
            return scan
        }
    }

    package static let fileBudgetMessage = "the documents written as strings in this file (policies, configurations) expand to more than \(NodeBudget.perFile) nodes in all; xrayctl does not read them (aliases repeated many times?)"

    /// The full route's tree: Yams composes, then the conversion (tests compare it with the one-pass route).
    package static func compose(_ text: String, file: String, options: Options) throws(Diagnostic) -> [LocatedNode] {
        var roots: [Node] = []
        do {
            // The basic resolver keeps every scalar a string while composing: Yams hashes each key
            // to find duplicates, and with the default resolver that runs regular expressions on
            // every key. Types are resolved afterwards, only for scalars that can be non-strings.
            // Parser.nextRoot, not compose_all: its sequence swallows the error that ends it.
            let parser = try Parser(yaml: text, resolver: .basic)
            while let root = try parser.nextRoot() { roots.append(root) }
        } catch let error as YamlError {
            throw diagnostic(for: error, file: file)
        } catch {
            throw Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1), "cannot parse: \(error)")
        }
        // One budget for the whole stream.
        var converter = Converter(file: file, options: options)
        let nodes = roots.map { converter.convert($0, pointer: "") }
        if converter.exhausted {
            throw Diagnostic.error(at: SourceLocation(file: file, line: 1, column: 1),
                                   "the document expands to more than \(options.nodeBudget) nodes (aliases repeated many times?)")
        }
        return nodes
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
            let function = options.cloudFormationTags ? CloudFormationTags.longForm(of: YAMLLoader.explicitTag(node)) : nil
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

    /// The tag as written (`!Ref`), without resolving implicit tags, which costs a regex match.
    package static func explicitTag(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return scalar.tag.rawValue
        case .mapping(let mapping): return mapping.tag.rawValue
        case .sequence(let sequence): return sequence.tag.rawValue
        case .alias: return ""
        }
    }

    package static func convert(_ scalar: Node.Scalar) -> LocatedNode.Scalar {
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            || scalar.style == .literal || scalar.style == .folded
        return Self.scalar(scalar.string, tag: scalar.tag.rawValue, quoted: quoted)
    }

    /// A scalar's type from its text, its tag as written and whether it is quoted (or a block).
    package static func scalar(_ text: String, tag: String, quoted: Bool) -> LocatedNode.Scalar {
        let kind: LocatedNode.Scalar.Kind
        if quoted || !tag.isEmpty && tag != "!" && !tag.hasPrefix("tag:yaml.org") {
            kind = .string
        } else {
            switch PlainScalarType(text) {
            case .bool: kind = .bool
            case .int: kind = .int
            case .float: kind = .float
            case .null: kind = .null
            // A timestamp stays text (an IAM policy's unquoted `Version: 2012-10-17`), as do `<<` and `=`.
            case .merge, .timestamp, .value, .string: kind = .string
            }
        }
        return .init(text: text, kind: kind, isQuoted: quoted)
    }

    package static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
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
package enum NestingScanner {
    package static func firstPositionDeeper(than limit: Int, in text: String) -> (line: Int, column: Int)? {
        var text = text
        return text.withUTF8 { firstPositionDeeper(than: limit, in: $0) }
    }

    private static func firstPositionDeeper(than limit: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        var depth = 0, line = 1, lineStart = 0
        var quote: UInt8?
        var escaped = false
        var lineIndicators = 0, atLineStart = true
        func position(_ offset: Int) -> (Int, Int) {
            (line, String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart...offset]), as: UTF8.self).unicodeScalars.count)
        }
        for offset in bytes.indices {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = offset + 1
                lineIndicators = 0
                atLineStart = true
                continue
            }
            if let open = quote {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") { escaped = true } else if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return position(offset) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: "-"), UInt8(ascii: "?"):
                if atLineStart {
                    lineIndicators += 1
                    if lineIndicators > limit { return position(offset) }
                }
            case UInt8(ascii: " "), UInt8(ascii: "\t"): break
            default: atLineStart = false
            }
        }
        return nil
    }
}
