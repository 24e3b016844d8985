/// The punctuation of the expression language, as the specification lists it.
enum Symbol: String, Sendable {
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
    case and = "&&", or = "||", not = "!"
    case equal = "==", notEqual = "!=", less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">="
    case assign = "=", colon = ":", question = "?", dot = ".", comma = ",", ellipsis = "...", arrow = "=>"
    case openBrace = "{", closeBrace = "}", openBracket = "[", closeBracket = "]", openParen = "(", closeParen = ")"
}

/// One lexical element. Template text arrives already decoded (escapes resolved), so the parser
/// never looks at backslashes; the range still covers the text as written.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        case number(String)
        case symbol(Symbol)
        case newline
        /// `"`, opening and closing a quoted template.
        case openQuote, closeQuote
        /// `<<EOT` or `<<-EOT` (indented) and the line that closes it.
        case openHeredoc(marker: String, indented: Bool)
        case closeHeredoc
        /// Literal template text; `lineStart` when it begins a heredoc line (for `<<-` indentation).
        case literal(String, lineStart: Bool)
        /// `${` or `${~`, `%{` or `%{~`, and the `}` or `~}` that ends either.
        case interpolation(strip: Bool)
        case directive(strip: Bool)
        case sequenceEnd(strip: Bool)
        case endOfFile
    }

    var kind: Kind
    var range: SourceRange

    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }

    /// How a token reads in an error message.
    var display: String {
        switch kind {
        case .identifier(let name): return "\"\(name)\""
        case .number(let text): return "number \(text)"
        case .symbol(let symbol): return "\"\(symbol.rawValue)\""
        case .newline: return "end of line"
        case .openQuote, .closeQuote: return "quote"
        case .openHeredoc: return "heredoc"
        case .closeHeredoc: return "end of heredoc"
        case .literal: return "template text"
        case .interpolation: return "\"${\""
        case .directive: return "\"%{\""
        case .sequenceEnd: return "\"}\""
        case .endOfFile: return "end of file"
        }
    }
}
