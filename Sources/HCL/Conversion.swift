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

    /// A value's type as a comparable description: two values have the same type exactly when
    /// their signatures are equal. Null and unknown have no type of their own (nil).
    static func signature(_ value: HCLValue) -> String? {
        switch value.kind {
        case .unknown, .null: return nil
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .sequence(let elements, let kind):
            return "\(kind.rawValue)[" + elements.map { signature($0) ?? "any" }.joined(separator: ",") + "]"
        case .object(let attributes, let kind):
            return "\(kind.rawValue){" + HCLValue.sortedKeys(attributes).map { "\($0):\(signature(attributes[$0]!) ?? "any")" }.joined(separator: ",") + "}"
        }
    }

    /// Values brought to one type, as Terraform unifies the elements of a list, set or map and the
    /// two results of a conditional: mixed primitives become strings when a string is among them
    /// (`tomap({a = 1, b = "x"})` is `{a = "1", b = "x"}`); sequences become lists and objects
    /// maps of a unified element type. Nil when there is no common type (a number and a list).
    static func unified(_ values: [HCLValue]) -> [HCLValue]? {
        let typed = values.filter { signature($0) != nil }
        let signatures = Set(typed.compactMap(signature))
        guard signatures.count > 1 else { return values }
        let kinds = Set(typed.map(typeName))
        if kinds.isSubset(of: ["string", "number", "bool"]) {
            guard kinds.contains("string") else { return nil }
            return values.map { value in
                guard signature(value) != nil, let text = toString(value) else { return value }
                var converted = HCLValue.string(text)
                converted.range = value.range
                return converted
            }
        }
        if kinds == ["tuple"], Set(typed.map { $0.elements!.count }).count == 1 {
            // Tuples of one length unify element by element, as objects with the same attributes do.
            let length = typed[0].elements!.count
            var columns: [[HCLValue]] = []
            for position in 0..<length {
                guard let column = unified(typed.map { $0.elements![position] }) else { return nil }
                columns.append(column)
            }
            var row = 0
            return values.map { value in
                guard value.elements != nil else { return value }
                defer { row += 1 }
                return HCLValue(.sequence(columns.map { $0[row] }, .tuple), range: value.range)
            }
        }
        if kinds.isSubset(of: ["tuple", "list", "set"]) {
            let all = typed.flatMap { $0.elements ?? [] }
            guard let elements = unified(all) else { return nil }
            var offset = 0
            return values.map { value in
                guard let count = value.elements?.count else { return value }
                defer { offset += count }
                let kind: HCLValue.SequenceKind = typeName(value) == "set" ? .set : .list
                return HCLValue(.sequence(Array(elements[offset..<(offset + count)]), kind), range: value.range)
            }
        }
        if kinds.isSubset(of: ["object", "map"]) {
            let keys = Set(typed.map { HCLValue.sortedKeys($0.attributes ?? [:]) })
            if keys.count == 1, let names = keys.first {
                // Objects with the same attributes unify attribute by attribute.
                var columns: [String: [HCLValue]] = [:]
                for name in names {
                    guard let column = unified(typed.map { $0.attributes![name]! }) else { return nil }
                    columns[name] = column
                }
                var row = 0
                return values.map { value in
                    guard value.attributes != nil else { return value }
                    defer { row += 1 }
                    return HCLValue(.object(columns.mapValues { $0[row] }, .object), range: value.range)
                }
            }
            let all = typed.flatMap { value in HCLValue.sortedKeys(value.attributes ?? [:]).map { value.attributes![$0]! } }
            // Objects of different attributes unify to a map only when their values are primitives
            // or already of one type; Terraform does not reshape nested structures for it.
            let valueKinds = Set(all.filter { signature($0) != nil }.map(typeName))
            guard valueKinds.isSubset(of: ["string", "number", "bool"]) || Set(all.compactMap(signature)).count <= 1,
                  let flat = unified(all) else { return nil }
            var offset = 0
            return values.map { value in
                guard let attributes = value.attributes else { return value }
                let names = HCLValue.sortedKeys(attributes)
                defer { offset += names.count }
                return HCLValue(.object(Dictionary(uniqueKeysWithValues: zip(names, flat[offset..<(offset + names.count)])), .map), range: value.range)
            }
        }
        return nil
    }
}
