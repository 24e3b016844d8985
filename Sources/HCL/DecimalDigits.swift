/// A number as decimal digits and a point position (value = 0.d₁d₂… × 10^point), for the
/// fixed, exponential and general formats of `format`. Rounding is half-to-even on the decimal
/// digits; Terraform rounds the binary value, so a tie written in decimal (2.675 to two places)
/// can round the other way there.
struct DecimalDigits {
    var digits: [UInt8]
    var point: Int
    var negative: Bool

    init(_ number: HCLNumber) {
        var text = number.description
        negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Array(parts[0].utf8.map { $0 - 48 })
        let fraction = parts.count > 1 ? Array(parts[1].utf8.map { $0 - 48 }) : []
        var all = whole + fraction
        var point = whole.count
        while let first = all.first, first == 0 {
            all.removeFirst()
            point -= 1
        }
        while let last = all.last, last == 0 { all.removeLast() }
        digits = all
        self.point = all.isEmpty ? 0 : point
    }

    var isZero: Bool { digits.isEmpty }

    /// The digits left of the point (a whole number's digits), "0" for zero.
    var integerDigits: [UInt8] {
        guard point > 0 else { return [0] }
        return (0..<point).map { $0 < digits.count ? digits[$0] : 0 }
    }

    /// Decimal digits written in another radix.
    static func integerText(_ decimalDigits: [UInt8], radix: Int) -> String {
        if radix == 10 { return String(decoding: decimalDigits.map { $0 + 48 }, as: UTF8.self) }
        var number = decimalDigits.map(Int.init)
        var out: [Character] = []
        let symbols = Array("0123456789abcdef")
        while !(number.isEmpty || number.allSatisfy { $0 == 0 }) {
            var remainder = 0
            var quotient: [Int] = []
            for digit in number {
                let current = remainder * 10 + digit
                quotient.append(current / radix)
                remainder = current % radix
            }
            out.append(symbols[remainder])
            number = Array(quotient.drop { $0 == 0 })
        }
        return out.isEmpty ? "0" : String(out.reversed())
    }

    /// Keeps `count` significant digits, rounding half to even.
    func rounded(significant count: Int) -> DecimalDigits {
        guard count >= 0, digits.count > count else { return self }
        var copy = self
        var kept = Array(digits[..<count])
        let next = digits[count]
        let rest = digits[(count + 1)...].contains { $0 != 0 }
        let roundUp = next > 5 || (next == 5 && (rest || (kept.last.map { $0 % 2 == 1 } ?? false)))
        if roundUp {
            var position = kept.count - 1
            while position >= 0 {
                if kept[position] == 9 {
                    kept[position] = 0
                    position -= 1
                } else {
                    kept[position] += 1
                    break
                }
            }
            if position < 0 {
                kept.insert(1, at: 0)
                copy.point += 1
            }
        }
        while let last = kept.last, last == 0 { kept.removeLast() }
        copy.digits = kept
        if kept.isEmpty { copy.point = 0 }
        return copy
    }

    /// `%f`: `precision` digits after the point.
    func fixed(precision: Int) -> String {
        let value = rounded(significant: point + precision)
        let whole = value.point > 0 ? (0..<value.point).map { $0 < value.digits.count ? value.digits[$0] : 0 } : [0]
        let fraction = (0..<precision).map { position -> UInt8 in
            let index = value.point + position
            return index >= 0 && index < value.digits.count ? value.digits[index] : 0
        }
        let text = String(decoding: whole.map { $0 + 48 }, as: UTF8.self)
        return precision == 0 ? text : text + "." + String(decoding: fraction.map { $0 + 48 }, as: UTF8.self)
    }

    /// `%e`: one digit, the point, `precision` digits, then e±XX.
    func exponential(precision: Int) -> String {
        let value = rounded(significant: precision + 1)
        let shown = (0...precision).map { $0 < value.digits.count ? value.digits[$0] : 0 }
        var text = String(decoding: [shown[0] + 48], as: UTF8.self)
        if precision > 0 { text += "." + String(decoding: shown.dropFirst().map { $0 + 48 }, as: UTF8.self) }
        return text + Self.exponentText(value.isZero ? 0 : value.point - 1)
    }

    static func exponentText(_ exponent: Int) -> String {
        let magnitude = String(abs(exponent))
        return "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" + magnitude : magnitude)
    }

    /// `%g`: the shortest digits (or `precision` significant ones), in exponent form when the
    /// exponent is below -4 or not below the precision (6 for the shortest form), as Go decides.
    func general(precision: Int?) -> String {
        let value = precision.map { rounded(significant: max($0, 1)) } ?? self
        if value.isZero { return "0" }
        var exponentLimit = precision.map { max($0, 1) } ?? 6
        if let _ = precision, exponentLimit > value.digits.count, value.digits.count >= value.point { exponentLimit = value.digits.count }
        let exponent = value.point - 1
        if exponent < -4 || exponent >= exponentLimit {
            var text = String(decoding: [value.digits[0] + 48], as: UTF8.self)
            if value.digits.count > 1 { text += "." + String(decoding: value.digits.dropFirst().map { $0 + 48 }, as: UTF8.self) }
            return text + Self.exponentText(exponent)
        }
        return value.fixed(precision: max(value.digits.count - value.point, 0))
    }
}
