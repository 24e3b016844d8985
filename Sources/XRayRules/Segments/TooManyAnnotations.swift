import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TooManyAnnotations: LintRule {
    package static let description = RuleDescription(
        id: "XR704", name: "too-many-annotations", severity: .warning,
        summary: "More than 50 annotations in one document.",
        rationale: "X-Ray indexes at most 50 annotations per trace; the rest cannot be searched.",
        sources: [.segmentDocuments],
        examples: [
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"annotations\": {"
                        + (1...51).map { "\($0 == 51 ? "↓" : "")\"a\($0)\": \($0)" }.joined(separator: ", ") + "}}\n"),
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"annotations\": {\"a\": 1}}\n"),
        ])

    package static let limit = 50

    package func check(_ run: LintRun) -> [Finding] {
        run.segmentDocuments.compactMap { _, entities in
            let keys = entities.flatMap { $0.node["annotations"]?.pairs?.map(\.key) ?? [] }
            guard keys.count > Self.limit else { return nil }
            return finding(keys[Self.limit], "\(keys.count) annotations; X-Ray indexes only the first \(Self.limit) per trace",
                           fix: "Keep the searchable ones as annotations and move the rest to metadata")
        }
    }
}
