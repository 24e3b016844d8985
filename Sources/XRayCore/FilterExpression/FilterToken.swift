import Foundation

/// One token of an X-Ray filter expression, with its offset (in characters) into the expression.
package struct FilterToken: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// A keyword, function name or bare word: `responsetime`, `http.url`, `annotation.account`,
        /// `service`, `AND`, `traces` (a bare string value, as in AWS's own `name = traces` example).
        case word(String)
        /// `annotation[KEY]`: the key as written between the brackets.
        case bracketAnnotation(String)
        case string(String)
        case number(String)
        /// `#[ ... ]`, the JSON that `rootcause.json` is compared with, as written.
        case json(String)
        case symbol(String)
        case end
    }

    package var kind: Kind
    package var offset: Int
    package var length: Int
}

/// Splits a filter expression into tokens. Every step consumes at least one character, so it ends on
/// any input; an unusable character is an error at its offset.
package struct FilterLexer {
    private let characters: [Character]
    private var position = 0

    package init(_ text: String) { characters = Array(text) }

    package mutating func tokens() throws(FilterExpressionError) -> [FilterToken] {
        var tokens: [FilterToken] = []
        while let token = try next() { tokens.append(token) }
        tokens.append(FilterToken(kind: .end, offset: characters.count, length: 0))
        return tokens
    }

    private func peek(_ ahead: Int = 0) -> Character? {
        position + ahead < characters.count ? characters[position + ahead] : nil
    }

    private mutating func next() throws(FilterExpressionError) -> FilterToken? {
        while let character = peek(), character.isWhitespace { position += 1 }
        guard let character = peek() else { return nil }
        let start = position
        func token(_ kind: FilterToken.Kind) -> FilterToken { FilterToken(kind: kind, offset: start, length: position - start) }

        if character == "\"" { return token(.string(try quoted())) }
        if character == "#" {
            guard peek(1) == "[" else {
                throw FilterExpressionError("'#' starts a JSON value only as '#[', as in rootcause.json = #[{ ... }]", at: start)
            }
            position += 1
            return token(.json(try jsonText(from: start)))
        }
        if character.isNumber || character == "-" && peek(1)?.isNumber == true || character == "." && peek(1)?.isNumber == true {
            position += 1
            while let next = peek(), next.isNumber || next == "." { position += 1 }
            let text = String(characters[start..<position])
            guard Double(text) != nil else { throw FilterExpressionError("'\(text)' is not a number", at: start) }
            if let next = peek(), Self.isWordCharacter(next) {
                throw FilterExpressionError("a number runs into '\(next)'; put a space or an operator between them", at: position)
            }
            return token(.number(text))
        }
        if Self.isWordStart(character) {
            while let next = peek(), Self.isWordCharacter(next) || next == "." && peek(1).map(Self.isWordStart) == true { position += 1 }
            let word = String(characters[start..<position])
            if word.lowercased() == "annotation", peek() == "[" {
                position += 1
                let keyStart = position
                while let next = peek(), next != "]" { position += 1 }
                guard peek() == "]" else { throw FilterExpressionError("annotation[ is not closed with ']'", at: start) }
                let key = String(characters[keyStart..<position])
                position += 1
                let unquoted = key.count >= 2 && key.first == "\"" && key.last == "\"" ? String(key.dropFirst().dropLast()) : key
                guard !unquoted.isEmpty else { throw FilterExpressionError("annotation[] names no key", at: start) }
                return token(.bracketAnnotation(unquoted))
            }
            return token(.word(word))
        }
        for symbol in ["!=", "<=", ">=", "&&", "||", "=", "<", ">", "!", "(", ")", "{", "}", ",", ":"] where matches(symbol) {
            position += symbol.count
            return token(.symbol(symbol))
        }
        throw FilterExpressionError("unexpected character '\(character)'", at: start)
    }

    private func matches(_ symbol: String) -> Bool {
        for (index, expected) in symbol.enumerated() where peek(index) != expected { return false }
        return true
    }

    /// A double-quoted string; a backslash keeps the next character as it is (so `\"` is a quote).
    private mutating func quoted() throws(FilterExpressionError) -> String {
        let start = position
        position += 1
        var text = ""
        while let character = peek() {
            position += 1
            switch character {
            case "\"": return text
            case "\\":
                guard let escaped = peek() else { break }
                text.append(escaped)
                position += 1
            default: text.append(character)
            }
        }
        throw FilterExpressionError("this string has no closing '\"'", at: start)
    }

    /// `#[ ... ]` up to its matching bracket (brackets inside JSON strings do not count); the JSON
    /// itself is checked by Foundation's parser.
    private mutating func jsonText(from start: Int) throws(FilterExpressionError) -> String {
        let open = position
        var depth = 0, inString = false
        while let character = peek() {
            position += 1
            if inString {
                if character == "\\" { position += 1 } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "[", "{": depth += 1
            case "]", "}":
                depth -= 1
                if depth == 0 {
                    let text = String(characters[open..<position])
                    guard let data = text.data(using: .utf8), (try? JSONSerialization.jsonObject(with: data)) != nil else {
                        throw FilterExpressionError("the value after '#' is not valid JSON", at: open)
                    }
                    return text
                }
            default: break
            }
        }
        throw FilterExpressionError("'#[' is not closed with ']'", at: start)
    }

    static func isWordStart(_ character: Character) -> Bool { character.isLetter || character == "_" }
    static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" || character == "-" }
}
