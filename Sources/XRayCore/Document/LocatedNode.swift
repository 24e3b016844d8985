/// A parsed YAML or JSON value that remembers where it came from.
///
/// Yams' decoders lose positions; keeping our own tree lets every error and finding
/// name the file, line and column of the exact node it is about, and its JSON pointer.
public struct LocatedNode: Sendable {
    public enum Value: Sendable {
        case scalar(Scalar)
        case mapping([(key: LocatedNode, value: LocatedNode)])
        case sequence([LocatedNode])
    }

    /// A scalar's text as written, and the type YAML resolves it to.
    public struct Scalar: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case string, int, float, bool, null }
        public var text: String
        public var kind: Kind
        /// Quoted scalars are always strings, whatever they look like.
        public var isQuoted: Bool

        // Other modules of the package build these; the implicit memberwise initializer is internal.
        package init(text: String, kind: Kind, isQuoted: Bool) {
            self.text = text
            self.kind = kind
            self.isQuoted = isQuoted
        }
    }

    public var value: Value
    public var location: SourceLocation
    /// RFC 6901 pointer from the document root.
    public var pointer: String

    public init(_ value: Value, at location: SourceLocation, pointer: String = "") {
        self.value = value
        self.location = location
        self.pointer = pointer
    }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = value { return scalar }
        return nil
    }

    /// The text of a string, number or boolean scalar; nil for null, mappings and lists.
    public var text: String? {
        guard let scalar, scalar.kind != .null else { return nil }
        return scalar.text
    }

    public var pairs: [(key: LocatedNode, value: LocatedNode)]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    public var items: [LocatedNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The value under a string key of a mapping.
    public subscript(key: String) -> LocatedNode? {
        pairs?.first { $0.key.scalar?.text == key }?.value
    }

    /// The key node of an entry, for findings about the key itself.
    public func keyNode(_ key: String) -> LocatedNode? {
        pairs?.first { $0.key.scalar?.text == key }?.key
    }

    /// A field by its API name or its CloudFormation name: `networkMode` also finds `NetworkMode`.
    /// The API name wins when a mapping holds both. Rules ask this for every field they read, so
    /// it looks through the pairs once and capitalises an ASCII name byte by byte (Unicode case
    /// mapping on every call showed in lint's profile).
    public func field(_ name: String) -> LocatedNode? {
        guard let pairs else { return nil }
        let capitalised = Self.capitalised(name)
        var other: LocatedNode?
        for pair in pairs {
            guard case .scalar(let key) = pair.key.value else { continue }
            if key.text == name { return pair.value }
            if other == nil, key.text == capitalised { other = pair.value }
        }
        return other
    }

    private static func capitalised(_ name: String) -> String {
        guard let first = name.utf8.first else { return name }
        guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return first < 0x80 ? name : name.prefix(1).uppercased() + name.dropFirst()
        }
        var bytes = Array(name.utf8)
        bytes[0] -= 0x20
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The node itself as a list, or a one-element list for a single value (IAM's "string or list").
    public var asList: [LocatedNode] { items ?? [self] }

    /// A short name for the node's type, for messages such as "expected a mapping, found a list".
    public var typeName: String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch scalar.kind {
            case .string: return "a string"
            case .int: return "an integer"
            case .float: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            }
        }
    }

    /// The same tree moved within its file, for text parsed out of a larger file: `lines` down,
    /// `columns` right, and pointers below `pointerPrefix`.
    public func shifted(byLines lines: Int, columns: Int = 0, pointerPrefix: String = "") -> LocatedNode {
        guard lines != 0 || columns != 0 || !pointerPrefix.isEmpty else { return self }
        var node = self
        node.location.line += lines
        node.location.column += columns
        node.pointer = pointerPrefix + node.pointer
        func shift(_ child: LocatedNode) -> LocatedNode { child.shifted(byLines: lines, columns: columns, pointerPrefix: pointerPrefix) }
        switch node.value {
        case .scalar: break
        case .sequence(let items): node.value = .sequence(items.map(shift))
        case .mapping(let pairs): node.value = .mapping(pairs.map { (shift($0.key), shift($0.value)) })
        }
        return node
    }

    /// Escapes a key for use in a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
    package static func escape(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        // By hand rather than with Foundation's `replacingOccurrences`, which goes through NSString.
        var escaped = ""
        escaped.reserveCapacity(key.utf8.count + 2)
        for scalar in key.unicodeScalars {
            switch scalar {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension LocatedNode {
    /// The first unquoted number that neither Int nor a finite Double can hold (`1e999`, a
    /// 30-digit integer): code that rewrites a document must refuse it rather than change it.
    public var firstUnrepresentableNumber: LocatedNode? {
        var pending = [self]
        while let node = pending.popLast() {
            switch node.value {
            case .scalar(let scalar) where !scalar.isQuoted:
                // Only plain decimal digits: YAML's 0x/0o forms are not Int(text) but are not too large either.
                let digits = scalar.text.drop { $0 == "-" || $0 == "+" }
                if scalar.kind == .int, !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                   Int(scalar.text) == nil { return node }
                // `.inf` and `.nan` are YAML's own spellings and do not parse as Double; 1e999 does, to infinity.
                if scalar.kind == .float, let value = Double(scalar.text), !value.isFinite { return node }
            case .scalar: break
            case .sequence(let items): pending.append(contentsOf: items.reversed())
            case .mapping(let pairs): pending.append(contentsOf: pairs.map(\.value).reversed())
            }
        }
        return nil
    }
}

extension LocatedNode {
    /// A value built in code as a located tree, every node at `location` (there is no text to point
    /// into), with pointers; so code-built documents go through the same readers as files.
    public init(_ value: YAMLValue, at location: SourceLocation, pointer: String = "") {
        func scalar(_ text: String, _ kind: Scalar.Kind) -> Value { .scalar(Scalar(text: text, kind: kind, isQuoted: kind == .string)) }
        switch value {
        case .string(let text), .block(let text): self.init(scalar(text, .string), at: location, pointer: pointer)
        case .int(let number): self.init(scalar(String(number), .int), at: location, pointer: pointer)
        case .double(let number): self.init(scalar(String(number), .float), at: location, pointer: pointer)
        case .bool(let flag): self.init(scalar(flag ? "true" : "false", .bool), at: location, pointer: pointer)
        case .null: self.init(scalar("null", .null), at: location, pointer: pointer)
        case .list(let items):
            self.init(.sequence(items.enumerated().map { LocatedNode($1, at: location, pointer: "\(pointer)/\($0)") }),
                      at: location, pointer: pointer)
        case .map(let pairs):
            self.init(.mapping(pairs.map { key, member in
                (key: LocatedNode(scalar(key, .string), at: location),
                 value: LocatedNode(member, at: location, pointer: "\(pointer)/\(LocatedNode.escape(key))"))
            }), at: location, pointer: pointer)
        }
    }
}
