/// Terraform's automatic conversions between primitive types: a number or bool is written as a
/// string where a string is wanted, and the strings "true", "false" and numerals convert back.
enum Conversion {
    static func toString(_ value: HCLValue) -> String? {
        switch value.kind {
        case .string(let text): return text
        case .number(let number): return number.description
        case .bool(let bool): return bool ? "true" : "false"
        default: return nil
        }
    }

    static func toNumber(_ value: HCLValue) -> HCLNumber? {
        switch value.kind {
        case .number(let number): return number
        case .string(let text): return HCLNumber(parsing: text)
        default: return nil
        }
    }

    static func toBool(_ value: HCLValue) -> Bool? {
        switch value.kind {
        case .bool(let bool): return bool
        case .string("true"): return true
        case .string("false"): return false
        default: return nil
        }
    }

    /// How an error message names a value's type.
    static func typeName(_ value: HCLValue) -> String {
        switch value.kind {
        case .unknown: return "unknown value"
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .sequence(_, let kind): return kind.rawValue
        case .object(_, let kind): return kind.rawValue
        }
    }

    /// Elements brought to one type, as a list, set or map needs: mixed primitives become strings
    /// (`tomap({a = 1, b = "x"})` is `{a = "1", b = "x"}`); nil when no common type exists.
    static func unified(_ values: [HCLValue]) -> [HCLValue]? {
        let known = values.filter { $0.isKnown && !$0.isNull }
        let kinds = Set(known.map(typeName))
        guard kinds.count > 1 else { return values }
        guard kinds.isSubset(of: ["string", "number", "bool"]) else {
            // Collections of different shapes are left as they are: converting them needs type
            // information this reader does not track.
            return values
        }
        return values.map { value in
            guard value.isKnown, !value.isNull, let text = toString(value) else { return value }
            var converted = HCLValue.string(text)
            converted.range = value.range
            return converted
        }
    }
}
