/// Writes a `YAMLValue` the way Yams (libyaml's emitter, two-space indentation, no wrapping,
/// Unicode allowed) writes the same tree, byte for byte, without building Yams nodes and events:
/// that cost most of generating a large template. It writes block mappings and sequences, keys and
/// values plain, single- or double-quoted, with the style chosen by libyaml's own rules
/// (`YAMLScalarAnalysis`). What it does not write itself — a literal block, a key libyaml writes as
/// a complex `? ` key (a line break in it, or over 128 bytes), a multi-line single-quoted value, a
/// root that is a scalar or empty — makes it answer nil, and `YAMLWriter` asks Yams for the whole
/// document. Tests compare its output with Yams's for hostile text and for every golden file.
struct DirectYAMLWriter {
    private var output: [UInt8] = []
    /// Whether the value in hand resolves to a string when written plain (`YAMLWriter`'s rule).
    private let readsAsString: (String) -> Bool

    private struct Unsupported: Error {}

    static func render(_ value: YAMLValue, readsAsString: @escaping (String) -> Bool) -> String? {
        var writer = DirectYAMLWriter(readsAsString: readsAsString)
        do {
            switch value {
            case .map(let pairs) where !pairs.isEmpty: try writer.mapping(pairs, indent: 0, inline: true)
            case .list(let items) where !items.isEmpty: try writer.sequence(items, indent: 0, inline: true)
            default: return nil
            }
        } catch {
            return nil
        }
        writer.output.append(0x0A)
        return String(decoding: writer.output, as: UTF8.self)
    }

    private init(readsAsString: @escaping (String) -> Bool) {
        self.readsAsString = readsAsString
        output.reserveCapacity(1 << 16)
    }

    /// `inline`: the first key goes where the writer stands (the document's start, or after `- `).
    private mutating func mapping(_ pairs: [(String, YAMLValue)], indent: Int, inline: Bool) throws {
        for (offset, (key, value)) in pairs.enumerated() {
            if offset > 0 || !inline { newline(indent) }
            try self.key(key)
            output.append(UInt8(ascii: ":"))
            switch value {
            case .map(let inner) where !inner.isEmpty: try mapping(inner, indent: indent + 2, inline: false)
            // libyaml writes a sequence in a mapping without indenting it ("indentless").
            case .list(let items) where !items.isEmpty: try sequence(items, indent: indent, inline: false)
            default: try scalar(value)
            }
        }
    }

    private mutating func sequence(_ items: [YAMLValue], indent: Int, inline: Bool) throws {
        for (offset, item) in items.enumerated() {
            if offset > 0 || !inline { newline(indent) }
            output.append(UInt8(ascii: "-"))
            switch item {
            case .map(let pairs) where !pairs.isEmpty:
                output.append(0x20)
                try mapping(pairs, indent: indent + 2, inline: true)
            case .list(let inner) where !inner.isEmpty:
                output.append(0x20)
                try sequence(inner, indent: indent + 2, inline: true)
            default: try scalar(item)
            }
        }
    }

    private mutating func newline(_ indent: Int) {
        output.append(0x0A)
        for _ in 0..<indent { output.append(0x20) }
    }

    /// A value that is not a non-empty collection, after `:` or `-` (so it starts with a space,
    /// except an empty plain scalar, which libyaml writes as nothing at all).
    private mutating func scalar(_ value: YAMLValue) throws {
        switch value {
        case .string(let text):
            if readsAsString(text) { try any(text, key: false) } else { output.append(0x20); doubleQuoted(text) }
        case .int(let number): try any(String(number), key: false)
        case .double(let number): try any(String(number), key: false)
        case .bool(let flag): try any(flag ? "true" : "false", key: false)
        case .null: try any("null", key: false)
        case .list: output.append(contentsOf: " []".utf8)
        case .map: output.append(contentsOf: " {}".utf8)
        case .block: throw Unsupported()
        }
    }

    private mutating func key(_ text: String) throws {
        try any(text, key: true)
    }

    /// A scalar of no requested style: plain when libyaml allows it, else single-quoted, else
    /// double-quoted (libyaml's `yaml_emitter_select_scalar_style`).
    private mutating func any(_ text: String, key: Bool) throws {
        var text = text
        try text.withUTF8 { bytes in
            let analysis = YAMLScalarAnalysis(bytes)
            if key && (analysis.multiline || bytes.count > 128) { throw Unsupported() }
            // A key stands at the start of its line; a value follows `:` or `-` and a space.
            if analysis.blockPlainAllowed && !(key && bytes.isEmpty) {
                if !key && !bytes.isEmpty { output.append(0x20) }
                output.append(contentsOf: bytes)
            } else if analysis.singleQuotedAllowed {
                if analysis.multiline { throw Unsupported() }
                if !key { output.append(0x20) }
                output.append(UInt8(ascii: "'"))
                for byte in bytes {
                    if byte == UInt8(ascii: "'") { output.append(byte) }
                    output.append(byte)
                }
                output.append(UInt8(ascii: "'"))
            } else {
                if !key { output.append(0x20) }
                doubleQuoted(bytes)
            }
        }
    }

    private mutating func doubleQuoted(_ text: String) {
        var text = text
        text.withUTF8 { doubleQuoted($0) }
    }

    /// libyaml's `yaml_emitter_write_double_quoted_scalar` without line wrapping: a character that is
    /// not printable, a byte order mark, a line break, `"` and `\` are escaped; the rest is copied.
    private mutating func doubleQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        output.append(UInt8(ascii: "\""))
        var index = 0
        let count = bytes.count
        func at(_ offset: Int) -> UInt8 { offset < count ? bytes[offset] : 0 }
        while index < count {
            let byte = bytes[index]
            let width = byte & 0x80 == 0 ? 1 : byte & 0xE0 == 0xC0 ? 2 : byte & 0xF0 == 0xE0 ? 3 : 4
            let printable: Bool
            switch byte {
            case 0x0A, 0x20...0x7E, 0xC3...0xEC, 0xEE: printable = true
            case 0xC2: printable = at(index + 1) >= 0xA0
            case 0xED: printable = at(index + 1) < 0xA0
            case 0xEF:
                let second = at(index + 1), third = at(index + 2)
                printable = !(second == 0xBB && third == 0xBF) && !(second == 0xBF && (third == 0xBE || third == 0xBF))
            default: printable = false
            }
            let isBreak = byte == 0x0D || byte == 0x0A || (byte == 0xC2 && at(index + 1) == 0x85)
                || (byte == 0xE2 && at(index + 1) == 0x80 && (at(index + 2) == 0xA8 || at(index + 2) == 0xA9))
            let isBOM = byte == 0xEF && at(index + 1) == 0xBB && at(index + 2) == 0xBF
            guard !printable || isBOM || isBreak || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                output.append(contentsOf: bytes[index..<min(index + width, count)])
                index += width
                continue
            }
            var value = UInt32(width == 1 ? byte & 0x7F : width == 2 ? byte & 0x1F : width == 3 ? byte & 0x0F : byte & 0x07)
            for offset in 1..<max(width, 1) { value = (value << 6) + UInt32(at(index + offset) & 0x3F) }
            index += width
            output.append(UInt8(ascii: "\\"))
            switch value {
            case 0x00: output.append(UInt8(ascii: "0"))
            case 0x07: output.append(UInt8(ascii: "a"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x09: output.append(UInt8(ascii: "t"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0B: output.append(UInt8(ascii: "v"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x1B: output.append(UInt8(ascii: "e"))
            case 0x22: output.append(UInt8(ascii: "\""))
            case 0x5C: output.append(UInt8(ascii: "\\"))
            case 0x85: output.append(UInt8(ascii: "N"))
            case 0xA0: output.append(UInt8(ascii: "_"))
            case 0x2028: output.append(UInt8(ascii: "L"))
            case 0x2029: output.append(UInt8(ascii: "P"))
            default:
                let digits: Int
                if value <= 0xFF {
                    output.append(UInt8(ascii: "x")); digits = 2
                } else if value <= 0xFFFF {
                    output.append(UInt8(ascii: "u")); digits = 4
                } else {
                    output.append(UInt8(ascii: "U")); digits = 8
                }
                for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
                    let digit = UInt8((value >> UInt32(shift)) & 0x0F)
                    output.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
