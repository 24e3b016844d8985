import Foundation

/// Evaluates expressions as far as a module's own text decides them.
///
/// Known: literals, templates, operators, conditionals, `for`, splats, `local.*`, `var.*` (defaults
/// and tfvars), `path.module` and the functions in `HCLFunctions`. Everything Terraform decides
/// when it runs is `.unknown`, and unknown spreads to what is computed from it, but collections keep
/// their known elements. Errors (a wrong type, a missing key) are errors, which `try` and `can`
/// catch, and which `evaluate` turns into unknown.
///
/// Not thread-safe: it caches local values as it goes. One evaluator per thread.
public final class HCLEvaluator {
    public let module: HCLModule?
    /// How many expression steps one evaluation may take (and how many characters and elements it
    /// may build), so that no input can keep it busy for long or make it build a huge value.
    public let budget: Int
    /// Deepest recursion over expressions (locals referring to locals included).
    static let maxEvaluationDepth = 400

    var variables: [String: HCLValue]
    /// What `module.NAME` is, by call name: an object of the called module's outputs, set by a
    /// caller that has read the module; a call it does not name is unknown. Locals computed before
    /// are computed again, since they may have read a module that was unknown then.
    public var modules: [String: HCLValue] = [:] {
        didSet { localCache = [:] }
    }
    var localCache: [String: Result<HCLValue, HCLDiagnostic>] = [:]
    var resolving: Set<String> = []
    var spent = 0
    var evaluationDepth = 0
    var exhausted = false
    /// `templatefile` calls in progress, so a template that includes itself is refused.
    var templateFiles: [String] = []

    /// An evaluator for a module: its locals, variables and folder.
    public init(module: HCLModule, budget: Int = 2_000_000) {
        self.module = module
        self.budget = budget
        self.variables = module.variableValues
    }

    /// An evaluator outside any module: only `variables` (by name, as `templatefile` gives them).
    public init(variables: [String: HCLValue] = [:], budget: Int = 2_000_000) {
        self.module = nil
        self.budget = budget
        self.variables = [:]
        self.scopeVariables = variables
    }

    var scopeVariables: [String: HCLValue] = [:]

    /// The value, with errors read as unknown.
    public func evaluate(_ expression: HCLExpression) -> HCLValue {
        (try? evaluateChecked(expression).get()) ?? .unknown
    }

    /// The value, or why it cannot be computed; unknown is a value, not an error.
    public func evaluateChecked(_ expression: HCLExpression) -> Result<HCLValue, HCLDiagnostic> {
        spent = 0
        exhausted = false
        do throws(HCLDiagnostic) {
            return .success(try eval(expression, Scope(variables: scopeVariables)))
        } catch {
            return .failure(error)
        }
    }

    struct Scope {
        var variables: [String: HCLValue]
        var splatElement: HCLValue?
    }

    // MARK: budget

    /// Counts `cost` against the budget; past it, every further step fails.
    func spend(_ cost: Int, at range: SourceRange) throws(HCLDiagnostic) {
        spent += max(cost, 1)
        if spent > budget { exhausted = true }
        if exhausted { throw HCLDiagnostic("Evaluation budget exhausted: the expression builds too much to evaluate statically", at: range) }
    }

    /// A value checked against the budget and the nesting limit before it is handed on.
    func built(_ value: HCLValue, at range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        guard value.depth <= HCLFile.maxNestingDepth else {
            throw HCLDiagnostic("Value nested too deeply: more than \(HCLFile.maxNestingDepth) levels", at: range)
        }
        switch value.kind {
        case .string(let text): try spend(text.utf8.count / 16, at: range)
        case .sequence(let elements, _): try spend(elements.count, at: range)
        case .object(let attributes, _): try spend(attributes.count, at: range)
        default: break
        }
        return value
    }

    // MARK: expressions

    func eval(_ expression: HCLExpression, _ scope: Scope) throws(HCLDiagnostic) -> HCLValue {
        try spend(1, at: expression.range)
        evaluationDepth += 1
        defer { evaluationDepth -= 1 }
        guard evaluationDepth <= Self.maxEvaluationDepth else {
            throw HCLDiagnostic("Evaluation nested too deeply (locals referring to locals more than the reader follows)", at: expression.range)
        }
        let range = expression.range
        switch expression.kind {
        case .literal(let value): return value
        case .template(let parts): return try evalTemplate(parts, scope, range)
        case .variable(let name): return scope.variables[name] ?? .unknown
        case .attribute(let base, let name):
            if case .variable(let root) = base.kind, scope.variables[root] == nil {
                return try reference(root, name, range)
            }
            return try attribute(try eval(base, scope), name, range)
        case .index(let base, let key):
            return try index(try eval(base, scope), try eval(key, scope), range)
        case .splat(let source, let each, _):
            return try splat(try eval(source, scope), each, scope, range)
        case .splatElement:
            return scope.splatElement ?? .unknown
        case .tuple(let elements):
            var values: [HCLValue] = []
            for element in elements { values.append(try eval(element, scope)) }
            return try built(HCLValue(.sequence(values, .tuple), range: range), at: range)
        case .object(let items):
            return try object(items, scope, range)
        case .forExpression(let clause):
            return try forExpression(clause, scope, range)
        case .call(let name, let arguments, let expandsLast):
            return try call(name, arguments, expandsLast, scope, range)
        case .unary(let op, let operand):
            return try unary(op, try eval(operand, scope), range)
        case .binary(let op, let lhs, let rhs):
            return try binary(op, lhs, rhs, scope, range)
        case .conditional(let condition, let then, let otherwise):
            let test = try eval(condition, scope)
            guard test.isKnown else { return .unknown }
            guard let chosen = Conversion.toBool(test) else {
                throw HCLDiagnostic("Incorrect condition type: the condition must be a bool, not \(Conversion.typeName(test))", at: condition.range)
            }
            // Both results must have a common type, as Terraform requires even of the branch not
            // taken (whose errors do not count). Only a small other branch is evaluated for this,
            // so that nested conditionals do not cost twice per level.
            let first = try eval(chosen ? then : otherwise, scope)
            let other = chosen ? otherwise : then
            guard first.isWhollyKnown, other.depth <= 6 else { return first }
            let second: HCLValue
            do throws(HCLDiagnostic) {
                second = try eval(other, scope)
            } catch {
                if exhausted { throw error }
                return first
            }
            guard second.isWhollyKnown else { return first }
            guard let unified = Conversion.unified([first, second]) else {
                throw HCLDiagnostic("Inconsistent conditional result types: \(Conversion.typeName(first)) and \(Conversion.typeName(second)) have no common type", at: range)
            }
            return unified[0]
        case .parenthesized(let inner):
            return try eval(inner, scope)
        }
    }

    /// `local.x`, `var.x`, `path.module`, `module.x` (when `modules` has it); anything else rooted at
    /// a name (resources, data sources, `count`, `each`, `self`, `terraform`) is decided when
    /// Terraform runs.
    func reference(_ root: String, _ name: String, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        // A template file sees only the variables passed to it.
        guard templateFiles.isEmpty else { return .unknown }
        switch root {
        case "local": return try local(name, range)
        case "var":
            guard let module else { return .unknown }
            guard module.variables[name] != nil else { throw HCLDiagnostic("Reference to undeclared input variable \"\(name)\"", at: range) }
            return variables[name] ?? .unknown
        case "path":
            guard let module, name == "module" || name == "root" else { return .unknown }
            return HCLValue(.string(module.folder.path), range: range)
        case "module": return modules[name] ?? .unknown
        default: return .unknown
        }
    }

    func local(_ name: String, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        if let cached = localCache[name] { return try cached.get() }
        guard let module else { return .unknown }
        guard let attribute = module.locals[name] else { throw HCLDiagnostic("Reference to undeclared local value \"\(name)\"", at: range) }
        guard !resolving.contains(name) else { throw HCLDiagnostic("Cycle: local.\(name) refers to itself", at: range) }
        resolving.insert(name)
        defer { resolving.remove(name) }
        let result: Result<HCLValue, HCLDiagnostic>
        do throws(HCLDiagnostic) {
            result = .success(try eval(attribute.expression, Scope(variables: [:])))
        } catch {
            result = .failure(error)
        }
        // A local that ran out of budget is not cached: another evaluation may have budget to spare.
        if !exhausted { localCache[name] = result }
        return try result.get()
    }

    func attribute(_ value: HCLValue, _ name: String, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        switch value.kind {
        case .unknown: return .unknown
        case .object(let attributes, _):
            guard let found = attributes[name] else { throw HCLDiagnostic("Unsupported attribute: this object has no attribute \"\(name)\"", at: range) }
            return found
        case .null: throw HCLDiagnostic("Attempt to get attribute \"\(name)\" from a null value", at: range)
        default: throw HCLDiagnostic("Unsupported attribute: a \(Conversion.typeName(value)) has no attribute \"\(name)\"", at: range)
        }
    }

    func index(_ collection: HCLValue, _ key: HCLValue, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        guard collection.isKnown, key.isKnown else { return .unknown }
        switch collection.kind {
        case .sequence(let elements, let kind):
            guard kind != .set else { throw HCLDiagnostic("Invalid index: elements of a set cannot be accessed by index", at: range) }
            guard let position = Conversion.toNumber(key)?.integer else {
                throw HCLDiagnostic("Invalid index: a list is indexed by a whole number, not \(key.description)", at: range)
            }
            guard elements.indices.contains(position) else {
                throw HCLDiagnostic("Invalid index: \(position) is out of range for a list of \(elements.count)", at: range)
            }
            return elements[position]
        case .object(let attributes, _):
            guard let name = Conversion.toString(key) else { throw HCLDiagnostic("Invalid index: an object is indexed by a string", at: range) }
            guard let found = attributes[name] else { throw HCLDiagnostic("Invalid index: the key \"\(name)\" does not exist", at: range) }
            return found
        case .null: throw HCLDiagnostic("Attempt to index a null value", at: range)
        default: throw HCLDiagnostic("Invalid index: a \(Conversion.typeName(collection)) cannot be indexed", at: range)
        }
    }

    func splat(_ source: HCLValue, _ each: HCLExpression, _ scope: Scope, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        var inner = scope
        switch source.kind {
        case .unknown: return .unknown
        // A splat over null is an empty tuple: it turns a maybe-null value into zero or one element.
        case .null: return .tuple([])
        case .sequence(let elements, let kind):
            var values: [HCLValue] = []
            for element in elements {
                inner.splatElement = element
                values.append(try eval(each, inner))
            }
            return try built(HCLValue(.sequence(values, kind == .tuple ? .tuple : .list)), at: range)
        default:
            inner.splatElement = source
            return .tuple([try eval(each, inner)])
        }
    }

    func object(_ items: [HCLObjectItem], _ scope: Scope, _ range: SourceRange) throws(HCLDiagnostic) -> HCLValue {
        var attributes: [String: HCLValue] = [:]
        var unknownKey = false
        for item in items {
            let key: String
            switch item.key {
            case .name(let name): key = name
            case .expression(let expression):
                let value = try eval(expression, scope)
                guard value.isKnown else {
                    unknownKey = true
                    continue
                }
                guard let name = Conversion.toString(value) else {
                    throw HCLDiagnostic("Incorrect key type: an object key must be a string, not \(Conversion.typeName(value))", at: item.keyRange)
                }
                key = name
            }
            attributes[key] = try eval(item.value, scope)
        }
        return unknownKey ? .unknown : try built(HCLValue(.object(attributes, .object), range: range), at: range)
    }
}
