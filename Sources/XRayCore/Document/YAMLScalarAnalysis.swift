/// How libyaml's emitter (the one inside Yams) judges a scalar before choosing its style: the same
/// checks, over the same UTF-8 bytes, so that `DirectYAMLWriter` chooses exactly the style Yams
/// would. A plain scalar must not start with an indicator, hold `: ` or ` #`, or start or end with
/// a space; a single-quoted one must not hold a non-printable character or a space next to a line
/// break; anything else is double-quoted. (YAML 1.1 §4.6 and libyaml's `emitter.c`, whose
/// `yaml_emitter_analyze_scalar` these lines follow; the tests compare the two on hostile text.)
struct YAMLScalarAnalysis {
    /// The scalar holds a line break (it cannot be a simple key, nor plain).
    var multiline = false
    /// It may be written plain outside flow collections.
    var blockPlainAllowed = true
    /// It may be written between single quotes.
    var singleQuotedAllowed = true

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count > 0 else { return }
        // libyaml reads one byte past the end, where its copy of the text holds a NUL.
        func at(_ index: Int) -> UInt8 { index < count ? bytes[index] : 0 }
        func width(_ byte: UInt8) -> Int {
            byte & 0x80 == 0 ? 1 : byte & 0xE0 == 0xC0 ? 2 : byte & 0xF0 == 0xE0 ? 3 : byte & 0xF8 == 0xF0 ? 4 : 0
        }
        func isBreak(_ index: Int) -> Bool {
            let byte = at(index)
            return byte == 0x0D || byte == 0x0A || (byte == 0xC2 && at(index + 1) == 0x85)
                || (byte == 0xE2 && at(index + 1) == 0x80 && (at(index + 2) == 0xA8 || at(index + 2) == 0xA9))
        }
        func isBlankOrEnd(_ index: Int) -> Bool {
            let byte = at(index)
            return byte == 0x20 || byte == 0x09 || byte == 0 || isBreak(index)
        }
        func isPrintable(_ index: Int) -> Bool {
            let byte = at(index)
            switch byte {
            case 0x0A, 0x20...0x7E, 0xC3...0xEC, 0xEE: return true
            case 0xC2: return at(index + 1) >= 0xA0
            case 0xED: return at(index + 1) < 0xA0
            case 0xEF:
                let second = at(index + 1), third = at(index + 2)
                return !(second == 0xBB && third == 0xBF) && !(second == 0xBF && (third == 0xBE || third == 0xBF))
            default: return false
            }
        }

        var blockIndicators = false, lineBreaks = false, specialCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        var previousSpace = false, previousBreak = false
        var precededByWhitespace = true

        if (at(0) == UInt8(ascii: "-") && at(1) == UInt8(ascii: "-") && at(2) == UInt8(ascii: "-"))
            || (at(0) == UInt8(ascii: ".") && at(1) == UInt8(ascii: ".") && at(2) == UInt8(ascii: ".")) {
            blockIndicators = true
        }
        var index = 0
        while index < count {
            let byte = bytes[index]
            let step = max(width(byte), 1)
            let followedByWhitespace = isBlankOrEnd(index + step)
            if index == 0 {
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                     UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                     UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                     UInt8(ascii: "`"):
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                    if followedByWhitespace { blockIndicators = true }
                default: break
                }
            } else {
                if byte == UInt8(ascii: ":") && followedByWhitespace { blockIndicators = true }
                if byte == UInt8(ascii: "#") && precededByWhitespace { blockIndicators = true }
            }
            if !isPrintable(index) { specialCharacters = true }
            let last = index + step >= count
            if byte == 0x20 {
                if index == 0 { leadingSpace = true }
                if last { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak(index) {
                lineBreaks = true
                if index == 0 { leadingBreak = true }
                if last { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = isBlankOrEnd(index)
            index += step
        }

        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || blockIndicators {
            blockPlainAllowed = false
        }
        if breakSpace || spaceBreak || specialCharacters {
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
    }
}
