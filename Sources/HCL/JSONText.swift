/// JSON written as Terraform's `jsonencode` writes it, byte for byte: object keys sorted, no
/// white space, and the escapes of Go's encoder (`<`, `>` and `&` as \u003c, \u003e, \u0026, so
/// the text can sit in HTML; U+2028 and U+2029, which end lines in JavaScript).
enum JSONText {
    /// Nil when the value is not wholly known.
    static func encode(_ value: HCLValue) -> String? {
        var text = ""
        return write(value, into: &text) ? text : nil
    }

    static func write(_ value: HCLValue, into text: inout String) -> Bool {
        switch value.kind {
        case .unknown: return false
        case .null: text += "null"
        case .bool(let bool): text += bool ? "true" : "false"
        case .number(let number): text += number.description
        case .string(let string): text += quote(string)
        case .sequence(let elements, _):
            text += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { text += "," }
                guard write(element, into: &text) else { return false }
            }
            text += "]"
        case .object(let attributes, _):
            text += "{"
            for (position, key) in HCLValue.sortedKeys(attributes).enumerated() {
                if position > 0 { text += "," }
                text += quote(key) + ":"
                guard write(attributes[key]!, into: &text) else { return false }
            }
            text += "}"
        }
        return true
    }

    static func quote(_ string: String) -> String {
        var text = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                text += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 { text += "\\u" + hex4(scalar.value) } else { text.unicodeScalars.append(scalar) }
            }
        }
        return text + "\""
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
