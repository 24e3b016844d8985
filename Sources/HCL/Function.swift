/// A function the evaluator knows, by the name Terraform gives it.
struct HCLFunction: Sendable {
    /// What must be known before the function can run: the whole of every argument (`jsonencode`
    /// cannot write an unknown), or only the argument itself, its elements may be unknown
    /// (`merge` of objects with unknown attributes still has the known ones).
    enum Needs { case whollyKnown, knownArguments }

    var needs: Needs = .whollyKnown
    var arity: ClosedRange<Int>
    var body: @Sendable (FunctionCall) throws(HCLDiagnostic) -> HCLValue

    /// Every function, by name; `try`, `can`, `file` and `templatefile` are handled by the
    /// evaluator itself (their arguments are evaluated differently or read the file system).
    static let all: [String: HCLFunction] = collectionFunctions
        .merging(stringFunctions) { first, _ in first }
        .merging(encodingFunctions) { first, _ in first }
}

/// The arguments of one call, with helpers that turn a wrong type into a located error.
struct FunctionCall {
    var name: String
    var arguments: [HCLValue]
    var ranges: [SourceRange]
    var range: SourceRange

    func fail(_ message: String, argument: Int? = nil) -> HCLDiagnostic {
        let at = argument.flatMap { ranges.indices.contains($0) ? ranges[$0] : nil } ?? range
        return HCLDiagnostic("Invalid function argument: \(name): \(message)", at: at)
    }

    func string(_ position: Int) throws(HCLDiagnostic) -> String {
        let value = arguments[position]
        guard !value.isNull else { throw fail("argument \(position + 1) must not be null", argument: position) }
        guard let text = Conversion.toString(value) else {
            throw fail("argument \(position + 1) must be a string, not \(Conversion.typeName(value))", argument: position)
        }
        return text
    }

    func number(_ position: Int) throws(HCLDiagnostic) -> HCLNumber {
        let value = arguments[position]
        guard let number = Conversion.toNumber(value) else {
            throw fail("argument \(position + 1) must be a number, not \(Conversion.typeName(value))", argument: position)
        }
        return number
    }

    func integer(_ position: Int) throws(HCLDiagnostic) -> Int {
        guard let integer = try number(position).integer else { throw fail("argument \(position + 1) must be a whole number", argument: position) }
        return integer
    }

    func sequence(_ position: Int) throws(HCLDiagnostic) -> ([HCLValue], HCLValue.SequenceKind) {
        let value = arguments[position]
        guard case .sequence(let elements, let kind) = value.kind else {
            throw fail("argument \(position + 1) must be a list, not \(Conversion.typeName(value))", argument: position)
        }
        return (elements, kind)
    }

    func object(_ position: Int) throws(HCLDiagnostic) -> ([String: HCLValue], HCLValue.ObjectKind) {
        let value = arguments[position]
        guard case .object(let attributes, let kind) = value.kind else {
            throw fail("argument \(position + 1) must be a map or object, not \(Conversion.typeName(value))", argument: position)
        }
        return (attributes, kind)
    }
}
