import Foundation

/// A number as Terraform holds it: exactly, not as a binary double, so `0.05` stays `0.05` and
/// integers stay exact well past 2^53. Backed by `Decimal` (38 significant digits); Terraform keeps
/// 512 bits, so only the last digits of a division that does not terminate differ.
public struct HCLNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var decimal: Decimal

    public init(_ decimal: Decimal) { self.decimal = decimal }
    public init(_ integer: Int) { self.decimal = Decimal(integer) }

    /// Terraform's number syntax (`tonumber`, numeric literals, JSON numbers):
    /// `[+-]? digits ("." digits?)? ([eE] [+-]? digits)?` or `.digits`; nil for anything else.
    public init?(parsing text: String) {
        guard Self.isNumberSyntax(text), let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
              !decimal.isNaN else { return nil }
        self.decimal = decimal
    }

    static func isNumberSyntax(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        let whole = scalars.prefix(while: isDigit)
        scalars = scalars.dropFirst(whole.count)
        var fraction = 0
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            fraction = scalars.prefix(while: isDigit).count
            scalars = scalars.dropFirst(fraction)
        }
        guard whole.count + fraction > 0 else { return false }
        if scalars.first == "e" || scalars.first == "E" {
            scalars = scalars.dropFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
            let exponent = scalars.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            scalars = scalars.dropFirst(exponent)
        }
        return scalars.isEmpty
    }

    /// Plain decimal notation without exponent, as Terraform prints numbers (`1e21` is
    /// `1000000000000000000000`, `1.5e-7` is `0.00000015`).
    public var description: String {
        decimal.isZero ? "0" : NSDecimalNumber(decimal: decimal).description(withLocale: Locale(identifier: "en_US_POSIX"))
    }

    public var isInteger: Bool {
        var value = decimal
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return rounded == decimal
    }

    /// The value as an `Int` when it is a whole number in range.
    public var integer: Int? {
        guard isInteger, decimal.magnitude < Decimal(Int.max) else { return nil }
        return NSDecimalNumber(decimal: decimal).intValue
    }

    public var double: Double { NSDecimalNumber(decimal: decimal).doubleValue }

    public static func < (lhs: HCLNumber, rhs: HCLNumber) -> Bool { lhs.decimal < rhs.decimal }

    /// The result of an arithmetic operator, nil when it leaves Decimal's range or divides by zero.
    static func arithmetic(_ op: HCLBinaryOperator, _ lhs: HCLNumber, _ rhs: HCLNumber) -> HCLNumber? {
        let result: Decimal
        switch op {
        case .add: result = lhs.decimal + rhs.decimal
        case .subtract: result = lhs.decimal - rhs.decimal
        case .multiply: result = lhs.decimal * rhs.decimal
        case .divide:
            guard !rhs.decimal.isZero else { return nil }
            result = lhs.decimal / rhs.decimal
        case .modulo:
            // Truncated remainder, the sign of the dividend, as Terraform gives (-7 % 3 == -1);
            // Terraform answers x % 0 with x rather than an error.
            guard !rhs.decimal.isZero else { return lhs }
            var quotient = (lhs.decimal / rhs.decimal).magnitude
            var whole = Decimal()
            NSDecimalRound(&whole, &quotient, 0, .down)
            let truncated = (lhs.decimal.sign == rhs.decimal.sign) ? whole : -whole
            result = lhs.decimal - truncated * rhs.decimal
        default: return nil
        }
        return result.isNaN ? nil : HCLNumber(result)
    }
}
