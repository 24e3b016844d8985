extension Lexer {
    /// One token of the expression language, after any spaces and comments.
    mutating func scanExpression(braces: Int, interpolation: Bool) throws(HCLDiagnostic) {
        try skipSpaceAndInlineComments()
        let start = position
        guard let scalar = current else {
            emit(.endOfFile, from: start)
            return
        }
        if lineBreakLength > 0 {
            advance(lineBreakLength)
            emit(.newline, from: start)
            return
        }
        if scalar == "#" || (scalar == "/" && peek(1) == "/") {
            // A line comment stands for the line break that ends it; that break is the next token.
            while current != nil, lineBreakLength == 0 { advance() }
            if current == nil { emit(.newline, from: start) }
            return
        }
        if Self.isDigit(scalar) {
            emit(.number(scanNumber()), from: start)
            return
        }
        if Self.isIdentifierStart(scalar) {
            emit(.identifier(scanIdentifier()), from: start)
            return
        }
        switch scalar {
        case "\"":
            advance()
            emit(.openQuote, from: start)
            try push(.quoted(open: range(from: start)), at: start)
        case "<" where peek(1) == "<":
            try scanHeredocOpening(from: start)
        case "{":
            advance()
            setTop(.expression(braces: braces + 1, interpolation: interpolation))
            emit(.symbol(.openBrace), from: start)
        case "}":
            advance()
            if braces == 0, interpolation {
                modes.removeLast()
                emit(.sequenceEnd(strip: false), from: start)
            } else {
                setTop(.expression(braces: max(braces - 1, 0), interpolation: interpolation))
                emit(.symbol(.closeBrace), from: start)
            }
        case "~" where peek(1) == "}" && braces == 0 && interpolation:
            advance(2)
            modes.removeLast()
            emit(.sequenceEnd(strip: true), from: start)
        default:
            guard let symbol = scanSymbol() else {
                throw error("Invalid character \(Self.describe(scalar)): this character is not used within the language", from: start)
            }
            emit(.symbol(symbol), from: start)
        }
    }

    /// Spaces, tabs and `/* */` comments, which separate tokens and mean nothing else (a comment
    /// that spans lines does not end an attribute, as in Terraform).
    mutating func skipSpaceAndInlineComments() throws(HCLDiagnostic) {
        while let scalar = current {
            if scalar == " " || scalar == "\t" {
                advance()
            } else if scalar == "/", peek(1) == "*" {
                let start = position
                advance(2)
                while current != nil, !(current == "*" && peek(1) == "/") { advance() }
                guard current != nil else { throw error("Unterminated comment: a /* comment needs a closing */", from: start) }
                advance(2)
            } else {
                return
            }
        }
    }

    /// `decimal+ ("." decimal+)? (("e" | "E") ("+" | "-")? decimal+)?`; a dot or exponent mark
    /// not followed by digits is left for the next token.
    mutating func scanNumber() -> String {
        var text = String.UnicodeScalarView()
        func digits(_ lexer: inout Lexer) {
            while Self.isDigit(lexer.current), let digit = lexer.current {
                text.append(digit)
                lexer.advance()
            }
        }
        digits(&self)
        if current == ".", Self.isDigit(peek(1)) {
            text.append(".")
            advance()
            digits(&self)
        }
        if current == "e" || current == "E" {
            let sign = peek(1) == "+" || peek(1) == "-"
            if Self.isDigit(peek(sign ? 2 : 1)) {
                text.append("e")
                if sign, let mark = peek(1) { text.append(mark) }
                advance(sign ? 2 : 1)
                digits(&self)
            }
        }
        return String(text)
    }

    /// The longest operator or delimiter at the current position.
    mutating func scanSymbol() -> Symbol? {
        let pairs: [String: Symbol] = ["&&": .and, "||": .or, "==": .equal, "!=": .notEqual, "<=": .lessEqual,
                                       ">=": .greaterEqual, "=>": .arrow]
        if current == ".", peek(1) == ".", peek(2) == "." {
            advance(3)
            return .ellipsis
        }
        if let first = current, let second = peek(1), let symbol = pairs[String(first) + String(second)] {
            advance(2)
            return symbol
        }
        guard let first = current, let symbol = Symbol(rawValue: String(first)) else { return nil }
        advance()
        return symbol
    }

    /// `<<EOT` or `<<-EOT`, which must end its line.
    mutating func scanHeredocOpening(from start: SourcePosition) throws(HCLDiagnostic) {
        advance(2)
        let indented = current == "-"
        if indented { advance() }
        guard let first = current, Self.isIdentifierStart(first) else {
            throw error("Invalid heredoc: \"<<\" must be followed by an identifier that names the closing marker", from: start)
        }
        let marker = scanIdentifier()
        let opening = range(from: start)
        guard lineBreakLength > 0 else {
            throw error("Invalid heredoc: the line must end right after the marker \(marker)", from: start)
        }
        emit(.openHeredoc(marker: marker, indented: indented), from: start)
        advance(lineBreakLength)
        try push(.heredoc(marker: marker, open: opening, lineStart: true), at: start)
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        scalar.properties.generalCategory == .control || scalar.value < 0x20
            ? "U+" + String(scalar.value, radix: 16, uppercase: true) : "\"\(scalar)\""
    }
}
