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
    /// The place of character `offset` of a string scalar that starts here. A quoted scalar's text
    /// starts one column after its quote; a scalar written over several lines (a block scalar, a
    /// folded string) is placed at its start, since its lines do not map to the text one to one.
    package func within(_ scalar: LocatedNode.Scalar, offset: Int) -> SourceLocation {
        guard !scalar.text.contains("\n"), isFile else { return self }
        var location = self
        location.column += offset + (scalar.isQuoted ? 1 : 0)
        return location
    }
}
