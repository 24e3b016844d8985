import Foundation

extension HCLEvaluator {
    func call(_ name: String, _ argumentExpressions: [HCLExpression], _ expandsLast: Bool, _ scope: Scope,
              _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        switch name {
        case "try": return try tryFunction(argumentExpressions, scope, range)
        case "can":
            guard argumentExpressions.count == 1, !expandsLast else {
                throw HCLDiagnostic("Invalid function call: can takes exactly one argument", at: range)
            }
            return try canFunction(argumentExpressions[0], scope)
        default: break
        }
        var arguments: [HCLValue] = []
        var ranges: [SourceRange] = []
        for expression in argumentExpressions {
            arguments.append(try eval(expression, scope))
            ranges.append(expression.range)
        }
        if expandsLast, let last = arguments.popLast() {
            let lastRange = ranges.removeLast()
            switch last.kind {
            case .unknown: return .unknown
            case .sequence(let elements, _):
                arguments += elements
                ranges += Array(repeating: lastRange, count: elements.count)
            default: throw HCLDiagnostic("Invalid expanding argument value: \"...\" needs a list, not \(Conversion.typeName(last))", at: lastRange)
            }
        }
        let call = FunctionCall(name: name, arguments: arguments, ranges: ranges, range: range)
        switch name {
        case "file": return try readFile(call)
        case "templatefile": return try templateFile(call)
        default: break
        }
        // Provider functions, `timestamp()`, `uuid()` and every function not listed are decided
        // when Terraform runs, or by code this reader does not have.
        guard let function = HCLFunction.all[name] else { return .unknown }
        guard function.arity.contains(arguments.count) else {
            let wanted = function.arity.upperBound == Int.max ? "at least \(function.arity.lowerBound)"
                : function.arity.count == 1 ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) to \(function.arity.upperBound)"
            throw HCLDiagnostic("Wrong number of arguments: \(name) takes \(wanted), not \(arguments.count)", at: range)
        }
        switch function.needs {
        case .whollyKnown: if !arguments.allSatisfy(\.isWhollyKnown) { return .unknown }
        case .knownArguments: if !arguments.allSatisfy(\.isKnown) { return .unknown }
        }
        return try built(try function.body(call), at: range)
    }

    /// The first argument that evaluates without an error. An argument that is not wholly known
    /// makes the result unknown: Terraform may find an error in it later, or may not.
    func tryFunction(_ arguments: [HCLExpression], _ scope: Scope, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        guard !arguments.isEmpty else { throw HCLDiagnostic("Wrong number of arguments: try needs at least one", at: range) }
        var lastError: HCLDiagnostic?
        for argument in arguments {
            do throws(HCLDiagnostic) {
                let value = try eval(argument, scope)
                return value.isWhollyKnown ? value : .unknown
            } catch {
                if exhausted { throw error }
                lastError = error
            }
        }
        throw lastError ?? HCLDiagnostic("No argument of try succeeded", at: range)
    }

    func canFunction(_ argument: HCLExpression, _ scope: Scope) throws(HCLDiagnostic) -> HCLValue {
        do throws(HCLDiagnostic) {
            let value = try eval(argument, scope)
            return value.isWhollyKnown ? .bool(true) : .unknown
        } catch {
            if exhausted { throw error }
            return .bool(false)
        }
    }
}
