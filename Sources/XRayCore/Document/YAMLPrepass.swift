import CYaml

/// One linear pass over libyaml's event stream, before Yams composes a tree, to learn what
/// composing would cost and where keys repeat:
/// - the size the document expands to, aliases included, so a small file of nested aliases is
///   refused before it is expanded (and a large plain file is told it is large, not "aliases");
/// - mapping keys that are collections, or aliases of collections: Yams hashes every key to find
///   duplicates, and a key that is an alias tree takes exponential time to hash;
/// - every repeated scalar key, in one pass (finding them one parse at a time was quadratic).
package struct YAMLPrepass {
    package struct RepeatedKey {
        package var key: String
        /// 0-based, as libyaml counts them: characters (Unicode scalars), not bytes.
        package var line: Int, column: Int
        /// The scalar offset of the key's last character, and of the key's first.
        package var lastCharacter: Int
        package var isEmpty: Bool
    }

    package enum Problem {
        /// The document expands to more nodes than the budget; `viaAliases` tells why.
        case tooLarge(nodes: Int, viaAliases: Bool)
        /// A mapping key that is a list, a mapping or an alias of one.
        case complexKey(line: Int, column: Int)
    }

    package var writtenNodes = 0
    package var expandedNodes = 0
    package var duplicates: [RepeatedKey] = []
    package var problem: Problem?

    private struct Frame {
        var isMapping: Bool
        var anchor: String?
        var size = 1
        var atKey = true
        var keys: Set<String> = []
    }

    /// Scans `text`; stops at the first problem, or silently at a syntax error (Yams reports
    /// those with its own located message when it parses).
    package static func scan(_ text: String, budget: Int) -> YAMLPrepass {
        var pass = YAMLPrepass()
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return pass }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            pass.run(&parser, budget: budget)
        }
        return pass
    }

    private mutating func run(_ parser: inout yaml_parser_t, budget: Int) {
        var stack: [Frame] = []
        var anchors: [String: (size: Int, isCollection: Bool)] = [:]
        var usedAlias = false
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            var completed: (size: Int, isCollection: Bool, key: String?, anchor: String?)?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return
            case YAML_SCALAR_EVENT:
                writtenNodes += 1
                let scalar = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                completed = (1, false, value, Self.string(scalar.anchor))
                if stack.last.map({ $0.isMapping && $0.atKey }) == true {
                    if !stack[stack.count - 1].keys.insert(value).inserted {
                        let quoted = scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
                        duplicates.append(RepeatedKey(key: value, line: Int(mark.line), column: Int(mark.column),
                                                       lastCharacter: Int(event.end_mark.index) - (quoted ? 2 : 1),
                                                       isEmpty: value.isEmpty || scalar.style == YAML_LITERAL_SCALAR_STYLE
                                                           || scalar.style == YAML_FOLDED_SCALAR_STYLE))
                    }
                }
            case YAML_ALIAS_EVENT:
                usedAlias = true
                writtenNodes += 1
                let target = anchors[Self.string(event.data.alias.anchor) ?? ""] ?? (1, false)
                completed = (target.size, target.isCollection, nil, nil)
            case YAML_SEQUENCE_START_EVENT:
                writtenNodes += 1
                stack.append(Frame(isMapping: false, anchor: Self.string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                writtenNodes += 1
                stack.append(Frame(isMapping: true, anchor: Self.string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return }
                completed = (frame.size, true, nil, frame.anchor)
            default:
                continue
            }
            guard let node = completed else { continue }
            if let anchor = node.anchor { anchors[anchor] = (node.size, node.isCollection) }
            guard !stack.isEmpty else {
                expandedNodes += node.size
                if expandedNodes > budget { problem = .tooLarge(nodes: expandedNodes, viaAliases: usedAlias); return }
                continue
            }
            let index = stack.count - 1
            if stack[index].isMapping && stack[index].atKey && node.isCollection {
                problem = .complexKey(line: Int(mark.line), column: Int(mark.column))
                return
            }
            // Saturating: an alias bomb's sizes would overflow Int long before the budget check.
            stack[index].size = min(stack[index].size &+ node.size, Int.max / 2)
            if stack[index].size > budget { problem = .tooLarge(nodes: stack[index].size, viaAliases: usedAlias); return }
            if stack[index].isMapping { stack[index].atKey.toggle() }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    /// The private-use characters U+E000–U+F8FF.
    package static let markLimit = 6_400

    /// `text` with the last character of every repeated key replaced by a distinct private-use
    /// character (one column wide, so every location stays right), or nil when that cannot be done.
    package static func markingDuplicates(_ duplicates: [RepeatedKey], in text: String) -> String? {
        guard !duplicates.isEmpty, duplicates.count <= markLimit, !duplicates.contains(where: \.isEmpty) else { return nil }
        var scalars = Array(text.unicodeScalars)
        for (number, duplicate) in duplicates.enumerated() {
            guard scalars.indices.contains(duplicate.lastCharacter),
                  let mark = Unicode.Scalar(0xE000 + UInt32(number)) else { return nil }
            scalars[duplicate.lastCharacter] = mark
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
