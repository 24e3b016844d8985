extension Parser {
    /// Builds a node, refusing one nested deeper than the limit: long operator or traversal
    /// chains (`a.b.c…`, `1+1+1…`) make deep trees without nested brackets.
    func node(_ kind: HCLExpression.Kind, _ range: SourceRange) throws(HCLDiagnostic) -> HCLExpression {
        let expression = HCLExpression(kind, range: range)
        guard expression.depth <= HCLFile.maxNestingDepth else {
            throw error("Nesting too deep: more than \(HCLFile.maxNestingDepth) levels of blocks and expressions", at: range)
        }
        return expression
    }

    mutating func parseExpression() throws(HCLDiagnostic) -> HCLExpression {
        try nested(at: peek().range) { (parser: inout Parser) throws(HCLDiagnostic) in
            let condition = try parser.parseBinary(minimumPrecedence: 1)
            guard parser.peek().isSymbol(.question) else { return condition }
            parser.next()
            let then = try parser.parseExpression()
            try parser.expect(.colon, "Missing false expression in conditional: expected \":\" after the true result")
            let otherwise = try parser.parseExpression()
            return try parser.node(.conditional(condition, then: then, else: otherwise), condition.range.through(otherwise.range))
        }
    }

    static let binaryOperators: [Symbol: HCLBinaryOperator] = [
        .or: .or, .and: .and, .equal: .equal, .notEqual: .notEqual, .less: .less, .greater: .greater,
        .lessEqual: .lessEqual, .greaterEqual: .greaterEqual, .plus: .add, .minus: .subtract,
        .star: .multiply, .slash: .divide, .percent: .modulo,
    ]

    /// Precedence climbing: operators of one level associate to the left.
    mutating func parseBinary(minimumPrecedence: Int) throws(HCLDiagnostic) -> HCLExpression {
        var lhs = try parseUnary()
        while case .symbol(let symbol) = peek().kind, let op = Self.binaryOperators[symbol], op.precedence >= minimumPrecedence {
            next()
            let rhs = try parseBinary(minimumPrecedence: op.precedence + 1)
            lhs = try node(.binary(op, lhs, rhs), lhs.range.through(rhs.range))
        }
        return lhs
    }

    mutating func parseUnary() throws(HCLDiagnostic) -> HCLExpression {
        let token = peek()
        let op: HCLUnaryOperator? = token.isSymbol(.minus) ? .negate : token.isSymbol(.not) ? .not : nil
        guard let op else { return try parsePostfix(try parseTerm()) }
        return try nested(at: token.range) { (parser: inout Parser) throws(HCLDiagnostic) in
            parser.next()
            let operand = try parser.parseUnary()
            return try parser.node(.unary(op, operand), token.range.through(operand.range))
        }
    }

    mutating func parseTerm() throws(HCLDiagnostic) -> HCLExpression {
        let token = next()
        switch token.kind {
        case .number(let text):
            guard let number = HCLNumber(parsing: text) else { throw error("Invalid number \(text): out of the range this reader holds", at: token.range) }
            return try node(.literal(HCLValue.number(number).located(token.range)), token.range)
        case .identifier(let name):
            return try parseNameTerm(name, token)
        case .symbol(.openParen):
            let inner = try withNewlines(false) { (parser: inout Parser) throws(HCLDiagnostic) in
                let inner = try parser.parseExpression()
                let close = try parser.expect(.closeParen, "Unbalanced parentheses: expected \")\"")
                return (inner, close.range)
            }
            return try node(.parenthesized(inner.0), token.range.through(inner.1))
        case .symbol(.openBracket):
            return try withNewlines(false) { (parser: inout Parser) throws(HCLDiagnostic) in try parser.parseTuple(open: token) }
        case .symbol(.openBrace):
            return try withNewlines(true) { (parser: inout Parser) throws(HCLDiagnostic) in try parser.parseObject(open: token) }
        case .openQuote:
            return try parseQuotedTemplate(open: token)
        case .openHeredoc(let marker, let indented):
            return try parseHeredoc(open: token, marker: marker, indented: indented)
        default:
            throw error("Invalid expression: expected the start of an expression, found \(token.display)", at: token.range)
        }
    }

    /// `true`, `false`, `null`, a variable, or a function call (`name(…)`, `provider::p::name(…)`).
    mutating func parseNameTerm(_ name: String, _ token: Token) throws(HCLDiagnostic) -> HCLExpression {
        switch name {
        case "true", "false": return try node(.literal(HCLValue.bool(name == "true").located(token.range)), token.range)
        case "null": return try node(.literal(HCLValue.null.located(token.range)), token.range)
        default: break
        }
        var callee = name
        var end = token.range
        while peek().isSymbol(.colon), tokens[index + 1].isSymbol(.colon), peek().range.start == end.end,
              let part = tokens[index + 2].identifier, tokens[index + 1].range.end == tokens[index + 2].range.start {
            callee += "::" + part
            end = tokens[index + 2].range
            index += 3
        }
        guard peek().isSymbol(.openParen) else {
            guard callee == name else { throw error("Missing function call: \(callee) must be followed by \"(\"", at: peek().range) }
            return try node(.variable(name), token.range)
        }
        next()
        return try withNewlines(false) { (parser: inout Parser) throws(HCLDiagnostic) in
            var arguments: [HCLExpression] = []
            var expandsLast = false
            while !parser.peek().isSymbol(.closeParen) {
                arguments.append(try parser.parseExpression())
                if parser.peek().isSymbol(.ellipsis) {
                    parser.next()
                    expandsLast = true
                    break
                }
                guard parser.peek().isSymbol(.comma) else { break }
                parser.next()
            }
            let close = try parser.expect(.closeParen, "Missing closing parenthesis: expected \",\" or \")\" in the call to \(callee)")
            return try parser.node(.call(name: callee, arguments: arguments, expandsLast: expandsLast), token.range.through(close.range))
        }
    }

    /// Attribute access, indexes and splats after a term, left to right.
    mutating func parsePostfix(_ term: HCLExpression) throws(HCLDiagnostic) -> HCLExpression {
        var expression = term
        while true {
            let token = peek()
            if token.isSymbol(.dot) {
                if peekSecond().isSymbol(.star) {
                    next()
                    let star = next()
                    let each = try parseSplatSteps(full: false)
                    expression = try node(.splat(expression, each: each, full: false), expression.range.through(each.range.start == each.range.end ? star.range : each.range))
                } else {
                    expression = try parseDotStep(on: expression)
                }
            } else if token.isSymbol(.openBracket) {
                if peekSecond().isSymbol(.star) {
                    next()
                    next()
                    let close = try expect(.closeBracket, "Invalid splat: expected \"]\" after \"[*\"")
                    let each = try parseSplatSteps(full: true)
                    expression = try node(.splat(expression, each: each, full: true), expression.range.through(each.range.start == each.range.end ? close.range : each.range))
                } else {
                    expression = try parseIndexStep(on: expression)
                }
            } else {
                return expression
            }
        }
    }

    /// `.name` or the legacy index `.0`.
    mutating func parseDotStep(on base: HCLExpression) throws(HCLDiagnostic) -> HCLExpression {
        next()
        let token = next()
        switch token.kind {
        case .identifier(let name):
            return try node(.attribute(base, name: name), base.range.through(token.range))
        case .number(let text):
            guard text.allSatisfy(\.isASCIIDigit), let number = HCLNumber(parsing: text) else {
                throw error("Invalid legacy index syntax: write a chain of indexes as [0][1], not .\(text)", at: token.range)
            }
            let key = try node(.literal(HCLValue.number(number).located(token.range)), token.range)
            return try node(.index(base, key: key), base.range.through(token.range))
        default:
            throw error("Invalid attribute name: expected a name after \".\", found \(token.display)", at: token.range)
        }
    }

    /// `[key]`.
    mutating func parseIndexStep(on base: HCLExpression) throws(HCLDiagnostic) -> HCLExpression {
        next()
        return try withNewlines(false) { (parser: inout Parser) throws(HCLDiagnostic) in
            let key = try parser.parseExpression()
            let close = try parser.expect(.closeBracket, "Missing close bracket on index: expected \"]\"")
            return try parser.node(.index(base, key: key), base.range.through(close.range))
        }
    }

    /// What a splat applies to each element: attributes for `.*`, attributes and indexes for `[*]`.
    mutating func parseSplatSteps(full: Bool) throws(HCLDiagnostic) -> HCLExpression {
        let at = peek().range
        var each = try node(.splatElement, SourceRange(file: file, start: at.start, end: at.start))
        while true {
            let token = peek()
            if token.isSymbol(.dot), !peekSecond().isSymbol(.star) {
                each = try parseDotStep(on: each)
            } else if full, token.isSymbol(.openBracket), !peekSecond().isSymbol(.star) {
                each = try parseIndexStep(on: each)
            } else {
                return each
            }
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
