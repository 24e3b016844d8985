/// Seeded random expressions for the functions and templates the evaluator knows, written as HCL
/// source, for comparing with `terraform console`. Inputs avoid what is documented to differ:
/// divisions that do not terminate and decimal ties under `%f` rounding.
struct ExpressionGenerator {
    var random: HCLFuzzTests.Random

    init(seed: UInt64) { random = HCLFuzzTests.Random(state: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }

    static let pieces = ["a", "b", "Z", "x", "7", " ", "-", "_", ",", ".", ":", "/", "<", ">", "&", "é", "ü", "😀", "中",
                         "\\\"", "\\\\", "\\n", "\\t", "\\u00e9", "\\u2028", "Hello", "world", "  "]

    /// An HCL string literal (escapes included), possibly empty.
    mutating func string(maxLength: Int = 6) -> String {
        "\"" + (0..<random.below(maxLength + 1)).map { _ in pick(Self.pieces) }.joined() + "\""
    }

    mutating func word() -> String { "\"" + (0..<(1 + random.below(4))).map { _ in pick(["a", "b", "c", "x", "é", "Z"]) }.joined() + "\"" }

    mutating func number() -> String {
        switch random.below(5) {
        case 0: return String(random.below(2001) - 1000)
        case 1: return String(Int(random.next() % (1 << 53)))
        case 2: return "\(random.below(1000)).\(random.below(100))"
        case 3: return "-\(random.below(100)).\(1 + random.below(9))"
        default: return pick(["0", "0.05", "1e3", "1.5e-7", "100000000000000000000", "0.1"])
        }
    }

    mutating func primitive() -> String {
        switch random.below(4) {
        case 0: return number()
        case 1: return pick(["true", "false", "null"])
        default: return string()
        }
    }

    mutating func list(_ element: (inout ExpressionGenerator) -> String) -> String {
        "[" + (0..<random.below(4)).map { _ in element(&self) }.joined(separator: ", ") + "]"
    }

    mutating func object(_ value: (inout ExpressionGenerator) -> String) -> String {
        "{" + (0..<random.below(4)).map { _ in "\(word()) = \(value(&self))" }.joined(separator: ", ") + "}"
    }

    mutating func value(depth: Int = 0) -> String {
        switch depth > 1 ? 0 : random.below(4) {
        case 0, 1: return primitive()
        case 2: return list { $0.value(depth: depth + 1) }
        default: return object { $0.value(depth: depth + 1) }
        }
    }

    mutating func expression() -> String {
        switch random.below(40) {
        case 0: return "upper(\(string()))"
        case 1: return "lower(\(string()))"
        case 2: return "length(\(string()))"
        case 3: return "join(\(pick(["\",\"", "\"\"", "\" - \""])), \(list { $0.string() }))"
        case 4: return "split(\(pick(["\",\"", "\"a\"", "\"\""])), \(string(maxLength: 8)))"
        case 5: return "replace(\(string(maxLength: 8)), \(pick(["\"a\"", "\",\"", "\"é\"", "\" \""])), \(string(maxLength: 2)))"
        case 6: return "trimspace(\"\(pick(["  ", "\\n", "\\t ", ""]))x\(pick(["a b", "", "é"]))\(pick(["  ", "\\n", ""]))\")"
        // No null argument: Terraform's format gives an unknown result for one.
        case 7: return "format(\"%s|%d|%.3f|%q|%v|%t|%5s|%-4d|%x|%e\", \(string()), \(random.below(2001) - 1000), \(random.below(1000)).\(random.below(100)), \(string()), \(pick([number(), word(), list { $0.number() }])), \(pick(["true", "false"])), \(word()), \(random.below(100)), \(random.below(100000)), \(random.below(100000)))"
        case 8: return "tostring(\(primitive()))"
        case 9: return "tonumber(\(pick([number(), "\"\(number())\"", "\"x\"", "\"+5\"", "\".5\"", "\" 5\""])))"
        case 10: return "tobool(\(pick(["true", "\"true\"", "\"false\"", "\"yes\"", "null", "1"])))"
        case 11: return "jsonencode(\(value()))"
        case 12: return "jsondecode(jsonencode(\(value())))"
        case 13: return "merge(\(object { $0.primitive() }), \(object { $0.primitive() }))"
        case 14: return "concat(\(list { $0.primitive() }), \(list { $0.primitive() }))"
        case 15: return "lookup(\(object { $0.string() }), \(word()), \(string()))"
        case 16: return "element(\(list { $0.word() }), \(random.below(7)))"
        case 17: return "keys(\(object { $0.value() }))"
        case 18: return "values(\(object { $0.primitive() }))"
        case 19: return "contains(\(list { $0.word() }), \(word()))"
        case 20: return "flatten([\(list { $0.word() }), [\(list { $0.word() })], \(word())])"
        case 21: return "distinct(\(list { $0.word() }))"
        case 22: return "coalesce(\(pick(["null", "\"\""])), \(pick(["null", "\"\"", word()])), \(word()))"
        case 23: return "tolist(\(list { $0.word() }))"
        case 24: return "toset(\(list { $0.word() }))"
        case 25: return "tomap(\(object { $0.word() }))"
        case 26: return "\"pre ${\(primitive())} %{ if \(pick(["true", "false"])) }yes%{ else }no%{ endif } %{ for i, v in \(list { $0.word() }) }${i}=${v};%{ endfor } post\""
        case 27: return "\"a ${~ \(word()) ~}  b %{ if true ~}  c  %{~ endif } d\""
        // Decimal sums are left out: Terraform's binary floats print 610.6 - 635.23 with 150 digits.
        case 28: return "\(random.below(2001) - 1000) \(pick(["+", "-", "*"])) \(random.below(2001) - 1000)"
        case 29: return "\(number()) \(pick(["<", ">", "<=", ">=", "==", "!="])) \(number())"
        case 30: return "\(random.below(1000)) \(pick(["/", "%"])) \(pick(["2", "4", "5", "8", "-8", "0"]))"
        case 31: return "[for i, v in \(list { $0.word() }) : \"${i}:${v}\" if i != 1]"
        case 32: return "{for k, v in \(object { $0.number() }) : k => v}"
        case 33: return "{for v in \(list { $0.word() }) : v => v...}"
        case 34: return "[{a = \(word())}, {a = \(number())}][*].a"
        case 35: return "\(pick(["true", "false"])) ? \(value()) : \(value())"
        case 36: return "try(\(pick(["tonumber(\"x\")", "{a = 1}.b", "[1][3]"])), \(value()))"
        case 37: return "can(\(pick(["tonumber(\"x\")", "tonumber(\"1\")", "{a = 1}.a", "[1][3]"])))"
        case 38: return "format(\"%[2]s-%[1]s %.2s %05d %+d % d %b %o %X %g %E\", \(word()), \(word()), \(string()), \(random.below(2001) - 1000), \(random.below(50)), \(random.below(50)), \(random.below(50)), \(random.below(300)), \(random.below(70000)), \(pick(["1234.5", "0.00001234", "100000", "1e21", "12"])), \(pick(["0.000123", "123456", "5"])))"
        default: return "<<-EOT\n    \(word().dropFirst().dropLast())\n      ${\(word())}\n  EOT\n"
        }
    }
}
