extension HCLEvaluator {
    func unary(_ op: HCLUnaryOperator, _ operand: HCLValue, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        guard operand.isKnown else { return .unknown }
        switch op {
        case .not:
            guard let value = Conversion.toBool(operand) else { throw HCLDiagnostic("Invalid operand: \"!\" needs a bool, not \(Conversion.typeName(operand))", at: range) }
            return .bool(!value)
        case .negate:
            guard let value = Conversion.toNumber(operand) else { throw HCLDiagnostic("Invalid operand: \"-\" needs a number, not \(Conversion.typeName(operand))", at: range) }
            return .number(HCLNumber(-value.decimal))
        }
    }

    func binary(_ op: HCLBinaryOperator, _ lhsExpression: HCLExpression, _ rhsExpression: HCLExpression, _ scope: Scope,
                _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        let lhs = try eval(lhsExpression, scope)
        let rhs = try eval(rhsExpression, scope)
        switch op {
        case .equal, .notEqual:
            guard lhs.isWhollyKnown, rhs.isWhollyKnown else { return .unknown }
            return .bool((lhs == rhs) == (op == .equal))
        case .and, .or:
            // A known operand can decide alone: false && anything, true || anything.
            let left = try logicOperand(lhs, op, lhsExpression.range)
            let right = try logicOperand(rhs, op, rhsExpression.range)
            let decisive = op == .or
            if left == decisive || right == decisive { return .bool(decisive) }
            guard let left, let right else { return .unknown }
            return .bool(op == .and ? left && right : left || right)
        default:
            guard lhs.isKnown, rhs.isKnown else { return .unknown }
            guard let a = Conversion.toNumber(lhs) else { throw operandError(op, lhs, lhsExpression.range) }
            guard let b = Conversion.toNumber(rhs) else { throw operandError(op, rhs, rhsExpression.range) }
            switch op {
            case .less: return .bool(a < b)
            case .greater: return .bool(a > b)
            case .lessEqual: return .bool(a <= b)
            case .greaterEqual: return .bool(a >= b)
            default:
                guard let result = HCLNumber.arithmetic(op, a, b) else {
                    throw HCLDiagnostic(b.decimal.isZero && op == .divide ? "Division by zero" : "Number out of range", at: range)
                }
                return .number(result)
            }
        }
    }

    func logicOperand(_ value: HCLValue, _ op: HCLBinaryOperator, _ range: SourceRange) throws(HCLDiagnostic) -> Bool? {
        guard value.isKnown else { return nil }
        guard let bool = Conversion.toBool(value) else { throw operandError(op, value, range) }
        return bool
    }

    func operandError(_ op: HCLBinaryOperator, _ value: HCLValue, _ range: SourceRange) -> HCLDiagnostic {
        let wanted = op == .and || op == .or ? "bool" : "number"
        return HCLDiagnostic("Invalid operand: \"\(op.rawValue)\" needs a \(wanted), not \(Conversion.typeName(value))", at: range)
    }

    /// The (key, value) pairs a `for` visits: index and element for a list, key and value for a
    /// map in key order, the element twice for a set. Nil when the collection is unknown.
    func iteration(_ collection: HCLValue, _ range: SourceRange) throws(HCLDiagnostic) -> [(HCLValue, HCLValue)]? {
        switch collection.kind {
        case .unknown: return nil
        case .sequence(let elements, let kind):
            return elements.enumerated().map { kind == .set ? ($0.element, $0.element) : (.number($0.offset), $0.element) }
        case .object(let attributes, _):
            return HCLValue.sortedKeys(attributes).map { (.string($0), attributes[$0]!) }
        case .null: throw HCLDiagnostic("Iteration over null value: a 'for' needs a collection", at: range)
        default: throw HCLDiagnostic("Iteration over non-iterable value: a \(Conversion.typeName(collection)) is not a collection", at: range)
        }
    }

    func forExpression(_ clause: HCLForExpression, _ scope: Scope, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        guard let pairs = try iteration(try eval(clause.collection, scope), clause.collection.range) else { return .unknown }
        var elements: [HCLValue] = []
        var attributes: [String: HCLValue] = [:]
        var groups: [String: [HCLValue]] = [:]
        var inner = scope
        for (key, value) in pairs {
            if let name = clause.keyVariable { inner.variables[name] = key }
            inner.variables[clause.valueVariable] = value
            if let condition = clause.condition {
                let test = try eval(condition, inner)
                guard test.isKnown else { return .unknown }
                guard let keep = Conversion.toBool(test) else {
                    throw HCLDiagnostic("Invalid 'for' condition: the condition must be a bool, not \(Conversion.typeName(test))", at: condition.range)
                }
                if !keep { continue }
            }
            guard let keyExpression = clause.key else {
                elements.append(try eval(clause.value, inner))
                try spend(1, at: range)
                continue
            }
            let keyValue = try eval(keyExpression, inner)
            guard keyValue.isKnown else { return .unknown }
            guard let name = Conversion.toString(keyValue) else {
                throw HCLDiagnostic("Invalid object key: a 'for' key must be a string, not \(Conversion.typeName(keyValue))", at: keyExpression.range)
            }
            let element = try eval(clause.value, inner)
            try spend(1, at: range)
            if clause.grouped {
                groups[name, default: []].append(element)
            } else {
                guard attributes[name] == nil else {
                    throw HCLDiagnostic("Duplicate object key \"\(name)\": add \"...\" after the value to group values by key", at: keyExpression.range)
                }
                attributes[name] = element
            }
        }
        if clause.key == nil { return try built(HCLValue(.sequence(elements, .tuple), range: range), at: range) }
        if clause.grouped { attributes = groups.mapValues { HCLValue.tuple($0) } }
        return try built(HCLValue(.object(attributes, .object), range: range), at: range)
    }
}
