/// Recursive descent over filter-expression tokens:
///
///     or      := and (("OR" | "||") and)*
///     and     := unary (("AND" | "&&")? unary)*      -- side by side means AND: `ok !partial duration < 3`
///     unary   := ("!" | "NOT") unary | primary
///     primary := "(" or ")" | service | edge | rootcause | keyword (operator value)?
///
/// Words (keywords, AND/OR/NOT, CONTAINS…) are case-insensitive, as AWS's own examples mix `AND`
/// and `and`, `responsetime` and `responseTime`. Nesting is bounded so that no input exhausts the stack.
struct FilterParser {
    static let maxDepth = 64

    private let tokens: [FilterToken]
    private var index = 0
    private var depth = 0

    init(tokens: [FilterToken]) { self.tokens = tokens }

    private var current: FilterToken { tokens[min(index, tokens.count - 1)] }

    private mutating func advance() -> FilterToken {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isWord(_ word: String, _ token: FilterToken? = nil) -> Bool {
        if case .word(let text) = (token ?? current).kind { return text.uppercased() == word }
        return false
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    private mutating func expect(_ symbol: String, _ context: String) throws(FilterExpressionError) {
        guard isSymbol(symbol) else { throw FilterExpressionError("expected '\(symbol)' \(context), found \(describe(current))", at: current.offset) }
        _ = advance()
    }

    private func describe(_ token: FilterToken) -> String {
        switch token.kind {
        case .word(let word): "'\(word)'"
        case .bracketAnnotation(let key): "'annotation[\(key)]'"
        case .string(let text): "the string \"\(text)\""
        case .number(let text): "the number \(text)"
        case .json: "a JSON value"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the expression"
        }
    }

    mutating func parseWhole() throws(FilterExpressionError) -> FilterExpression {
        if current.kind == .end { throw FilterExpressionError("the expression is empty", at: 0) }
        let expression = try parseOr()
        guard current.kind == .end else {
            throw FilterExpressionError("unexpected \(describe(current)): expected AND, OR or the end of the expression", at: current.offset)
        }
        return expression
    }

    private mutating func nested<T>(_ body: (inout FilterParser) throws(FilterExpressionError) -> T) throws(FilterExpressionError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw FilterExpressionError("nested more than \(Self.maxDepth) levels deep", at: current.offset) }
        return try body(&self)
    }

    private mutating func parseOr() throws(FilterExpressionError) -> FilterExpression {
        var expression = try parseAnd()
        while isWord("OR") || isSymbol("||") {
            _ = advance()
            expression = .or(expression, try parseAnd())
        }
        return expression
    }

    private var startsOperand: Bool {
        switch current.kind {
        case .word: !isWord("OR") && !isWord("AND") && !FilterKeywords.wordOperators.contains(wordText ?? "")
        case .bracketAnnotation: true
        case .symbol(let symbol): symbol == "!" || symbol == "("
        default: false
        }
    }

    private var wordText: String? {
        if case .word(let text) = current.kind { return text.uppercased() }
        return nil
    }

    private mutating func parseAnd() throws(FilterExpressionError) -> FilterExpression {
        var expression = try parseUnary()
        while true {
            if isWord("AND") || isSymbol("&&") {
                _ = advance()
            } else if !startsOperand {
                return expression
            }
            expression = .and(expression, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(FilterExpressionError) -> FilterExpression {
        if isSymbol("!") || isWord("NOT") {
            _ = advance()
            return .not(try nested { (parser) throws(FilterExpressionError) in try parser.parseUnary() })
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(FilterExpressionError) -> FilterExpression {
        let token = current
        switch token.kind {
        case .symbol("("):
            _ = advance()
            let inner = try nested { (parser) throws(FilterExpressionError) in try parser.parseOr() }
            try expect(")", "to close the '(' at character \(token.offset + 1)")
            return inner
        case .bracketAnnotation(let key):
            _ = advance()
            return .condition(.init(name: "annotation", annotationKey: key, offset: token.offset), try comparison(for: .any))
        case .word(let word):
            return try parseWord(word, token)
        default:
            throw FilterExpressionError("expected a keyword such as responsetime, fault or annotation.KEY, found \(describe(token))", at: token.offset)
        }
    }

    private mutating func parseWord(_ word: String, _ token: FilterToken) throws(FilterExpressionError) -> FilterExpression {
        let lowered = word.lowercased()
        _ = advance()
        switch lowered {
        case "service":
            try expect("(", "after service")
            let node: FilterExpression.Node? = isSymbol(")") ? nil : try parseNode("service")
            try expect(")", "to close service(")
            return .service(node, try block())
        case "edge":
            try expect("(", "after edge")
            let source = try parseNode("edge")
            try expect(",", "between edge's source and destination")
            let destination = try parseNode("edge")
            try expect(")", "to close edge(")
            return .edge(source, destination, try block())
        case "id":
            throw FilterExpressionError("id() names a node inside service(…) or edge(…), as in service(id(name: \"api\", type: \"AWS::Lambda::Function\"))", at: token.offset)
        default:
            break
        }
        if lowered.hasPrefix("annotation.") {
            let key = String(word.dropFirst("annotation.".count))
            return .condition(.init(name: "annotation", annotationKey: key, offset: token.offset), try comparison(for: .any))
        }
        let parts = lowered.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, parts[0] == "rootcause", parts[2] != "json" {
            guard FilterKeywords.rootCauseCategories.contains(parts[1]) else {
                throw FilterExpressionError("'\(word)': root causes are \(FilterKeywords.rootCauseCategories.joined(separator: ", "))", at: token.offset)
            }
            guard FilterKeywords.rootCauseKinds.contains(parts[2]) else {
                throw FilterExpressionError("'\(word)': a root cause is a \(FilterKeywords.rootCauseKinds.joined(separator: ", an "))", at: token.offset)
            }
            return .rootCause(category: parts[1], kind: parts[2], try block())
        }
        guard let type = FilterKeywords.types[lowered] else {
            if ["AND", "OR"].contains(word.uppercased()) || FilterKeywords.wordOperators.contains(word.uppercased()) {
                throw FilterExpressionError("'\(word)' needs a condition before it", at: token.offset)
            }
            throw FilterExpressionError("unknown keyword '\(word)'\(Suggestion.didYouMean(lowered, in: FilterKeywords.all))", at: token.offset)
        }
        return .condition(.init(name: lowered, annotationKey: nil, offset: token.offset), try comparison(for: type))
    }

    /// `{ filter }` after service(), edge() or a root cause; optional, as AWS documents.
    private mutating func block() throws(FilterExpressionError) -> FilterExpression? {
        guard isSymbol("{") else { return nil }
        let open = advance()
        if isSymbol("}") { throw FilterExpressionError("'{ }' holds no filter", at: open.offset) }
        let inner = try nested { (parser) throws(FilterExpressionError) in try parser.parseOr() }
        try expect("}", "to close the '{' at character \(open.offset + 1)")
        return inner
    }

    /// A string naming a service, or `id(name: "…", type: "…")` (either part may be left out).
    private mutating func parseNode(_ function: String) throws(FilterExpressionError) -> FilterExpression.Node {
        let token = advance()
        switch token.kind {
        case .string(let name):
            return .init(name: name, type: nil)
        case .word(let word) where word.lowercased() == "id":
            try expect("(", "after id")
            var node = FilterExpression.Node(name: nil, type: nil)
            repeat {
                if isSymbol(",") { _ = advance() }
                let field = advance()
                guard case .word(let fieldName) = field.kind, ["name", "type"].contains(fieldName.lowercased()) else {
                    throw FilterExpressionError("id() takes name: \"…\" and type: \"…\", found \(describe(field))", at: field.offset)
                }
                try expect(":", "after \(fieldName)")
                let value = advance()
                guard case .string(let text) = value.kind else {
                    throw FilterExpressionError("id()'s \(fieldName) is a quoted string, found \(describe(value))", at: value.offset)
                }
                if fieldName.lowercased() == "name" { node.name = text } else { node.type = text }
            } while isSymbol(",")
            try expect(")", "to close id(")
            return node
        default:
            throw FilterExpressionError("\(function)() takes a quoted service name or id(…), found \(describe(token))", at: token.offset)
        }
    }

    /// The operator and value after a keyword of `type`, or nil when the keyword stands alone.
    private mutating func comparison(for type: FilterKeywords.ValueType) throws(FilterExpressionError) -> FilterExpression.Comparison? {
        let opToken = current
        let op: String
        switch opToken.kind {
        case .symbol(let symbol) where ["=", "!=", "<", "<=", ">", ">="].contains(symbol): op = symbol
        case .word(let word) where FilterKeywords.wordOperators.contains(word.uppercased()): op = word.uppercased()
        default: return nil
        }
        _ = advance()
        guard FilterKeywords.operators(for: type).contains(op) else {
            throw FilterExpressionError("'\(op)' does not apply to a \(type.rawValue) keyword; use \(FilterKeywords.operators(for: type).joined(separator: ", "))", at: opToken.offset)
        }
        let valueToken = advance()
        let value: FilterExpression.Value
        switch valueToken.kind {
        case .string(let text): value = .string(text)
        case .number(let text): value = .number(Double(text) ?? 0)
        case .json(let text): value = .json(text)
        case .word(let word) where ["true", "false"].contains(word.lowercased()): value = .boolean(word.lowercased() == "true")
        // AWS's own example compares `name = traces`: a bare word reads as a string.
        case .word(let word) where !["AND", "OR", "NOT"].contains(word.uppercased()): value = .string(word)
        default:
            throw FilterExpressionError("expected a value after '\(op)', found \(describe(valueToken))", at: valueToken.offset)
        }
        try check(value, against: type, op: op, at: valueToken.offset)
        return .init(op: op, value: value)
    }

    private func check(_ value: FilterExpression.Value, against type: FilterKeywords.ValueType, op: String, at offset: Int) throws(FilterExpressionError) {
        let fits: Bool
        switch (type, value) {
        // "Compare the value of the keyword to the string true or false": `ok = "false"` reads as `ok = false`.
        case (.boolean, .string(let text)) where ["true", "false"].contains(text.lowercased()):
            fits = true
        case (.any, .json), (.boolean, .number), (.boolean, .string), (.boolean, .json), (.number, .string), (.number, .boolean),
             (.number, .json), (.string, .number), (.string, .boolean), (.string, .json), (.json, .string), (.json, .number), (.json, .boolean):
            fits = false
        default:
            fits = true
        }
        guard fits else {
            let expected = switch type {
            case .boolean: "true or false"
            case .number: "a number"
            case .string: "a quoted string"
            case .json: "#[ JSON ]"
            case .any: "a string, number or boolean"
            }
            throw FilterExpressionError("a \(type.rawValue) keyword compares with \(expected)", at: offset)
        }
        if type == .any, FilterKeywords.wordOperators.contains(op), case .number = value {
            throw FilterExpressionError("\(op) compares with a quoted string", at: offset)
        }
    }
}
