import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SegmentNotClosed: LintRule {
    package static let description = RuleDescription(
        id: "XR702", name: "segment-not-closed", severity: .error,
        summary: "A segment has neither `end_time` nor `in_progress: true`.",
        rationale: "X-Ray needs one or the other to place the segment in time; without both the document is rejected.",
        sources: [.segmentDocuments],
        examples: [
            RuleExample("segment.json", "↓{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1478293361.271}\n"),
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1478293361.271, \"in_progress\": true}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.segmentDocuments.flatMap(\.entities).compactMap { entity in
            guard entity.node["end_time"] == nil, entity.node["in_progress"]?.text != "true" else { return nil }
            return finding(entity.node, "the \(entity.standalone ? "segment" : "subsegment") has neither end_time nor in_progress: true",
                           fix: "Add end_time when it ends, or \"in_progress\": true while it runs")
        }
    }
}
