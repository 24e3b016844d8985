/// Why a file could not be read or an expression could not be evaluated, and where.
///
/// The parser stops at the first problem: a linter reports one located error for an unreadable
/// file (as it does for broken YAML) rather than a cascade that follows from the first.
public struct HCLDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var range: SourceRange
    public var message: String

    public init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }

    public var file: String { range.file }
    public var line: Int { range.start.line }
    public var column: Int { range.start.column }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
