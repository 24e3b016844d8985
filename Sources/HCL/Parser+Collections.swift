extension Parser {
    /// `[a, b, c]` or `[for v in collection : value if condition]` (the `[` consumed).
    mutating func parseTuple(open: Token) throws(HCLDiagnostic) -> HCLExpression {
        if peek().identifier == "for" { return try parseFor(open: open, object: false) }
        var elements: [HCLExpression] = []
        while !peek().isSymbol(.closeBracket) {
            elements.append(try parseExpression())
            guard peek().isSymbol(.comma) else { break }
            next()
        }
        let close = try expect(.closeBracket, "Missing item separator: expected \",\" or \"]\" in the list")
        return try node(.tuple(elements), open.range.through(close.range))
    }

    /// `{key = value, …}` with `=` or `:`, separated by commas or newlines; or an object `for`.
    mutating func parseObject(open: Token) throws(HCLDiagnostic) -> HCLExpression {
        skipNewlines()
        if peek().identifier == "for" {
            return try withNewlines(false) { (parser: inout Parser) throws(HCLDiagnostic) in try parser.parseFor(open: open, object: true) }
        }
        var items: [HCLObjectItem] = []
        while true {
            skipNewlines()
            if peek().isSymbol(.closeBrace) { break }
            let keyToken = peek()
            let key: HCLObjectItem.Key
            let keyRange: SourceRange
            if let name = keyToken.identifier, peekSecond().isSymbol(.assign) || peekSecond().isSymbol(.colon) {
                next()
                key = .name(name)
                keyRange = keyToken.range
            } else {
                let expression = try parseExpression()
                key = .expression(expression)
                keyRange = expression.range
            }
            let separator = peek()
            guard separator.isSymbol(.assign) || separator.isSymbol(.colon) else {
                throw error("Missing key/value separator: expected \"=\" or \":\" after the key, found \(separator.display)", at: separator.range)
            }
            next()
            let value = try parseExpression()
            items.append(HCLObjectItem(key: key, keyRange: keyRange, value: value))
            let after = peek()
            if after.isSymbol(.comma) || after.kind == .newline {
                next()
            } else if !after.isSymbol(.closeBrace) {
                throw error("Missing attribute separator: expected a newline or comma before the next attribute, found \(after.display)", at: after.range)
            }
        }
        let close = next()
        return try node(.object(items), open.range.through(close.range))
    }

    /// The rest of a `for` expression after its `[` or `{`.
    mutating func parseFor(open: Token, object: Bool) throws(HCLDiagnostic) -> HCLExpression {
        let forKeyword = next()
        func name(_ parser: inout Parser) throws(HCLDiagnostic) -> String {
            let token = parser.next()
            guard let name = token.identifier else {
                throw parser.error("Invalid 'for' expression: expected a variable name, found \(token.display)", at: token.range)
            }
            return name
        }
        var keyVariable: String?
        var valueVariable = try name(&self)
        if peek().isSymbol(.comma) {
            next()
            keyVariable = valueVariable
            valueVariable = try name(&self)
        }
        let inKeyword = next()
        guard inKeyword.identifier == "in" else {
            throw error("Invalid 'for' expression: expected \"in\" after the variable names, found \(inKeyword.display)", at: inKeyword.range)
        }
        let collection = try parseExpression()
        try expect(.colon, "Invalid 'for' expression: expected \":\" after the collection")
        var key: HCLExpression?
        var value = try parseExpression()
        var grouped = false
        if object {
            try expect(.arrow, "Invalid 'for' expression: an object 'for' needs \"key => value\"")
            key = value
            value = try parseExpression()
            if peek().isSymbol(.ellipsis) {
                next()
                grouped = true
            }
        } else if peek().isSymbol(.arrow) {
            throw error("Invalid 'for' expression: \"=>\" belongs in an object 'for', written in braces", at: peek().range)
        }
        var condition: HCLExpression?
        if peek().identifier == "if" {
            next()
            condition = try parseExpression()
        }
        let closing: Symbol = object ? .closeBrace : .closeBracket
        let close = try expect(closing, "Invalid 'for' expression: expected \"\(closing.rawValue)\" to end the 'for' started at \(forKeyword.range.start)")
        let clause = HCLForExpression(keyVariable: keyVariable, valueVariable: valueVariable, collection: collection, key: key,
                                      value: value, condition: condition, grouped: grouped)
        return try node(.forExpression(clause), open.range.through(close.range))
    }
}
