/// A value an expression evaluates to, or `unknown` when it depends on something only known
/// when Terraform runs (a resource attribute, `count.index`, a function this reader does not know).
///
/// Collections hold values, so an object with one unknown attribute still answers for its known
/// ones; only turning an unknown into text (a template, `jsonencode`) makes the result unknown.
/// `range` is where the value was written, when it came from a literal in the source.
public struct HCLValue: Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case unknown
        case null
        case bool(Bool)
        case number(HCLNumber)
        case string(String)
        case sequence([HCLValue], SequenceKind)
        case object([String: HCLValue], ObjectKind)
    }

    /// Terraform's collection types differ in how they print and convert; the evaluator keeps
    /// which one a function returns (a `[ ]` literal is a tuple, `split` gives a list).
    public enum SequenceKind: String, Sendable { case tuple, list, set }
    public enum ObjectKind: String, Sendable { case object, map }

    public var kind: Kind
    public var range: SourceRange?
    /// How many collections deep the value goes (0 for a primitive), kept so that every walk over
    /// a value can be refused before it could exhaust the stack.
    public private(set) var depth: Int

    public init(_ kind: Kind, range: SourceRange? = nil) {
        self.kind = kind
        self.range = range
        switch kind {
        case .sequence(let elements, _): depth = 1 + (elements.map(\.depth).max() ?? 0)
        case .object(let attributes, _): depth = 1 + (attributes.values.map(\.depth).max() ?? 0)
        default: depth = 0
        }
    }

    public static let unknown = HCLValue(.unknown)
    public static let null = HCLValue(.null)
    public static func bool(_ value: Bool) -> HCLValue { HCLValue(.bool(value)) }
    public static func number(_ value: HCLNumber) -> HCLValue { HCLValue(.number(value)) }
    public static func number(_ value: Int) -> HCLValue { HCLValue(.number(HCLNumber(value))) }
    public static func string(_ value: String) -> HCLValue { HCLValue(.string(value)) }
    public static func tuple(_ elements: [HCLValue]) -> HCLValue { HCLValue(.sequence(elements, .tuple)) }
    public static func list(_ elements: [HCLValue]) -> HCLValue { HCLValue(.sequence(elements, .list)) }
    public static func object(_ attributes: [String: HCLValue]) -> HCLValue { HCLValue(.object(attributes, .object)) }
    public static func map(_ attributes: [String: HCLValue]) -> HCLValue { HCLValue(.object(attributes, .map)) }

    /// A set: duplicates removed, in Terraform's order (strings by their bytes, numbers by value).
    public static func set(_ elements: [HCLValue]) -> HCLValue {
        var unique: [HCLValue] = []
        for element in elements where !unique.contains(where: { $0 == element }) { unique.append(element) }
        return HCLValue(.sequence(unique.sorted(by: HCLValue.setOrder), .set))
    }

    static func setOrder(_ lhs: HCLValue, _ rhs: HCLValue) -> Bool {
        switch (lhs.kind, rhs.kind) {
        case (.number(let a), .number(let b)): return a < b
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        case (.bool(let a), .bool(let b)): return !a && b
        default: return false
        }
    }

    public var isKnown: Bool { if case .unknown = kind { return false } else { return true } }
    public var isNull: Bool { if case .null = kind { return true } else { return false } }

    /// Known all the way down: no unknown element or attribute at any depth.
    public var isWhollyKnown: Bool {
        switch kind {
        case .unknown: return false
        case .sequence(let elements, _): return elements.allSatisfy(\.isWhollyKnown)
        case .object(let attributes, _): return attributes.values.allSatisfy(\.isWhollyKnown)
        default: return true
        }
    }

    public var string: String? { if case .string(let text) = kind { return text } else { return nil } }
    public var number: HCLNumber? { if case .number(let number) = kind { return number } else { return nil } }
    public var bool: Bool? { if case .bool(let value) = kind { return value } else { return nil } }
    public var elements: [HCLValue]? { if case .sequence(let elements, _) = kind { return elements } else { return nil } }
    public var attributes: [String: HCLValue]? { if case .object(let attributes, _) = kind { return attributes } else { return nil } }

    /// An object's attribute (a map's element); nil when absent or not an object.
    public subscript(key: String) -> HCLValue? { attributes?[key] }

    /// An object's keys in Terraform's order: sorted by their bytes.
    static func sortedKeys(_ attributes: [String: HCLValue]) -> [String] {
        attributes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The value with `range` set, for a literal read from the source.
    func located(_ range: SourceRange) -> HCLValue {
        var copy = self
        copy.range = range
        return copy
    }

    /// As `terraform console` would write it on one line (for messages and tests).
    public var description: String {
        switch kind {
        case .unknown: return "(known after apply)"
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let number): return number.description
        case .string(let text): return JSONText.quote(text)
        case .sequence(let elements, _): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .object(let attributes, _):
            return "{" + Self.sortedKeys(attributes).map { "\(JSONText.quote($0)) = \(attributes[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }
}

extension HCLValue: Equatable {
    /// Equal values, wherever they were written; an unknown equals nothing (not even unknown).
    public static func == (lhs: HCLValue, rhs: HCLValue) -> Bool {
        switch (lhs.kind, rhs.kind) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.sequence(let a, _), .sequence(let b, _)): return a == b
        case (.object(let a, _), .object(let b, _)): return a == b
        default: return false
        }
    }
}
