/// Templates are read in two passes: first a flat list of literals, interpolations and directive
/// markers (so strip markers and `<<-` indentation can look at neighbours, which belong to
/// different branches once nested), then the tree of `if` and `for` directives.
extension Parser {
    enum Directive {
        case ifStart(HCLExpression), elseBranch, endIf
        case forStart(key: String?, value: String, collection: HCLExpression), endFor

        var name: String {
            switch self {
            case .ifStart: return "if"
            case .elseBranch: return "else"
            case .endIf: return "endif"
            case .forStart: return "for"
            case .endFor: return "endfor"
            }
        }
    }

    enum TemplateItem {
        case literal(String, SourceRange, lineStart: Bool)
        case interpolation(HCLExpression, stripBefore: Bool, stripAfter: Bool)
        case directive(Directive, stripBefore: Bool, stripAfter: Bool, range: SourceRange)
    }

    mutating func parseQuotedTemplate(open: Token) throws(HCLDiagnostic) -> HCLExpression {
        let items = try parseTemplateItems { $0 == .closeQuote }
        let close = next()
        return try node(.template(try buildTemplate(items)), open.range.through(close.range))
    }

    mutating func parseHeredoc(open: Token, marker: String, indented: Bool) throws(HCLDiagnostic) -> HCLExpression {
        var items = try parseTemplateItems { $0 == .closeHeredoc }
        let close = next()
        if indented { Self.removeIndentation(&items) }
        return try node(.template(try buildTemplate(items)), open.range.through(close.range))
    }

    /// A whole token list read as a template (a `templatefile` file).
    mutating func parseBareTemplate() throws(HCLDiagnostic) -> HCLExpression {
        let start = tokens[0].range
        let items = try parseTemplateItems { $0 == .endOfFile }
        let end = peek().range
        return try node(.template(try buildTemplate(items)), start.through(end))
    }

    /// Items up to (not including) the token `isEnd` accepts.
    mutating func parseTemplateItems(until isEnd: (Token.Kind) -> Bool) throws(HCLDiagnostic) -> [TemplateItem] {
        var items: [TemplateItem] = []
        while true {
            let token = tokens[index]
            if isEnd(token.kind) { return items }
            index += 1
            switch token.kind {
            case .literal(let text, let lineStart):
                items.append(.literal(text, token.range, lineStart: lineStart))
            case .interpolation(let stripBefore):
                let (expression, stripAfter, _) = try withNewlines(false) { (parser: inout Parser) throws(HCLDiagnostic) in
                    let expression = try parser.parseExpression()
                    let end = try parser.sequenceEnd(opened: token)
                    return (expression, end.0, end.1)
                }
                items.append(.interpolation(expression, stripBefore: stripBefore, stripAfter: stripAfter))
            case .directive(let stripBefore):
                let (directive, stripAfter, end) = try withNewlines(false) { (parser: inout Parser) throws(HCLDiagnostic) in
                    let directive = try parser.parseDirective(opened: token)
                    let end = try parser.sequenceEnd(opened: token)
                    return (directive, end.0, end.1)
                }
                items.append(.directive(directive, stripBefore: stripBefore, stripAfter: stripAfter, range: token.range.through(end)))
            case .endOfFile:
                throw error("Unterminated template string: the template has no end", at: token.range)
            default:
                throw error("Unexpected \(token.display) in a template", at: token.range)
            }
        }
    }

    /// The `}` or `~}` closing a `${` or `%{`: whether it strips, and its range.
    mutating func sequenceEnd(opened: Token) throws(HCLDiagnostic) -> (Bool, SourceRange) {
        let token = peek()
        guard case .sequenceEnd(let strip) = token.kind else {
            throw error("Extra characters after \(opened.display) expression: expected \"}\", found \(token.display)", at: token.range)
        }
        next()
        return (strip, token.range)
    }

    mutating func parseDirective(opened: Token) throws(HCLDiagnostic) -> Directive {
        let keyword = next()
        switch keyword.identifier {
        case "if": return .ifStart(try parseExpression())
        case "else": return .elseBranch
        case "endif": return .endIf
        case "endfor": return .endFor
        case "for":
            guard let first = next().identifier else { throw error("Invalid template 'for': expected a variable name", at: keyword.range) }
            var key: String?
            var value = first
            if peek().isSymbol(.comma) {
                next()
                key = first
                guard let second = next().identifier else { throw error("Invalid template 'for': expected a second variable name", at: keyword.range) }
                value = second
            }
            let inKeyword = next()
            guard inKeyword.identifier == "in" else { throw error("Invalid template 'for': expected \"in\", found \(inKeyword.display)", at: inKeyword.range) }
            return .forStart(key: key, value: value, collection: try parseExpression())
        default:
            throw error("Invalid template directive: expected if, else, endif, for or endfor after \"%{\", found \(keyword.display)", at: keyword.range)
        }
    }

    /// `<<-`: the spaces every non-blank line starts with, removed from each line's first literal.
    static func removeIndentation(_ items: inout [TemplateItem]) {
        var minimum = Int.max
        var atLineStart = true
        var adjust: [Int] = []
        for (position, item) in items.enumerated() {
            if atLineStart {
                if case .literal(let text, _, _) = item {
                    let spaces = text.unicodeScalars.prefix { $0.properties.isWhitespace && $0 != "\n" && $0 != "\r" }.count
                    let blank = text.unicodeScalars.allSatisfy(\.properties.isWhitespace) && text.hasSuffix("\n")
                    if !blank {
                        minimum = min(minimum, spaces)
                        adjust.append(position)
                    }
                } else {
                    minimum = 0
                }
            }
            if case .literal(let text, _, _) = item { atLineStart = text.hasSuffix("\n") } else { atLineStart = false }
        }
        guard minimum != Int.max, minimum > 0 else { return }
        for position in adjust {
            guard case .literal(let text, var range, let lineStart) = items[position] else { continue }
            let scalars = text.unicodeScalars
            let cut = scalars.index(scalars.startIndex, offsetBy: minimum, limitedBy: scalars.endIndex) ?? scalars.endIndex
            let removed = String(scalars[..<cut])
            range.start.column += minimum
            range.start.offset += removed.utf8.count
            items[position] = .literal(String(scalars[cut...]), range, lineStart: lineStart)
        }
    }

    /// Applies strip markers, then nests directives into parts.
    mutating func buildTemplate(_ input: [TemplateItem]) throws(HCLDiagnostic) -> [HCLTemplatePart] {
        var items = input
        for position in items.indices {
            let (before, after): (Bool, Bool)
            switch items[position] {
            case .literal: continue
            case .interpolation(_, let stripBefore, let stripAfter): (before, after) = (stripBefore, stripAfter)
            case .directive(_, let stripBefore, let stripAfter, _): (before, after) = (stripBefore, stripAfter)
            }
            if before, position > 0, case .literal(let text, let range, let lineStart) = items[position - 1] {
                items[position - 1] = .literal(text.droppingTrailingSpace, range, lineStart: lineStart)
            }
            if after, position + 1 < items.count, case .literal(let text, let range, let lineStart) = items[position + 1] {
                items[position + 1] = .literal(text.droppingLeadingSpace, range, lineStart: lineStart)
            }
        }
        var cursor = 0
        let (parts, end) = try nestParts(items, &cursor)
        if let (directive, range) = end {
            throw error("Unexpected \"%{ \(directive.name) }\": no open directive matches it", at: range)
        }
        return parts
    }

    /// Parts up to the end of `items` or the first `else`, `endif` or `endfor` (returned, consumed).
    mutating func nestParts(_ items: [TemplateItem], _ cursor: inout Int) throws(HCLDiagnostic) -> ([HCLTemplatePart], (Directive, SourceRange)?) {
        var parts: [HCLTemplatePart] = []
        while cursor < items.count {
            let item = items[cursor]
            cursor += 1
            switch item {
            case .literal(let text, let range, _):
                guard !text.isEmpty else { continue }
                if case .literal(let previous, let previousRange)? = parts.last {
                    parts[parts.count - 1] = .literal(previous + text, previousRange.through(range))
                } else {
                    parts.append(.literal(text, range))
                }
            case .interpolation(let expression, _, _):
                parts.append(.interpolation(expression))
            case .directive(let directive, _, _, let range):
                switch directive {
                case .elseBranch, .endIf, .endFor:
                    return (parts, (directive, range))
                case .ifStart(let condition):
                    parts.append(try nested(at: range) { (parser: inout Parser) throws(HCLDiagnostic) in
                        try parser.nestIf(condition, range, items, &cursor)
                    })
                case .forStart(let key, let value, let collection):
                    parts.append(try nested(at: range) { (parser: inout Parser) throws(HCLDiagnostic) in
                        let (body, end) = try parser.nestParts(items, &cursor)
                        guard let (closing, closingRange) = end, case .endFor = closing else {
                            throw parser.error("Unterminated template 'for': expected \"%{ endfor }\" for this 'for'", at: end?.1 ?? range)
                        }
                        return .forDirective(keyVariable: key, valueVariable: value, collection: collection, body: body, range: range.through(closingRange))
                    })
                }
            }
        }
        return (parts, nil)
    }

    mutating func nestIf(_ condition: HCLExpression, _ range: SourceRange, _ items: [TemplateItem], _ cursor: inout Int) throws(HCLDiagnostic) -> HCLTemplatePart {
        let (then, thenEnd) = try nestParts(items, &cursor)
        var otherwise: [HCLTemplatePart] = []
        var end = thenEnd
        if let (directive, _) = thenEnd, case .elseBranch = directive {
            (otherwise, end) = try nestParts(items, &cursor)
        }
        guard let (closing, closingRange) = end, case .endIf = closing else {
            throw error("Unterminated template 'if': expected \"%{ endif }\" for this 'if'", at: end?.1 ?? range)
        }
        return .ifDirective(condition: condition, then: then, else: otherwise, range: range.through(closingRange))
    }
}

extension String {
    /// Without the white space (Unicode's, line breaks included) a strip marker removes.
    var droppingLeadingSpace: String { String(String.UnicodeScalarView(unicodeScalars.drop(while: \.properties.isWhitespace))) }

    var droppingTrailingSpace: String {
        var scalars = unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
