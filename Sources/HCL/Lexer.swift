/// Turns source text into tokens. HCL's lexical grammar depends on context (text inside a quoted
/// string is not an expression, but text inside its `${ }` is), so the lexer keeps a stack of
/// modes: an expression inside an interpolation ends at the `}` that matches no `{` of its own.
struct Lexer {
    enum Mode {
        /// `braces` counts the object braces open inside this expression; `interpolation` says
        /// whether an unmatched `}` ends a template sequence (inside `${ }` or `%{ }`).
        case expression(braces: Int, interpolation: Bool)
        case quoted(open: SourceRange)
        case heredoc(marker: String, open: SourceRange, lineStart: Bool)
        /// A whole file read as a template (`templatefile`): no delimiters, ends at end of file.
        case bare
    }

    let scalars: [Unicode.Scalar]
    let file: String
    var index = 0
    var position = SourcePosition.start
    var modes: [Mode]
    var tokens: [Token] = []

    init(text: String, file: String, template: Bool) {
        var scalars = Array(text.unicodeScalars)
        // Terraform accepts a byte order mark at the start of a file (terraform fmt keeps reading).
        let bom = scalars.first == "\u{FEFF}"
        if bom { scalars.removeFirst() }
        self.scalars = scalars
        self.file = file
        self.modes = [template ? .bare : .expression(braces: 0, interpolation: false)]
        if bom { position = SourcePosition(line: 1, column: 1, offset: 3) }
    }

    /// Every token of `text`, ending with `.endOfFile`, or the first lexical error.
    static func tokenize(_ text: String, file: String, template: Bool = false) throws(HCLDiagnostic) -> [Token] {
        var lexer = Lexer(text: text, file: file, template: template)
        while lexer.tokens.last?.kind != .endOfFile {
            switch lexer.modes[lexer.modes.count - 1] {
            case .expression(let braces, let interpolation): try lexer.scanExpression(braces: braces, interpolation: interpolation)
            case .quoted(let open): try lexer.scanQuoted(open: open)
            case .heredoc(let marker, let open, let lineStart): try lexer.scanHeredoc(marker: marker, open: open, lineStart: lineStart)
            case .bare: try lexer.scanTemplateText(closing: nil)
            }
        }
        return lexer.tokens
    }

    // MARK: reading characters

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(_ ahead: Int) -> Unicode.Scalar? { index + ahead < scalars.count ? scalars[index + ahead] : nil }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count {
            guard index < scalars.count else { return }
            let scalar = scalars[index]
            if scalar == "\n" {
                position.line += 1
                position.column = 1
            } else {
                position.column += 1
            }
            position.offset += UTF8.width(scalar)
            index += 1
        }
    }

    func range(from start: SourcePosition) -> SourceRange { SourceRange(file: file, start: start, end: position) }

    func error(_ message: String, from start: SourcePosition? = nil) -> HCLDiagnostic {
        let start = start ?? position
        var end = start
        end.column += 1
        return HCLDiagnostic(message, at: SourceRange(file: file, start: start, end: end))
    }

    mutating func emit(_ kind: Token.Kind, from start: SourcePosition) {
        tokens.append(Token(kind: kind, range: range(from: start)))
    }

    mutating func push(_ mode: Mode, at start: SourcePosition) throws(HCLDiagnostic) {
        guard modes.count < HCLFile.maxNestingDepth else {
            throw error("Templates and strings are nested more than \(HCLFile.maxNestingDepth) levels deep", from: start)
        }
        modes.append(mode)
    }

    mutating func setTop(_ mode: Mode) { modes[modes.count - 1] = mode }

    /// A line break (LF or CRLF) at the current position: its length in scalars, else 0.
    var lineBreakLength: Int {
        if current == "\n" { return 1 }
        if current == "\r", peek(1) == "\n" { return 2 }
        return 0
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool { scalar == "_" || scalar.properties.isIDStart }
    static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool { scalar == "-" || scalar.properties.isIDContinue }
    static func isDigit(_ scalar: Unicode.Scalar?) -> Bool { scalar.map { ("0"..."9").contains($0) } ?? false }

    mutating func scanIdentifier() -> String {
        var name = String.UnicodeScalarView()
        while let scalar = current, name.isEmpty ? Self.isIdentifierStart(scalar) : Self.isIdentifierContinue(scalar) {
            name.append(scalar)
            advance()
        }
        return String(name)
    }
}
