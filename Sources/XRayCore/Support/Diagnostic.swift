import Foundation

/// A 1-based position in a source file, as editors and compilers print it; or, for what is not
/// a file (an AWS call, the daemon's address, command-line flags), that thing's name.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// False for a name that is not a file: printed alone (`aws: error: …`), never as `aws:1:1`,
    /// which reads as a position in a file of that name. JSON and SARIF keep line and column 1.
    public var isFile = true

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A finding's origin that is not a file, such as `aws:xray:GetSamplingRules` or `flags`.
    public static func origin(_ name: String) -> SourceLocation {
        var location = SourceLocation(file: name, line: 1, column: 1)
        location.isFile = false
        return location
    }

    public var description: String { isFile ? "\(file):\(line):\(column)" : file }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A problem found in user input, always tied to a place in a file.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The model key the problem is about, when it is about one (a cross-field check is not).
    /// Never printed with the message: a model built from something other than a file (command-line
    /// flags) names the key its own way from it.
    public var key: ModelKey?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    /// `file:line:column: severity: message`, the form compilers use so editors can jump to it.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// The model key a diagnostic is about: where it is in the model, whether it is refused or missing,
/// and how the message reads after a name of the key that is not the model's own.
public struct ModelKey: Hashable, Sendable {
    /// RFC 6901 pointer from the model's root (`/services/0/image`); for a missing key, where it belongs.
    public var pointer: String
    /// A required key that is absent, rather than a value that is refused.
    public var isMissing: Bool
    /// The message as it continues after the key's name, such as "must be between 1 and 65535,
    /// found 70000" (its message: "port must be …"); nil where the message reads only whole.
    public var predicate: String?

    public init(pointer: String, isMissing: Bool = false, predicate: String? = nil) {
        self.pointer = pointer
        self.isMissing = isMissing
        self.predicate = predicate
    }
}

/// Several diagnostics at once: a model is checked completely before anything is reported.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
