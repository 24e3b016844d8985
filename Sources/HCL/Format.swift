/// Terraform's `format`: Go-style verbs over Terraform values (`%v %#v %t %s %q %d %b %o %x %X
/// %e %E %f %g %G %%`), flags `+ - # 0` and space, width, precision and `%[n]` argument indexes.
enum Format {
    struct Spec {
        var flags: Set<Unicode.Scalar> = []
        var width: Int?
        var precision: Int?
    }

    /// Widths and precisions past this are refused: no real format needs them, and honouring
    /// them would let one call build a string of any size.
    static let maxWidth = 10_000

    static func format(_ call: FunctionCall) throws(HCLDiagnostic) -> HCLValue {
        let pattern = Array(try call.string(0).unicodeScalars)
        let arguments = Array(call.arguments.dropFirst())
        // Terraform gives an unknown result for a null argument, whatever the verb.
        if arguments.contains(where: \.isNull) { return .unknown }
        var output = ""
        var next = 0
        var used = Set<Int>()
        var index = 0
        func number(_ lexer: inout Int) -> Int? {
            var digits = ""
            while lexer < pattern.count, ("0"..."9").contains(pattern[lexer]) {
                digits.unicodeScalars.append(pattern[lexer])
                lexer += 1
            }
            return digits.isEmpty ? nil : Int(digits.prefix(6))
        }
        while index < pattern.count {
            let scalar = pattern[index]
            index += 1
            guard scalar == "%" else {
                output.unicodeScalars.append(scalar)
                continue
            }
            var spec = Spec()
            while index < pattern.count, ["+", "-", "#", " ", "0"].contains(pattern[index]) {
                spec.flags.insert(pattern[index])
                index += 1
            }
            func argumentIndex(_ index: inout Int) throws(HCLDiagnostic) {
                guard index < pattern.count, pattern[index] == "[" else { return }
                index += 1
                guard let position = number(&index), index < pattern.count, pattern[index] == "]", position >= 1 else {
                    throw call.fail("invalid argument index in format string", argument: 0)
                }
                index += 1
                next = position - 1
            }
            try argumentIndex(&index)
            spec.width = number(&index)
            if index < pattern.count, pattern[index] == "." {
                index += 1
                spec.precision = number(&index) ?? 0
            }
            try argumentIndex(&index)
            guard (spec.width ?? 0) <= maxWidth, (spec.precision ?? 0) <= maxWidth else {
                throw call.fail("width or precision larger than \(maxWidth)", argument: 0)
            }
            guard index < pattern.count else { throw call.fail("unterminated format verb at the end of the string", argument: 0) }
            let verb = pattern[index]
            index += 1
            if verb == "%" {
                output += "%"
                continue
            }
            guard next < arguments.count else { throw call.fail("not enough arguments for the format string", argument: 0) }
            let argument = arguments[next]
            used.insert(next)
            next += 1
            guard argument.isWhollyKnown else { return .unknown }
            output += try render(verb, spec, argument, call, argumentPosition: next)
        }
        // Every argument must be used, whether verbs take them in order or by `%[n]`.
        if let unused = arguments.indices.first(where: { !used.contains($0) }) {
            throw call.fail("too many arguments; no verb uses argument \(unused + 2)", argument: unused + 1)
        }
        return .string(output)
    }

    static func render(_ verb: Unicode.Scalar, _ spec: Spec, _ value: HCLValue, _ call: FunctionCall, argumentPosition: Int) throws(HCLDiagnostic) -> String {
        func fail(_ message: String) -> HCLDiagnostic {
            call.fail("unsupported value for \"%\(verb)\": \(message)", argument: argumentPosition)
        }
        switch verb {
        case "v":
            if spec.flags.contains("#") { return pad(JSONText.encode(value) ?? "", spec) }
            switch value.kind {
            case .sequence, .object: return pad(JSONText.encode(value) ?? "", spec)
            // A number prints as Go's %v prints a big float: the shortest %g (1e+21, 5.0e+15 and up).
            case .number(let number): return padNumber(DecimalDigits(number).general(precision: nil), negative: number.decimal < 0, spec)
            default: return pad(Conversion.toString(value) ?? "", spec)
            }
        case "t":
            guard let bool = Conversion.toBool(value) else { throw fail("a bool is required") }
            return pad(bool ? "true" : "false", spec)
        case "s", "q":
            guard let text = Conversion.toString(value) else { throw fail("a string is required") }
            var shown = text
            if verb == "s", let precision = spec.precision { shown = String(String.UnicodeScalarView(text.unicodeScalars.prefix(precision))) }
            return pad(verb == "q" ? JSONText.quote(shown) : shown, spec)
        case "d", "b", "o", "x", "X":
            guard let number = Conversion.toNumber(value) else { throw fail("a number is required") }
            guard number.isInteger else { throw fail("an integer is required") }
            let digits = DecimalDigits(number)
            let radix = verb == "d" ? 10 : verb == "b" ? 2 : verb == "o" ? 8 : 16
            var text = DecimalDigits.integerText(digits.integerDigits, radix: radix)
            if verb == "X" { text = text.uppercased() }
            return padNumber(text, negative: digits.negative, spec)
        case "e", "E", "f", "F", "g", "G":
            guard let number = Conversion.toNumber(value) else { throw fail("a number is required") }
            let digits = DecimalDigits(number)
            var text: String
            switch verb {
            case "e", "E": text = digits.exponential(precision: spec.precision ?? 6)
            case "f", "F": text = digits.fixed(precision: spec.precision ?? 6)
            default: text = digits.general(precision: spec.precision)
            }
            if verb == "E" || verb == "G" { text = text.uppercased() }
            return padNumber(text, negative: digits.negative, spec)
        default:
            throw call.fail("unsupported format verb %\(verb)", argument: 0)
        }
    }

    /// Spaces to `width` scalars, on the left, or on the right with the `-` flag.
    static func pad(_ text: String, _ spec: Spec) -> String {
        let missing = (spec.width ?? 0) - text.unicodeScalars.count
        guard missing > 0 else { return text }
        let padding = String(repeating: " ", count: missing)
        return spec.flags.contains("-") ? text + padding : padding + text
    }

    /// A number's sign (`-`, or `+` / space by flag), then zero padding with `0`, then spaces.
    static func padNumber(_ magnitude: String, negative: Bool, _ spec: Spec) -> String {
        let sign = negative ? "-" : spec.flags.contains("+") ? "+" : spec.flags.contains(" ") ? " " : ""
        if spec.flags.contains("0"), !spec.flags.contains("-"), let width = spec.width {
            let missing = width - sign.count - magnitude.count
            if missing > 0 { return sign + String(repeating: "0", count: missing) + magnitude }
        }
        return pad(sign + magnitude, spec)
    }
}
