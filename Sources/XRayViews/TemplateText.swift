import Foundation
import XRayCore
import XRaySampling

/// Files kept as templates (Terraform `templatefile`, envsubst, mustache or Helm): `${var}`,
/// `%{ directive }` and `{{ … }}` stand where rendering puts a value. Where such a file is YAML
/// or JSON around its placeholders, it is read as that, every location exact; a placeholder is
/// what the owning tool fills, never a problem in itself.
package enum TemplateText {
    package static func hasPlaceholders(_ text: String) -> Bool {
        text.containsBytes("${") || text.containsBytes("{{") || text.containsBytes("%{")
    }

    /// The tree of a template that does not parse as it is: first with each placeholder outside
    /// the YAML's reach (replaced, character for character, by a plain word that starts with `$`,
    /// so no rule reads it as a literal value), then, for a fragment written to be pasted under an
    /// indented placeholder (`config: |` then `  ${otconfig}`: every line but the first carries
    /// the indentation), with the first line read at the others' indentation. nil when neither parses.
    package static func read(_ text: String, path: String, options: YAMLLoader.Options) -> LocatedNode? {
        // Each attempt parses the whole text again: only for files of ordinary size.
        guard text.utf8.count < 1_000_000, hasPlaceholders(text) else { return nil }
        let neutral = neutralised(text)
        if let root = try? YAMLLoader.load(neutral, file: path, options: options), root.pairs != nil || root.items != nil {
            return root
        }
        guard let (line, indent) = fragmentIndent(neutral) else { return nil }
        var lines = neutral.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line] = String(repeating: " ", count: indent) + lines[line]
        guard let root = try? YAMLLoader.load(lines.joined(separator: "\n"), file: path, options: options), root.pairs != nil else { return nil }
        return root.movingLeft(onLine: line + 1, by: indent)
    }

    /// The text with `${…}`, `%{…}` and `{{…}}` (each on one line) replaced by `$` and the
    /// placeholder's word characters, its other characters (braces, spaces, colons) turned to `_`:
    /// the same length, so every line and column stays where it was.
    package static func neutralised(_ text: String) -> String {
        var characters = Array(text)
        var index = 0
        while index + 1 < characters.count {
            let first = characters[index], second = characters[index + 1]
            let double = first == "{" && second == "{"
            guard double || (first == "$" || first == "%") && second == "{" else {
                index += 1
                continue
            }
            // The closing brace(s) on the same line, braces inside counted.
            var depth = 0, end: Int?
            var cursor = double ? index : index + 1
            while cursor < characters.count, characters[cursor] != "\n" {
                if characters[cursor] == "{" { depth += 1 }
                if characters[cursor] == "}" {
                    depth -= 1
                    if depth == 0 { end = cursor; break }
                }
                cursor += 1
            }
            guard let end else {
                index += 2
                continue
            }
            characters[index] = "$"
            for position in (index + 1)...end {
                let character = characters[position]
                if !(character.isLetter || character.isNumber || character == "_" || character == "." || character == "-") || !character.isASCII {
                    characters[position] = "_"
                }
            }
            index = end + 1
        }
        return String(characters)
    }

    /// A fragment's first content line (0-based) at column 1 while every later content line is
    /// indented by at least `indent` > 0; nil for any other shape.
    package static func fragmentIndent(_ text: String) -> (line: Int, indent: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isContent(_ line: Substring) -> Bool {
            let trimmed = line.drop { $0 == " " }
            return !trimmed.isEmpty && trimmed.first != "#"
        }
        guard let first = lines.firstIndex(where: isContent), lines[first].first != " " else { return nil }
        let rest = lines[(first + 1)...].filter(isContent).map { $0.prefix { $0 == " " }.count }
        guard let indent = rest.min(), indent > 0 else { return nil }
        return (first, indent)
    }
}

extension LocatedNode {
    /// The same tree with the nodes on one line moved `columns` to the left (the line was read
    /// with that many spaces in front of it).
    package func movingLeft(onLine line: Int, by columns: Int) -> LocatedNode {
        var node = self
        if node.location.line == line { node.location.column = max(1, node.location.column - columns) }
        switch node.value {
        case .scalar: break
        case .sequence(let items): node.value = .sequence(items.map { $0.movingLeft(onLine: line, by: columns) })
        case .mapping(let pairs):
            node.value = .mapping(pairs.map { ($0.key.movingLeft(onLine: line, by: columns), $0.value.movingLeft(onLine: line, by: columns)) })
        }
        return node
    }
}
