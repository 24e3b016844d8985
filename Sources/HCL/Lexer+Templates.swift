import Foundation

extension Lexer {
    /// The text of a quoted template up to its closing quote or next `${` / `%{`, escapes decoded.
    mutating func scanQuoted(open: SourceRange) throws(HCLDiagnostic) {
        let start = position
        var text = String.UnicodeScalarView()
        func flush(_ lexer: inout Lexer) {
            guard !text.isEmpty else { return }
            lexer.emit(.literal(Self.normalized(text), lineStart: false), from: start)
        }
        while true {
            guard let scalar = current else {
                throw HCLDiagnostic("Unterminated template string: the quote has no closing quote", at: open)
            }
            if lineBreakLength > 0 {
                throw error("Invalid multi-line string: quoted strings may not be split over lines; use a heredoc (<<EOT) or \\n")
            }
            switch scalar {
            case "\"":
                flush(&self)
                let quote = position
                advance()
                emit(.closeQuote, from: quote)
                modes.removeLast()
                return
            case "\\":
                text.append(contentsOf: try scanEscape())
            case "$", "%":
                if let literal = escapedSequenceStart() {
                    text.append(contentsOf: literal.unicodeScalars)
                } else if peek(1) == "{" {
                    flush(&self)
                    try scanSequenceStart()
                    return
                } else {
                    text.append(scalar)
                    advance()
                }
            default:
                text.append(scalar)
                advance()
            }
        }
    }

    /// `$${` or `%%{`, written to mean `${` or `%{` literally: that text, consumed; else nil.
    mutating func escapedSequenceStart() -> String? {
        guard let scalar = current, scalar == "$" || scalar == "%", peek(1) == scalar, peek(2) == "{" else { return nil }
        advance(3)
        return String(scalar) + "{"
    }

    /// `${`, `${~`, `%{` or `%{~`: the token, and an expression mode that its `}` ends.
    mutating func scanSequenceStart() throws(HCLDiagnostic) {
        let start = position
        let isInterpolation = current == "$"
        advance(2)
        let strip = current == "~"
        if strip { advance() }
        emit(isInterpolation ? .interpolation(strip: strip) : .directive(strip: strip), from: start)
        try push(.expression(braces: 0, interpolation: true), at: start)
    }

    /// A backslash escape of a quoted string, as the characters it stands for.
    mutating func scanEscape() throws(HCLDiagnostic) -> [Unicode.Scalar] {
        let start = position
        advance()
        guard let letter = current else { throw error("Invalid escape sequence: the string ends after \\", from: start) }
        let simple: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "r": "\r", "t": "\t", "\"": "\"", "\\": "\\"]
        if let decoded = simple[letter] {
            advance()
            return [decoded]
        }
        guard letter == "u" || letter == "U" else {
            throw error("Invalid escape sequence \\\(letter): only \\n, \\r, \\t, \\\", \\\\, \\uNNNN and \\UNNNNNNNN are allowed", from: start)
        }
        let width = letter == "u" ? 4 : 8
        advance()
        var hex = ""
        for _ in 0..<width {
            guard let digit = current, digit.properties.isASCIIHexDigit else {
                throw error("Invalid escape sequence: \\\(letter) must be followed by \(width) hexadecimal digits", from: start)
            }
            hex.unicodeScalars.append(digit)
            advance()
        }
        guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
            throw error("Invalid escape sequence: \\\(letter)\(hex) is not a Unicode character", from: start)
        }
        return [decoded]
    }

    /// A heredoc line: the closing marker, or its text up to the line's end or next sequence.
    mutating func scanHeredoc(marker: String, open: SourceRange, lineStart: Bool) throws(HCLDiagnostic) {
        if lineStart, let markerStart = closingMarker(marker) {
            let end = position
            emit(.closeHeredoc, from: markerStart)
            tokens[tokens.count - 1].range.end = end
            modes.removeLast()
            return
        }
        guard current != nil else {
            throw HCLDiagnostic("Unterminated heredoc: no line holds only the closing marker \(marker)", at: open)
        }
        try scanTemplateText(closing: (marker, open, lineStart))
    }

    /// When the current line holds only `marker` (spaces around it allowed): the marker's start,
    /// with the position moved past it to the line break; else nil and nothing consumed.
    mutating func closingMarker(_ marker: String) -> SourcePosition? {
        var ahead = 0
        while peek(ahead) == " " || peek(ahead) == "\t" { ahead += 1 }
        let markerOffset = ahead
        for scalar in marker.unicodeScalars {
            guard peek(ahead) == scalar else { return nil }
            ahead += 1
        }
        while peek(ahead) == " " || peek(ahead) == "\t" { ahead += 1 }
        let next = peek(ahead)
        guard next == nil || next == "\n" || (next == "\r" && peek(ahead + 1) == "\n") else { return nil }
        advance(markerOffset)
        let start = position
        advance(ahead - markerOffset)
        return start
    }

    /// Template text without quotes (a heredoc or a template file): literal text up to the end
    /// of the line (included) or the next `${` / `%{`. Each line is its own literal token so
    /// that `<<-` can find the indentation of every line.
    mutating func scanTemplateText(closing heredoc: (marker: String, open: SourceRange, lineStart: Bool)?) throws(HCLDiagnostic) {
        let start = position
        let lineStart = heredoc?.lineStart ?? (index == 0 || scalars[index - 1] == "\n")
        var text = String.UnicodeScalarView()
        func flush(_ lexer: inout Lexer, nextLineStart: Bool) {
            if !text.isEmpty { lexer.emit(.literal(Self.normalized(text), lineStart: lineStart), from: start) }
            if let heredoc { lexer.setTop(.heredoc(marker: heredoc.marker, open: heredoc.open, lineStart: nextLineStart)) }
        }
        while let scalar = current {
            if let literal = escapedSequenceStart() {
                text.append(contentsOf: literal.unicodeScalars)
                continue
            }
            if (scalar == "$" || scalar == "%"), peek(1) == "{" {
                flush(&self, nextLineStart: false)
                try scanSequenceStart()
                return
            }
            text.append(scalar)
            advance()
            if scalar == "\n" {
                flush(&self, nextLineStart: true)
                return
            }
        }
        flush(&self, nextLineStart: false)
        if heredoc == nil { emit(.endOfFile, from: position) }
    }

    /// HCL normalises the text of string literals to NFC, so that two spellings of an accented
    /// letter are the same key.
    static func normalized(_ text: String.UnicodeScalarView) -> String {
        String(text).precomposedStringWithCanonicalMapping
    }
}
