/// An expression as written, with where it was written. Evaluation is separate
/// (`HCLEvaluator`): the same tree answers "what is this value" and "where is this reference".
public struct HCLExpression: Sendable {
    public indirect enum Kind: Sendable {
        /// A number, `true`, `false` or `null`.
        case literal(HCLValue)
        /// A quoted string or heredoc. A template of one literal part is a plain string.
        case template([HCLTemplatePart])
        /// A name on its own, such as `var` in `var.region` or `each` in `each.key`.
        case variable(String)
        case attribute(HCLExpression, name: String)
        /// `collection[key]`, and the legacy `collection.0`.
        case index(HCLExpression, key: HCLExpression)
        /// `source.*.a.b` (`full == false`) or `source[*].a[0]` (`full == true`): `each` is
        /// applied to every element, `HCLExpression.splatElement` standing for the element.
        case splat(HCLExpression, each: HCLExpression, full: Bool)
        /// The element inside a splat's `each`.
        case splatElement
        case tuple([HCLExpression])
        case object([HCLObjectItem])
        case forExpression(HCLForExpression)
        /// `name(arguments)`; `name` includes a provider namespace (`provider::aws::arn_parse`).
        /// `expandsLast` when the last argument is followed by `...`.
        case call(name: String, arguments: [HCLExpression], expandsLast: Bool)
        case unary(HCLUnaryOperator, HCLExpression)
        case binary(HCLBinaryOperator, HCLExpression, HCLExpression)
        case conditional(HCLExpression, then: HCLExpression, else: HCLExpression)
        case parenthesized(HCLExpression)
    }

    public var kind: Kind
    public var range: SourceRange
    /// How many expressions deep the tree goes (1 for a leaf), so that walks can be bounded.
    public private(set) var depth: Int

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
        self.depth = 1 + (kind.children.map(\.depth).max() ?? 0)
    }

    /// The text of a string without interpolations or directives: nil for anything else.
    public var literalString: String? {
        guard case .template(let parts) = kind else { return nil }
        var text = ""
        for part in parts {
            guard case .literal(let piece, _) = part else { return nil }
            text += piece
        }
        return text
    }

    /// The names of a reference such as `aws_iam_role.task.arn` (`["aws_iam_role", "task",
    /// "arn"]`); constant indexes appear as their text. Nil when it is not a plain reference.
    public var traversal: [String]? {
        switch kind {
        case .variable(let name): return [name]
        case .attribute(let base, let name): return base.traversal.map { $0 + [name] }
        case .index(let base, let key):
            if case .literal(let value) = key.kind, case .number(let number) = value.kind { return base.traversal.map { $0 + [number.description] } }
            return key.literalString.flatMap { key in base.traversal.map { $0 + [key] } }
        default: return nil
        }
    }
}

extension HCLExpression.Kind {
    /// The expressions directly inside this one, in source order.
    public var children: [HCLExpression] {
        switch self {
        case .literal, .variable, .splatElement: return []
        case .template(let parts): return parts.flatMap(\.expressions)
        case .attribute(let base, _): return [base]
        case .index(let base, let key): return [base, key]
        case .splat(let source, let each, _): return [source, each]
        case .tuple(let elements): return elements
        case .object(let items):
            return items.flatMap { item -> [HCLExpression] in
                if case .expression(let key) = item.key { return [key, item.value] }
                return [item.value]
            }
        case .forExpression(let clause): return [clause.collection] + [clause.key, clause.value, clause.condition].compactMap { $0 }
        case .call(_, let arguments, _): return arguments
        case .unary(_, let operand): return [operand]
        case .binary(_, let lhs, let rhs): return [lhs, rhs]
        case .conditional(let condition, let then, let otherwise): return [condition, then, otherwise]
        case .parenthesized(let inner): return [inner]
        }
    }
}

/// One `key = value` (or `key: value`) of an object constructor.
public struct HCLObjectItem: Sendable {
    public enum Key: Sendable {
        /// A bare identifier, which names the key literally.
        case name(String)
        /// A string, a parenthesised expression or any other expression, evaluated for the key.
        case expression(HCLExpression)
    }

    public var key: Key
    public var keyRange: SourceRange
    public var value: HCLExpression
}

/// `[for k, v in collection : value if condition]` or `{for k, v in collection : key => value... if condition}`.
public struct HCLForExpression: Sendable {
    public var keyVariable: String?
    public var valueVariable: String
    public var collection: HCLExpression
    /// Only for an object `for`.
    public var key: HCLExpression?
    public var value: HCLExpression
    public var condition: HCLExpression?
    /// `...` after the value of an object `for`: values of equal keys are grouped into tuples.
    public var grouped: Bool

    public var producesObject: Bool { key != nil }
}

public enum HCLUnaryOperator: String, Sendable { case negate = "-", not = "!" }

public enum HCLBinaryOperator: String, Sendable, CaseIterable {
    case or = "||", and = "&&"
    case equal = "==", notEqual = "!="
    case less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">="
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", modulo = "%"

    /// The specification's precedence levels: higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual: return 3
        case .less, .greater, .lessEqual, .greaterEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .modulo: return 6
        }
    }
}

/// A piece of a template. Strip markers (`~`) and `<<-` indentation are applied while parsing,
/// so literal parts hold the text the template produces.
public indirect enum HCLTemplatePart: Sendable {
    case literal(String, SourceRange)
    case interpolation(HCLExpression)
    case ifDirective(condition: HCLExpression, then: [HCLTemplatePart], else: [HCLTemplatePart], range: SourceRange)
    case forDirective(keyVariable: String?, valueVariable: String, collection: HCLExpression, body: [HCLTemplatePart], range: SourceRange)

    /// The expressions of this part, with those of its nested parts.
    public var expressions: [HCLExpression] {
        switch self {
        case .literal: return []
        case .interpolation(let expression): return [expression]
        case .ifDirective(let condition, let then, let otherwise, _): return [condition] + (then + otherwise).flatMap(\.expressions)
        case .forDirective(_, _, let collection, let body, _): return [collection] + body.flatMap(\.expressions)
        }
    }
}
