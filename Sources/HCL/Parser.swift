/// Recursive descent over the token list, for the structural language (bodies, attributes,
/// blocks); expressions and templates are in the extensions beside this file.
///
/// Newlines end attributes and blocks, but inside parentheses, brackets, function arguments and
/// interpolations they are only space: `newlineSensitive` is the stack of those contexts, and
/// `peek` skips newlines when its top says they mean nothing.
struct Parser {
    let tokens: [Token]
    let file: String
    var index = 0
    var newlineSensitive: [Bool] = [true]
    /// How deeply the expression being read nests, against `HCLFile.maxNestingDepth`.
    var depth = 0

    init(tokens: [Token], file: String) {
        self.tokens = tokens
        self.file = file
    }

    // MARK: tokens

    mutating func peek() -> Token {
        if newlineSensitive.last == false {
            while tokens[index].kind == .newline { index += 1 }
        }
        return tokens[index]
    }

    /// The token after the next one (newlines skipped as `peek` does).
    mutating func peekSecond() -> Token {
        _ = peek()
        var ahead = index + 1
        if newlineSensitive.last == false {
            while ahead < tokens.count, tokens[ahead].kind == .newline { ahead += 1 }
        }
        return tokens[min(ahead, tokens.count - 1)]
    }

    @discardableResult
    mutating func next() -> Token {
        let token = peek()
        if token.kind != .endOfFile { index += 1 }
        return token
    }

    mutating func skipNewlines() {
        while tokens[index].kind == .newline { index += 1 }
    }

    @discardableResult
    mutating func expect(_ symbol: Symbol, _ message: @autoclosure () -> String) throws(HCLDiagnostic) -> Token {
        let token = peek()
        guard token.isSymbol(symbol) else { throw error(message() + ", found \(token.display)", at: token.range) }
        return next()
    }

    func error(_ message: String, at range: SourceRange) -> HCLDiagnostic { HCLDiagnostic(message, at: range) }

    /// Runs `body` with newlines significant (`true`) or ignored (`false`).
    mutating func withNewlines<T>(_ significant: Bool, _ body: (inout Parser) throws(HCLDiagnostic) -> T) throws(HCLDiagnostic) -> T {
        newlineSensitive.append(significant)
        defer { newlineSensitive.removeLast() }
        return try body(&self)
    }

    /// Counts one level of nesting for `body`; too deep is a located error, never a stack overflow.
    mutating func nested<T>(at range: SourceRange, _ body: (inout Parser) throws(HCLDiagnostic) -> T) throws(HCLDiagnostic) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= HCLFile.maxNestingDepth else {
            throw error("Nesting too deep: more than \(HCLFile.maxNestingDepth) levels of blocks and expressions", at: range)
        }
        return try body(&self)
    }

    // MARK: structure

    /// A file's body, to its end.
    mutating func parseFile() throws(HCLDiagnostic) -> HCLBody {
        let body = try parseBody(start: tokens[0].range.start)
        let end = peek()
        guard end.kind == .endOfFile else { throw error("Unexpected \(end.display): no block is open here", at: end.range) }
        return body
    }

    /// Attributes and blocks up to a `}` or the end of the file (neither consumed).
    mutating func parseBody(start: SourcePosition) throws(HCLDiagnostic) -> HCLBody {
        var body = HCLBody(range: SourceRange(file: file, start: start, end: start))
        var seen: [String: SourceRange] = [:]
        while true {
            skipNewlines()
            let token = peek()
            if token.kind == .endOfFile || token.isSymbol(.closeBrace) {
                body.range.end = token.range.start
                return body
            }
            guard let name = token.identifier else {
                throw error("Argument or block definition required: expected a name, found \(token.display)", at: token.range)
            }
            if peekSecond().isSymbol(.assign) {
                let attribute = try parseAttribute()
                if let first = seen[name] {
                    throw error("Attribute redefined: \"\(name)\" was already set on line \(first.start.line)", at: attribute.nameRange)
                }
                seen[name] = attribute.nameRange
                try expectEndOfLine(after: "an argument definition")
                body.attributes.append(attribute)
            } else {
                let block = try nested(at: token.range) { (parser: inout Parser) throws(HCLDiagnostic) in try parser.parseBlock() }
                try expectEndOfLine(after: "a block definition")
                body.blocks.append(block)
            }
        }
    }

    mutating func expectEndOfLine(after what: String) throws(HCLDiagnostic) {
        let token = peek()
        switch token.kind {
        case .newline: next()
        case .endOfFile: return
        default: throw error("Missing newline after \(what): \(what) must end with a newline, found \(token.display)", at: token.range)
        }
    }

    /// `name = expression` (the caller has seen the `=`).
    mutating func parseAttribute() throws(HCLDiagnostic) -> HCLAttribute {
        let nameToken = next()
        next()
        let expression = try parseExpression()
        return HCLAttribute(name: nameToken.identifier ?? "", nameRange: nameToken.range, expression: expression,
                            range: nameToken.range.through(expression.range))
    }

    /// `type label* { body }` or the one-line `type label* { name = expression }`.
    mutating func parseBlock() throws(HCLDiagnostic) -> HCLBlock {
        let typeToken = next()
        var labels: [HCLBlock.Label] = []
        while true {
            let token = peek()
            if let name = token.identifier {
                next()
                labels.append(.init(value: name, range: token.range, quoted: false))
            } else if token.kind == .openQuote {
                labels.append(try parseQuotedLabel())
            } else {
                break
            }
        }
        let open = peek()
        guard open.isSymbol(.openBrace) else {
            let message = open.isSymbol(.assign) || open.isSymbol(.colon)
                ? "Invalid argument name: an argument name is a single identifier before \"=\""
                : "Invalid block definition: expected a label or \"{\" after the block type \"\(typeToken.identifier ?? "")\", found \(open.display)"
            throw error(message, at: open.range)
        }
        next()
        var body: HCLBody
        if peek().kind == .newline {
            body = try parseBody(start: open.range.end)
        } else {
            body = HCLBody(range: SourceRange(file: file, start: open.range.end, end: open.range.end))
            if peek().identifier != nil, peekSecond().isSymbol(.assign) {
                body.attributes.append(try parseAttribute())
            }
            let close = peek()
            guard close.isSymbol(.closeBrace) else {
                throw error("Invalid single-argument block definition: a block on one line holds at most one argument and closes on the same line, found \(close.display)", at: close.range)
            }
            body.range.end = close.range.start
        }
        let close = peek()
        guard close.isSymbol(.closeBrace) else {
            throw error("Unclosed block: the \"{\" on line \(open.range.start.line) has no matching \"}\"", at: open.range)
        }
        next()
        return HCLBlock(type: typeToken.identifier ?? "", typeRange: typeToken.range, labels: labels, body: body,
                        range: typeToken.range.through(close.range))
    }

    /// A label in quotes: a plain string, no interpolation.
    mutating func parseQuotedLabel() throws(HCLDiagnostic) -> HCLBlock.Label {
        let open = next()
        var text = ""
        while true {
            let token = next()
            switch token.kind {
            case .literal(let piece, _): text += piece
            case .closeQuote: return .init(value: text, range: open.range.through(token.range), quoted: true)
            default: throw error("Invalid block label: a label is a plain string; \"${\" and \"%{\" are not allowed", at: token.range)
            }
        }
    }
}
