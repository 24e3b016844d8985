/// Terraform configuration as xrayctl writes it: blocks of attributes, values built from typed
/// artifacts, laid out the way `terraform fmt` leaves them (two-space indents; the `=` of
/// consecutive single-line attributes aligned; a multi-line value ends the run).
public indirect enum HCLValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([HCLValue])
    case object([(String, HCLValue)])
    /// An expression written as it is: a reference (`aws_iam_role.api.arn`, `var.region`).
    case expression(String)
    /// A function call such as `jsonencode(...)`, its arguments laid out like values.
    case call(String, [HCLValue])

    /// A string whose interpolations xrayctl wrote on purpose: its literal parts are escaped like
    /// any string, so only the parts typed as interpolations are live.
    case template([HCLTemplatePart])

    public static func == (a: HCLValue, b: HCLValue) -> Bool {
        HCLWriter.value(a, indent: 0) == HCLWriter.value(b, indent: 0)
    }
}

/// A piece of a string template: text, or an expression written inside `${…}`.
public enum HCLTemplatePart: Sendable, Equatable {
    case literal(String)
    case interpolation(String)
}

/// A block (`resource "aws_iam_role" "api" { ... }`) and what it holds, in order.
public struct HCLBlock: Sendable {
    public enum Item: Sendable {
        case attribute(String, HCLValue)
        case block(HCLBlock)
    }

    public var type: String
    public var labels: [String]
    public var items: [Item]

    public init(_ type: String, _ labels: [String] = [], _ items: [Item]) {
        self.type = type
        self.labels = labels
        self.items = items
    }
}

extension HCLValue {
    /// The expressions interpolated anywhere in the value.
    package var interpolations: [String] {
        switch self {
        case .template(let parts):
            return parts.compactMap { if case .interpolation(let expression) = $0 { expression } else { nil } }
        case .list(let items), .call(_, let items): return items.flatMap(\.interpolations)
        case .object(let pairs): return pairs.flatMap(\.1.interpolations)
        case .string, .int, .double, .bool, .expression: return []
        }
    }
}

extension HCLBlock {
    /// The expressions interpolated anywhere in the block's attributes and nested blocks.
    package var interpolations: [String] {
        items.flatMap { item -> [String] in
            switch item {
            case .attribute(_, let value): return value.interpolations
            case .block(let inner): return inner.interpolations
            }
        }
    }
}

public enum HCLWriter {
    /// Blocks separated by one blank line, with a trailing newline.
    public static func render(_ blocks: [HCLBlock]) -> String {
        blocks.map { block($0, indent: 0) }.joined(separator: "\n\n") + "\n"
    }

    package static func block(_ block: HCLBlock, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        let header = ([block.type] + block.labels.map { quoted($0) }).joined(separator: " ")
        guard !block.items.isEmpty else { return "\(pad)\(header) {}" }
        return "\(pad)\(header) {\n" + body(block.items, indent: indent + 2) + "\n\(pad)}"
    }

    /// Attributes and nested blocks; single-line attributes in a run share one `=` column, and
    /// a nested block or a multi-line value stands apart with a blank line.
    package static func body(_ items: [HCLBlock.Item], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var chunks: [(text: String, alone: Bool)] = []
        var run: [(String, String)] = []
        func flush() {
            guard !run.isEmpty else { return }
            // Widths in Characters, as `terraform fmt` counts them (grapheme clusters); NSString's
            // padding(toLength:) counts UTF-16 units and would cut the closing quote off a key.
            let width = run.map { $0.0.count }.max() ?? 0
            chunks.append((run.map { pad + $0.0 + String(repeating: " ", count: width - $0.0.count) + " = " + $0.1 }
                .joined(separator: "\n"), false))
            run = []
        }
        for item in items {
            switch item {
            case .attribute(let name, let value):
                let text = Self.value(value, indent: indent)
                if text.utf8.contains(0x0A) {
                    flush()
                    chunks.append((pad + name + " = " + text, true))
                } else {
                    run.append((name, text))
                }
            case .block(let inner):
                flush()
                chunks.append((block(inner, indent: indent), true))
            }
        }
        flush()
        // Runs and standalone items are separated by blank lines.
        return chunks.map(\.text).joined(separator: "\n\n")
    }

    package static func value(_ value: HCLValue, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .string(let text): return quoted(text)
        case .template(let parts):
            var text = "\""
            for (index, part) in parts.enumerated() {
                switch part {
                case .literal(let literal):
                    // A `$` just before `${` would make `$${`, the escape for a literal `${`.
                    if literal.unicodeScalars.last == "$", index + 1 < parts.count, case .interpolation = parts[index + 1] {
                        text += escaped(String(literal.unicodeScalars.dropLast())) + "${\"$\"}"
                    } else {
                        text += escaped(literal)
                    }
                case .interpolation(let expression): text += "${" + expression + "}"
                }
            }
            return text + "\""
        case .int(let number): return String(number)
        case .double(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .expression(let text): return text
        case .call(let name, let arguments):
            return name + "(" + arguments.map { Self.value($0, indent: indent) }.joined(separator: ", ") + ")"
        case .list(let items):
            let parts = items.map { Self.value($0, indent: indent + 2) }
            if parts.isEmpty { return "[]" }
            if !parts.contains(where: { $0.utf8.contains(0x0A) }) {
                // Characters are counted only when the bytes are over 80 (there are never more of them).
                let line = parts.joined(separator: ", ")
                if line.utf8.count <= 80 || line.count <= 80 { return "[" + line + "]" }
            }
            return "[\n" + parts.map { pad + "  " + $0 + "," }.joined(separator: "\n") + "\n\(pad)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            let items = pairs.map { HCLBlock.Item.attribute(key($0.0), $0.1) }
            return "{\n" + body(items, indent: indent + 2) + "\n\(pad)}"
        }
    }

    /// An object key: bare when it is an identifier, quoted otherwise (`"aws:SourceAccount"`);
    /// `for` is quoted too, since `{ for = …` would open a `for` expression.
    package static func key(_ text: String) -> String {
        // Compared byte by byte: an ASCII letter, digit, `_` or `-` is one byte and one Character
        // (a combining mark after it makes another byte, which fails the test, as it fails as a Character).
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let first = text.utf8.first, isLetter(first) || first == UInt8(ascii: "_"), !keywords.contains(text),
              text.utf8.allSatisfy({ isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }) else {
            return quoted(text)
        }
        return text
    }

    package static let keywords: Set<String> = ["for", "in", "if", "true", "false", "null"]

    /// A quoted string holding exactly `text`.
    package static func quoted(_ text: String) -> String { "\"" + escaped(text) + "\"" }

    /// Text as the inside of a quoted string that Terraform reads back as exactly that text. It
    /// goes scalar by scalar, as HCL's scanner reads it: compared by `Character`, a quote with a
    /// combining mark after it (`"\u{0301}`) would not equal `"` and would end the string.
    /// `${` and `%{` are doubled so they stay literal (HCL native syntax, "Template Literals"),
    /// and control and invisible format characters are written as `\uNNNN`.
    package static func escaped(_ text: String) -> String {
        // Printable ASCII other than \ " $ % is written as it is (most names and ARNs).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\"")
            && $0 != UInt8(ascii: "$") && $0 != UInt8(ascii: "%") }) {
            return text
        }
        var result = ""
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "$" where scalars.first == "{": result += "$$"
            case "%" where scalars.first == "{": result += "%%"
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator:
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += scalar.value > 0xFFFF
                        ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                        : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
