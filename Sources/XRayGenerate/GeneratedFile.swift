import XRayCore
import XRaySampling

/// One artifact: a path relative to the output directory, its exact bytes, and what it is.
public struct GeneratedFile: Hashable, Sendable {
    public var path: String
    public var contents: String
    /// One line for the output README.
    public var summary: String

    public init(_ path: String, _ contents: String, summary: String = "") {
        self.path = path
        self.contents = contents
        self.summary = summary
    }
}
