extension HCLFunction {
    static let collectionFunctions: [String: HCLFunction] = [
        "merge": HCLFunction(needs: .knownArguments, arity: 0...Int.max) { call throws(HCLDiagnostic) in
            var merged: [String: HCLValue] = [:]
            var allMaps = true
            for position in call.arguments.indices where !call.arguments[position].isNull {
                let (attributes, kind) = try call.object(position)
                allMaps = allMaps && kind == .map
                merged.merge(attributes) { _, later in later }
            }
            return HCLValue(.object(merged, allMaps && !call.arguments.isEmpty ? .map : .object))
        },
        "concat": HCLFunction(needs: .knownArguments, arity: 1...Int.max) { call throws(HCLDiagnostic) in
            var elements: [HCLValue] = []
            var allLists = true
            for position in call.arguments.indices {
                let (items, kind) = try call.sequence(position)
                allLists = allLists && kind != .tuple
                elements += items
            }
            guard allLists else { return .tuple(elements) }
            guard let unified = Conversion.unified(elements) else { throw call.fail("all arguments must be lists of one element type") }
            return .list(unified)
        },
        "lookup": HCLFunction(needs: .knownArguments, arity: 2...3) { call throws(HCLDiagnostic) in
            let (attributes, _) = try call.object(0)
            let key = try call.string(1)
            if let found = attributes[key] { return found }
            guard call.arguments.count == 3 else { throw call.fail("the given key \"\(key)\" does not exist in the map", argument: 1) }
            return call.arguments[2]
        },
        "length": HCLFunction(needs: .knownArguments, arity: 1...1) { call throws(HCLDiagnostic) in
            let value = call.arguments[0]
            switch value.kind {
            // Terraform counts user-perceived characters (grapheme clusters), as Swift does.
            case .string(let text): return .number(text.count)
            case .sequence(let elements, _): return .number(elements.count)
            case .object(let attributes, _): return .number(attributes.count)
            default: throw call.fail("argument must be a string, a collection or a structural type, not \(Conversion.typeName(value))", argument: 0)
            }
        },
        "element": HCLFunction(needs: .knownArguments, arity: 2...2) { call throws(HCLDiagnostic) in
            let (elements, kind) = try call.sequence(0)
            guard kind != .set else { throw call.fail("cannot read elements of a set by index", argument: 0) }
            let position = try call.integer(1)
            guard !elements.isEmpty else { throw call.fail("cannot use element function with an empty list", argument: 0) }
            guard position >= 0 else { throw call.fail("cannot use element function with a negative index", argument: 1) }
            return elements[position % elements.count]
        },
        "keys": HCLFunction(needs: .knownArguments, arity: 1...1) { call throws(HCLDiagnostic) in
            let (attributes, kind) = try call.object(0)
            let keys = HCLValue.sortedKeys(attributes).map { HCLValue.string($0) }
            return HCLValue(.sequence(keys, kind == .map ? .list : .tuple))
        },
        "values": HCLFunction(needs: .knownArguments, arity: 1...1) { call throws(HCLDiagnostic) in
            let (attributes, kind) = try call.object(0)
            let values = HCLValue.sortedKeys(attributes).map { attributes[$0]! }
            return HCLValue(.sequence(values, kind == .map ? .list : .tuple))
        },
        "contains": HCLFunction(needs: .whollyKnown, arity: 2...2) { call throws(HCLDiagnostic) in
            let (elements, _) = try call.sequence(0)
            return .bool(elements.contains(call.arguments[1]))
        },
        "flatten": HCLFunction(needs: .knownArguments, arity: 1...1) { call throws(HCLDiagnostic) in
            let (elements, _) = try call.sequence(0)
            var flat: [HCLValue] = []
            // An unknown element may be a list to flatten: the result's length is unknown.
            return flatten(elements, into: &flat) ? .tuple(flat) : .unknown
        },
        "distinct": HCLFunction(needs: .whollyKnown, arity: 1...1) { call throws(HCLDiagnostic) in
            let (elements, _) = try call.sequence(0)
            var unique: [HCLValue] = []
            guard let unified = Conversion.unified(elements) else { throw call.fail("all elements must have one type", argument: 0) }
            for element in unified where !unique.contains(element) { unique.append(element) }
            return .list(unique)
        },
        "coalesce": HCLFunction(needs: .knownArguments, arity: 1...Int.max) { call throws(HCLDiagnostic) in
            for value in call.arguments {
                guard value.isWhollyKnown else { return .unknown }
                if value.isNull || value.string == "" { continue }
                return value
            }
            throw call.fail("no non-null, non-empty-string arguments")
        },
        "tolist": HCLFunction(needs: .knownArguments, arity: 1...1) { call throws(HCLDiagnostic) in
            let value = call.arguments[0]
            if value.isNull { return value }
            let (elements, _) = try call.sequence(0)
            guard let unified = Conversion.unified(elements) else { throw call.fail("cannot convert to a list: the elements have no common type", argument: 0) }
            return .list(unified)
        },
        "toset": HCLFunction(needs: .whollyKnown, arity: 1...1) { call throws(HCLDiagnostic) in
            let value = call.arguments[0]
            if value.isNull { return value }
            let (elements, _) = try call.sequence(0)
            guard let unified = Conversion.unified(elements) else { throw call.fail("cannot convert to a set: the elements have no common type", argument: 0) }
            return .set(unified)
        },
        "tomap": HCLFunction(needs: .knownArguments, arity: 1...1) { call throws(HCLDiagnostic) in
            let value = call.arguments[0]
            if value.isNull { return value }
            let (attributes, _) = try call.object(0)
            let keys = Array(attributes.keys)
            guard let values = Conversion.unified(keys.map { attributes[$0]! }) else {
                throw call.fail("cannot convert to a map: the values have no common type", argument: 0)
            }
            return .map(Dictionary(uniqueKeysWithValues: zip(keys, values)))
        },
    ]

    /// Appends the non-list elements of `values` at any depth; false when one is unknown.
    static func flatten(_ values: [HCLValue], into flat: inout [HCLValue]) -> Bool {
        for value in values {
            switch value.kind {
            case .sequence(let inner, _): if !flatten(inner, into: &flat) { return false }
            case .unknown: return false
            default: flat.append(value)
            }
        }
        return true
    }
}
