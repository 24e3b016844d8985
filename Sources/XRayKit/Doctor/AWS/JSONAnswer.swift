import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// X-Ray, CloudWatch Logs, IAM's policy documents and the credential endpoints answer with JSON
/// (RFC 8259). An answer is checked as strict JSON first (Foundation's JSONSerialization, then
/// the linter's check for the trailing comma JSONSerialization lets through) and only then read
/// into a located tree: the tree's loader reads YAML too, and would take anchors, aliases and
/// tags from a server that is not AWS, expanding them at length.
package enum JSONAnswer {
    /// The answer as a located tree when it is one strict JSON object; nil otherwise.
    package static func object(_ data: Data, file: String) -> LocatedNode? {
        guard isObject(data) else { return nil }
        guard let node = try? YAMLLoader.load(String(decoding: data, as: UTF8.self), file: file), node.pairs != nil else { return nil }
        return node
    }

    /// Whether the bytes are one JSON object and nothing else.
    package static func isObject(_ data: Data) -> Bool {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else { return false }
        return StrictJSON.problem(in: String(decoding: data, as: UTF8.self), path: "answer") == nil
    }
}
