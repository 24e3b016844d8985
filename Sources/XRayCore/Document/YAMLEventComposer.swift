import CYaml

/// Builds `LocatedNode` trees straight from libyaml's events, in one pass, for the text that needs
/// nothing more: no alias, no repeated or non-text key, no syntax error, within the node budget.
/// That is nearly every file lint reads, which then costs one libyaml parse instead of three steps
/// (the prepass's parse, Yams's parse into its `Node` tree, and the conversion of that tree).
///
/// Anything else answers nil, and `YAMLLoader` takes its full route (prepass, Yams, conversion),
/// which names each problem with its own message: whichever route reads a text, the tree and the
/// messages are the same. `YAMLEventComposerTests` compares the two routes.
package enum YAMLEventComposer {
    /// The roots of every document in `text`, and the nodes they hold (what the prepass would
    /// charge to a file's budget); nil when the full route must read the text.
    package static func compose(_ text: String, file: String, cloudFormationTags: Bool, limit: Int) -> (roots: [LocatedNode], nodes: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        // As Yams reads it: the text's UTF-8 bytes, declared as UTF-8.
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        var text = text
        return text.withUTF8 { bytes in
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var composer = Composer(file: file, cloudFormationTags: cloudFormationTags, limit: limit)
            return composer.run(&parser)
        }
    }

    /// A mapping or list being read.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        /// The collection's own pointer (below the function's name for a CloudFormation short form).
        var pointer: String
        /// The pointer of the place it fills, and the short form's function, if any.
        var outer: String
        var function: String?
        var pairs: [(key: LocatedNode, value: LocatedNode)] = []
        var items: [LocatedNode] = []
        /// In a mapping: the key read whose value comes next, and that value's pointer.
        var key: LocatedNode?
        var valuePointer = ""
        /// The keys read so far, to find a repeated one: a list while the mapping is short (comparing
        /// a few texts costs less than hashing each into a set), a set once it is long. Both compare
        /// as `String`'s `==` does, so both find the same repeats.
        var keys: [String] = []
        var keySet: Set<String>?

        /// Records a key; false when the mapping already has it.
        mutating func insertKey(_ text: String) -> Bool {
            if keySet == nil, keys.count < 16 {
                guard !keys.contains(text) else { return false }
                keys.append(text)
                return true
            }
            if keySet == nil { keySet = Set(keys) }
            return keySet!.insert(text).inserted
        }
    }

    private struct Composer {
        let file: String
        let cloudFormationTags: Bool
        let limit: Int
        var nodes = 0
        var roots: [LocatedNode] = []
        var stack: [Frame] = []

        init(file: String, cloudFormationTags: Bool, limit: Int) {
            self.file = file
            self.cloudFormationTags = cloudFormationTags
            self.limit = limit
        }

        mutating func run(_ parser: inout yaml_parser_t) -> (roots: [LocatedNode], nodes: Int)? {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return stack.isEmpty ? (roots, nodes) : nil
                case YAML_SCALAR_EVENT:
                    guard count() else { return nil }
                    let scalar = event.data.scalar
                    let text = Self.text(UnsafeBufferPointer(start: scalar.value, count: scalar.length))
                    // Yams's tag for a quoted scalar without one of its own.
                    let tag = scalar.quoted_implicit == 1 ? "tag:yaml.org,2002:str" : Self.string(scalar.tag)
                    let quoted = scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
                        || scalar.style == YAML_LITERAL_SCALAR_STYLE || scalar.style == YAML_FOLDED_SCALAR_STYLE
                    guard let outer = place(forKey: text) else { return nil }
                    let (pointer, function) = functionPointer(tag: tag, outer: outer)
                    let node = LocatedNode(.scalar(YAMLLoader.scalar(text, tag: tag, quoted: quoted)),
                                           at: location(event.start_mark), pointer: pointer)
                    guard attach(function.map { CloudFormationTags.wrap(node, function: $0, pointer: outer) } ?? node, key: text) else { return nil }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    // A collection as a key is the full route's to refuse.
                    guard count(), stack.last.map({ !$0.isMapping || $0.key != nil }) ?? true,
                          let outer = place(forKey: nil) else { return nil }
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    // Yams's tag for a collection: none when libyaml calls it implicit (untagged, or `!`).
                    let (implicit, written) = isMapping
                        ? (event.data.mapping_start.implicit, event.data.mapping_start.tag)
                        : (event.data.sequence_start.implicit, event.data.sequence_start.tag)
                    let tag = implicit != 0 ? "" : Self.string(written)
                    let (pointer, function) = functionPointer(tag: tag, outer: outer)
                    stack.append(Frame(isMapping: isMapping, location: location(event.start_mark), pointer: pointer,
                                       outer: outer, function: function))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = stack.popLast() else { return nil }
                    let node = LocatedNode(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items),
                                           at: frame.location, pointer: frame.pointer)
                    guard attach(frame.function.map { CloudFormationTags.wrap(node, function: $0, pointer: frame.outer) } ?? node,
                                 key: nil) else { return nil }
                case YAML_ALIAS_EVENT:
                    // Expanding aliases, with their budget, is the full route's.
                    return nil
                default:
                    continue
                }
            }
        }

        /// Counts a node; false past the budget.
        private mutating func count() -> Bool {
            nodes += 1
            return nodes <= limit
        }

        /// The pointer of the place the next node fills. A key's place is its mapping's pointer and
        /// the key's text, as its value's is (`scalarKey` is the text of a scalar about to be read).
        private mutating func place(forKey scalarKey: String?) -> String? {
            guard let last = stack.indices.last else { return "" }
            if !stack[last].isMapping { return Self.child(of: stack[last].pointer, String(stack[last].items.count)) }
            if stack[last].key != nil { return stack[last].valuePointer }
            guard let scalarKey else { return nil }
            stack[last].valuePointer = Self.child(of: stack[last].pointer, LocatedNode.escape(scalarKey))
            return stack[last].valuePointer
        }

        /// `parent/token`, in one allocation (`+` twice makes an intermediate string).
        private static func child(of parent: String, _ token: String) -> String {
            var pointer = ""
            pointer.reserveCapacity(parent.utf8.count + 1 + token.utf8.count)
            pointer.append(parent)
            pointer.append("/")
            pointer.append(token)
            return pointer
        }

        /// A finished node into its parent; false for a repeated key (the full route reports it).
        private mutating func attach(_ node: LocatedNode, key text: String?) -> Bool {
            guard let last = stack.indices.last else {
                roots.append(node)
                return true
            }
            if !stack[last].isMapping {
                stack[last].items.append(node)
            } else if let key = stack[last].key {
                stack[last].pairs.append((key: key, value: node))
                stack[last].key = nil
            } else {
                guard let text, stack[last].insertKey(text) else { return false }
                stack[last].key = node
            }
            return true
        }

        /// A CloudFormation short form's function, and the pointer of the node below its name.
        private func functionPointer(tag: String, outer: String) -> (String, String?) {
            guard cloudFormationTags, let function = CloudFormationTags.longForm(of: tag) else { return (outer, nil) }
            return (outer + "/" + LocatedNode.escape(function), function)
        }

        private func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }

        /// A scalar's text as Yams reads it: `String(bytes:encoding: .utf8)`, which drops one leading
        /// byte order mark (U+FEFF) from the text. libyaml has already checked that it is UTF-8.
        private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            if bytes.count >= 3, bytes.prefix(3).elementsEqual(bom) {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes.dropFirst(3)), as: UTF8.self)
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
            pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? ""
        }
    }
}
