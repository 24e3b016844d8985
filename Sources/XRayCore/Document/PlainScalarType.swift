/// The type YAML 1.1's implicit rules give a plain (unquoted) scalar, decided the way Yams's
/// default resolver decides it (`Resolver.default`: bool, int, float, merge, null, timestamp and
/// value, in that order, the first whose pattern matches the whole text), byte by byte instead
/// of through its seven regular expressions. Building that resolver compiles them with ICU, which
/// cost a lint run more than reading most of its files; asking it cost each scalar several
/// `NSRegularExpression` searches. `PlainScalarTypeTests` checks this against the resolver itself
/// on hand-picked and on tens of thousands of generated texts.
///
/// The patterns, as Yams writes them (see Yams's `Resolver.swift`):
/// - bool: yes, no, true, false, on, off, each lower, capitalised or upper case;
/// - int: `[-+]?` then `0b[0-1_]+`, `0o?[0-7_]+`, `0`, `[1-9][0-9_]*`, `0x[0-9a-fA-F_]+` or
///   `[1-9][0-9_]*(:[0-5]?[0-9])+`;
/// - float: `[-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`, `\.[0-9_]+([eE][-+][0-9]+)?`,
///   `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`, `[-+]?\.(inf|Inf|INF)` or `\.(nan|NaN|NAN)`;
/// - merge `<<`; null `~`, null, Null, NULL or nothing; value `=`;
/// - timestamp `YYYY-MM-DD`, or a date with one- or two-digit month and day, `T`, `t` or blanks,
///   `h:mm:ss`, an optional fraction and an optional `Z` or offset after optional blanks.
package enum PlainScalarType: Equatable, Sendable {
    case bool, int, float, merge, null, timestamp, value, string

    package init(_ text: String) {
        var text = text
        self = text.withUTF8 { Self.classify(Self.droppingFinalLineBreak($0)) }
    }

    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainScalarType {
        if isBool(bytes) { return .bool }
        if isInt(Scanner(bytes: bytes)) { return .int }
        if isFloat(Scanner(bytes: bytes)) { return .float }
        if equals(bytes, "<<") { return .merge }
        if bytes.isEmpty || equals(bytes, "~") || equals(bytes, "null") || equals(bytes, "Null") || equals(bytes, "NULL") { return .null }
        if isTimestamp(Scanner(bytes: bytes)) { return .timestamp }
        if equals(bytes, "=") { return .value }
        return .string
    }

    /// ICU's `$` also matches before one line break that ends the text (LF, VT, FF, CR, CR LF,
    /// NEL, LS or PS), so the resolver types `1\n` as an int. A plain scalar from a parser never
    /// ends in one; callers that pass other text get the resolver's answer all the same.
    private static func droppingFinalLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let count = bytes.count
        func ends(_ suffix: [UInt8]) -> Bool {
            count >= suffix.count && zip(bytes[(count - suffix.count)...], suffix).allSatisfy { $0 == $1 }
        }
        var drop = 0
        if ends([0x0D, 0x0A]) { drop = 2 } else if let last = bytes.last, (0x0A...0x0D).contains(last) { drop = 1 } else if ends([0xC2, 0x85]) {
            drop = 2
        } else if ends([0xE2, 0x80, 0xA8]) || ends([0xE2, 0x80, 0xA9]) {
            drop = 3
        }
        return UnsafeBufferPointer(rebasing: bytes[0..<(count - drop)])
    }

    private static let boolWords: [String] = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                                              "on", "On", "ON", "off", "Off", "OFF"]

    private static func isBool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        (2...5).contains(bytes.count) && boolWords.contains { equals(bytes, $0) }
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount && zip(bytes, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy { $0 == $1 }
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: String) -> Bool {
        bytes.elementsEqual(word.utf8)
    }

    private static func isInt(_ scanner: Scanner) -> Bool {
        var scanner = scanner
        scanner.skipSign()
        if scanner.take("0") {
            if scanner.atEnd { return true }
            if scanner.take("b") { return scanner.takeAll(atLeastOne: true) { $0 == ascii("0") || $0 == ascii("1") || $0 == ascii("_") } && scanner.atEnd }
            if scanner.take("x") { return scanner.takeAll(atLeastOne: true) { isHexDigit($0) || $0 == ascii("_") } && scanner.atEnd }
            _ = scanner.take("o")
            return scanner.takeAll(atLeastOne: true) { (ascii("0")...ascii("7")).contains($0) || $0 == ascii("_") } && scanner.atEnd
        }
        guard scanner.take(where: { (ascii("1")...ascii("9")).contains($0) }) else { return false }
        scanner.takeAll { isDigit($0) || $0 == ascii("_") }
        if scanner.atEnd { return true }
        return scanner.takeSexagesimalGroups() && scanner.atEnd
    }

    private static func isFloat(_ scanner: Scanner) -> Bool {
        var scanner = scanner
        let signed = scanner.skipSign()
        if scanner.take(".") {
            if scanner.takeWord(["inf", "Inf", "INF"]) { return scanner.atEnd }
            if signed { return false }
            if scanner.takeWord(["nan", "NaN", "NAN"]) { return scanner.atEnd }
            // `\.[0-9_]+([eE][-+][0-9]+)?`: the exponent's sign is required here.
            guard scanner.takeAll(atLeastOne: true, { isDigit($0) || $0 == ascii("_") }) else { return false }
            if scanner.atEnd { return true }
            return scanner.take(where: { $0 == ascii("e") || $0 == ascii("E") }) && scanner.skipSign()
                && scanner.takeAll(atLeastOne: true, isDigit) && scanner.atEnd
        }
        guard scanner.take(where: isDigit) else { return false }
        scanner.takeAll { isDigit($0) || $0 == ascii("_") }
        if scanner.peek == ascii(":") {
            // `[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`
            guard scanner.takeSexagesimalGroups(), scanner.take(".") else { return false }
            scanner.takeAll { isDigit($0) || $0 == ascii("_") }
            return scanner.atEnd
        }
        if scanner.take(".") { scanner.takeAll { isDigit($0) || $0 == ascii("_") } }
        if scanner.take(where: { $0 == ascii("e") || $0 == ascii("E") }) {
            scanner.skipSign()
            guard scanner.takeAll(atLeastOne: true, isDigit) else { return false }
        }
        return scanner.atEnd
    }

    private static func isTimestamp(_ scanner: Scanner) -> Bool {
        var scanner = scanner
        guard scanner.takeDigits(4...4), scanner.take("-"), scanner.takeDigits(1...2), scanner.take("-") else { return false }
        let dayStart = scanner.offset
        guard scanner.takeDigits(1...2) else { return false }
        // The date alone needs a two-digit month and day.
        if scanner.atEnd { return scanner.offset - dayStart == 2 && scanner.bytes[7] == ascii("-") }
        if !scanner.take(where: { $0 == ascii("T") || $0 == ascii("t") }) {
            guard scanner.takeAll(atLeastOne: true, isBlank) else { return false }
        }
        guard scanner.takeDigits(1...2), scanner.take(":"), scanner.takeDigits(2...2), scanner.take(":"), scanner.takeDigits(2...2) else { return false }
        if scanner.take(".") { scanner.takeAll(isDigit) }
        if scanner.atEnd { return true }
        scanner.takeAll(isBlank)
        if scanner.take("Z") { return scanner.atEnd }
        guard scanner.skipSign(), scanner.takeDigits(1...2) else { return false }
        if scanner.take(":") { guard scanner.takeDigits(2...2) else { return false } }
        return scanner.atEnd
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }
    private static func isDigit(_ byte: UInt8) -> Bool { (ascii("0")...ascii("9")).contains(byte) }
    private static func isBlank(_ byte: UInt8) -> Bool { byte == ascii(" ") || byte == ascii("\t") }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (ascii("a")...ascii("f")).contains(byte) || (ascii("A")...ascii("F")).contains(byte)
    }

    /// A position in the text and the steps the patterns take; each `take` moves only on a match.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        var atEnd: Bool { offset == bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[offset] }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            take { $0 == UInt8(ascii: character) }
        }

        mutating func take(where matches: (UInt8) -> Bool) -> Bool {
            guard let byte = peek, matches(byte) else { return false }
            offset += 1
            return true
        }

        /// Takes a `[-+]`, if there is one; says whether there was.
        @discardableResult
        mutating func skipSign() -> Bool {
            take { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        }

        @discardableResult
        mutating func takeAll(atLeastOne: Bool = false, _ matches: (UInt8) -> Bool) -> Bool {
            let start = offset
            while take(where: matches) {}
            return !atLeastOne || offset > start
        }

        mutating func takeDigits(_ counts: ClosedRange<Int>) -> Bool {
            let start = offset
            while offset - start < counts.upperBound, take(where: PlainScalarType.isDigit) {}
            return counts.contains(offset - start)
        }

        mutating func takeWord(_ words: [StaticString]) -> Bool {
            for word in words where bytes.count - offset >= word.utf8CodeUnitCount {
                let candidate = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + word.utf8CodeUnitCount)])
                if PlainScalarType.equals(candidate, word) {
                    offset += word.utf8CodeUnitCount
                    return true
                }
            }
            return false
        }

        /// `(:[0-5]?[0-9])+`: one or more groups, each a colon and one digit or two whose first is
        /// 0 to 5. What follows a group is never a digit, so the run of digits settles each one.
        mutating func takeSexagesimalGroups() -> Bool {
            var groups = 0
            while peek == UInt8(ascii: ":") {
                offset += 1
                let start = offset
                while take(where: PlainScalarType.isDigit) {}
                switch offset - start {
                case 1: break
                case 2 where (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(bytes[start]): break
                default: return false
                }
                groups += 1
            }
            return groups > 0
        }
    }
}
