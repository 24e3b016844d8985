import Foundation
import XRayCore
import XRaySampling

/// `.json` files are read by tools that take JSON only (the AWS CLI's `file://`, ECS, IAM): a
/// trailing comma or a comment that YAML (and Foundation's lenient JSON reader) would forgive
/// breaks them. A lexical scan outside strings finds those two, and where.
package enum StrictJSON {
    package static func problem(in text: String, path: String) -> (location: SourceLocation, message: String)? {
        var line = 1, column = 0
        var inString = false, escaped = false
        var lastSignificant: (character: Character, line: Int, column: Int)?
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            column += 1
            if character == "\n" { line += 1; column = 0; index += 1; continue }
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "$" {
                // An unquoted $VAR or ${var}: a template for envsubst or Terraform, valid JSON once filled in.
                return nil
            } else if character == "#" || character == "/" && index + 1 < characters.count && "/*".contains(characters[index + 1]) {
                return (SourceLocation(file: path, line: line, column: column), "not valid JSON: a comment; the AWS CLI and JSON parsers reject it (YAML would not)")
            } else if character == "}" || character == "]", let last = lastSignificant, last.character == "," {
                return (SourceLocation(file: path, line: last.line, column: last.column), "not valid JSON: a trailing comma; the AWS CLI and JSON parsers reject it (YAML would not)")
            }
            if !character.isWhitespace { lastSignificant = (character, line, column) }
            index += 1
        }
        // Anything else (NaN, 1e999) Python's json, and so the AWS CLI, accepts.
        return nil
    }
}
