extension HCLEvaluator {
    /// A template's string; a template that is one interpolation alone gives its value unchanged
    /// (`"${var.list}"` is the list), as the specification's "unwrapping" says.
    func evalTemplate(_ parts: [HCLTemplatePart], _ scope: Scope, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        if parts.count == 1, case .interpolation(let expression) = parts[0] {
            return try eval(expression, scope)
        }
        var text = ""
        var known = true
        try render(parts, scope, into: &text, known: &known)
        return known ? try built(HCLValue(.string(text), range: range), at: range) : .unknown
    }

    /// Appends what `parts` produce. Unknown pieces clear `known` but the rest is still evaluated,
    /// so that errors are found wherever they are.
    func render(_ parts: [HCLTemplatePart], _ scope: Scope, into text: inout String, known: inout Bool) throws(HCLDiagnostic) {
        for part in parts {
            switch part {
            case .literal(let piece, _):
                text += piece
            case .interpolation(let expression):
                let value = try eval(expression, scope)
                guard value.isKnown else {
                    known = false
                    continue
                }
                guard let piece = Conversion.toString(value) else {
                    let what = value.isNull ? "the value is null" : "a \(Conversion.typeName(value)) cannot be turned into a string"
                    throw HCLDiagnostic("Invalid template interpolation value: \(what)", at: expression.range)
                }
                text += piece
            case .ifDirective(let condition, let then, let otherwise, _):
                let test = try eval(condition, scope)
                guard test.isKnown else {
                    known = false
                    continue
                }
                guard let chosen = Conversion.toBool(test) else {
                    throw HCLDiagnostic("Invalid template if condition: it must be a bool, not \(Conversion.typeName(test))", at: condition.range)
                }
                try render(chosen ? then : otherwise, scope, into: &text, known: &known)
            case .forDirective(let keyVariable, let valueVariable, let collection, let body, _):
                guard let pairs = try iteration(try eval(collection, scope), collection.range) else {
                    known = false
                    continue
                }
                var inner = scope
                for (key, value) in pairs {
                    if let keyVariable { inner.variables[keyVariable] = key }
                    inner.variables[valueVariable] = value
                    try render(body, inner, into: &text, known: &known)
                }
            }
            try spend(text.utf8.count / 64, at: part.range)
        }
    }
}

extension HCLTemplatePart {
    var range: SourceRange {
        switch self {
        case .literal(_, let range), .ifDirective(_, _, _, let range), .forDirective(_, _, _, _, let range): return range
        case .interpolation(let expression): return expression.range
        }
    }
}
