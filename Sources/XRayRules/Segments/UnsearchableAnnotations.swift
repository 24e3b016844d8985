import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UnsearchableAnnotations: LintRule {
    package static let description = RuleDescription(
        id: "XR703", name: "unsearchable-annotations", severity: .warning,
        summary: "Annotation keys outside `[A-Za-z0-9_]`, or annotation values that are not a string, number or boolean.",
        rationale: "Filter expressions can only use such keys, and the SDKs drop other annotations with a warning; use metadata for structured values.",
        sources: [.segmentDocuments],
        examples: [
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"annotations\": {↓\"user-id\": \"42\"}}\n"),
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"annotations\": {\"user_id\": \"42\", \"retries\": 2}}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.segmentDocuments.flatMap(\.entities).flatMap { entity in
            (entity.node["annotations"]?.pairs ?? []).compactMap { key, value -> Finding? in
                let name = key.text ?? ""
                if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                    return finding(key, "annotation key '\(name)' has characters outside A-Z, a-z, 0-9 and _; filters cannot use it and the SDKs drop it",
                                   fix: "Rename it to \(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "_" }.joined())")
                }
                if value.scalar == nil || value.scalar?.kind == .null {
                    return finding(value, "annotation '\(name)' is \(value.typeName); annotations take strings, numbers and booleans",
                                   fix: "Put structured values in metadata")
                }
                return nil
            }
        }
    }
}
