/// A point in a source file. Lines and columns are 1-based and columns count Unicode scalars, as
/// the other readers of this project count them, so a finding lands on the column an editor shows
/// for plain text; `offset` is the UTF-8 byte offset, for slicing the original text.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "\(line):\(column)" }
}

/// The half-open stretch of a file a node was read from: `end` is just past its last character.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// From the start of `self` to the end of `other`.
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: start, end: max(end, other.end))
    }

    public var description: String { "\(file):\(start)" }
}
