/// Why a filter expression does not parse, and where: `offset` counts characters from the start of
/// the expression; `location(in:)` turns it into a line and column of the file it sits in.
public struct FilterExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    package init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "invalid X-Ray filter expression at character \(offset + 1): \(message)" }
}

extension SourceLocation {
    /// The place of character `offset` of a string scalar that starts here. Given the scalar's line
    /// as written, a quoted scalar is walked character by character, so an escape (`\"`, `\u00e9`,
    /// YAML's `''`) counts as the one character it stands for; without it, a quoted scalar's text is
    /// taken to start one column after its quote. A scalar written over several lines (a block
    /// scalar, a folded string) is placed at its start, since its lines do not map to the text one to one.
    package func within(_ scalar: LocatedNode.Scalar, offset: Int, line: Substring? = nil) -> SourceLocation {
        guard !scalar.text.containsBytes("\n"), isFile else { return self }
        var location = self
        guard scalar.isQuoted else {
            location.column += offset
            return location
        }
        location.column += offset + 1
        guard let line else { return location }
        let raw = Array(line)
        guard column >= 1, column <= raw.count, raw[column - 1] == "\"" || raw[column - 1] == "'" else { return location }
        let quote = raw[column - 1]
        var index = column, read = 0
        while read < offset, index < raw.count {
            if quote == "\"", raw[index] == "\\" {
                index += index + 1 < raw.count && raw[index + 1] == "u" ? 6 : 2
            } else if quote == "'", raw[index] == "'", index + 1 < raw.count, raw[index + 1] == "'" {
                index += 2
            } else {
                index += 1
            }
            read += 1
        }
        location.column = index + 1
        return location
    }
}
