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

    public static func == (a: HCLValue, b: HCLValue) -> Bool {
        HCLWriter.value(a, indent: 0) == HCLWriter.value(b, indent: 0)
    }

    /// A string that may hold `${...}` interpolations xrayctl wrote on purpose (not escaped).
    case template(String)
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

public enum HCLWriter {
    /// Blocks separated by one blank line, with a trailing newline.
    public static func render(_ blocks: [HCLBlock]) -> String {
        blocks.map { block($0, indent: 0) }.joined(separator: "\n\n") + "\n"
    }

    static func block(_ block: HCLBlock, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        let header = ([block.type] + block.labels.map { quoted($0) }).joined(separator: " ")
        guard !block.items.isEmpty else { return "\(pad)\(header) {}" }
        return "\(pad)\(header) {\n" + body(block.items, indent: indent + 2) + "\n\(pad)}"
    }

    /// Attributes and nested blocks; single-line attributes in a run share one `=` column, and
    /// a nested block or a multi-line value stands apart with a blank line.
    static func body(_ items: [HCLBlock.Item], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var chunks: [(text: String, alone: Bool)] = []
        var run: [(String, String)] = []
        func flush() {
            guard !run.isEmpty else { return }
            let width = run.map { $0.0.count }.max() ?? 0
            chunks.append((run.map { pad + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + $0.1 }
                .joined(separator: "\n"), false))
            run = []
        }
        for item in items {
            switch item {
            case .attribute(let name, let value):
                let text = Self.value(value, indent: indent)
                if text.contains("\n") {
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

    static func value(_ value: HCLValue, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .string(let text): return quoted(text)
        case .template(let text): return quoted(text, interpolations: true)
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
            if !parts.contains(where: { $0.contains("\n") }) && parts.joined(separator: ", ").count <= 80 {
                return "[" + parts.joined(separator: ", ") + "]"
            }
            return "[\n" + parts.map { pad + "  " + $0 + "," }.joined(separator: "\n") + "\n\(pad)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            let items = pairs.map { HCLBlock.Item.attribute(key($0.0), $0.1) }
            return "{\n" + body(items, indent: indent + 2) + "\n\(pad)}"
        }
    }

    /// An object key: bare when it is an identifier, quoted otherwise (`"aws:SourceAccount"`).
    static func key(_ text: String) -> String {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_",
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            return quoted(text)
        }
        return text
    }

    /// A quoted string: escapes, and `${`/`%{` doubled so Terraform reads them literally, unless
    /// the text's interpolations are meant.
    static func quoted(_ text: String, interpolations: Bool = false) -> String {
        var result = "\""
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "$" where !interpolations && characters.first == "{": result += "$$"
            case "%" where characters.first == "{": result += "%%"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
