import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SegmentMissingFields: LintRule {
    package static let description = RuleDescription(
        id: "XR701", name: "segment-missing-fields", severity: .error,
        summary: "A segment lacks `name`, `id`, `trace_id` or `start_time`, or its `id` is not 16 hex digits or its `trace_id` not `1-8hex-24hex`.",
        rationale: "The daemon forwards such a document and X-Ray rejects it in PutTraceSegments' UnprocessedTraceSegments, so the trace is lost.",
        sources: [.segmentDocuments],
        examples: [
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": ↓\"4efaaf4d1e8720b39541901950019ee5\", \"start_time\": 1478293361.271, \"end_time\": 1478293361.449}\n"),
            RuleExample("segment.json", "↓{\"name\": \"api\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1478293361.271, \"end_time\": 1478293361.449}\n"),
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1478293361.271, \"end_time\": 1478293361.449}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.segmentDocuments.flatMap(\.entities).flatMap { entity -> [Finding] in
            let node = entity.node
            var required = ["name", "id", "start_time"]
            if entity.standalone { required.append("trace_id") }
            if entity.standalone && node["type"]?.text == "subsegment" { required.append("parent_id") }
            var findings = required.filter { node[$0] == nil }.map { field in
                finding(node, "the \(entity.standalone ? "segment" : "subsegment") has no '\(field)'", fix: "Add \(field)")
            }
            if let id = node["id"], let text = id.text, !SegmentFormat.isHex(text, count: 16) {
                findings.append(finding(id, "id '\(text)' is not 16 lowercase hex digits"))
            }
            if let trace = node["trace_id"], let text = trace.text, !SegmentFormat.isTraceID(text) {
                let converted = SegmentFormat.isHex(text, count: 32) ? "; as an X-Ray ID it is 1-\(text.prefix(8))-\(text.dropFirst(8))" : ""
                findings.append(finding(trace, "trace_id '\(text)' is not in the form 1-8hex-24hex\(converted)"))
            }
            if let name = node["name"]?.text, name.count > 200 {
                findings.append(finding(node["name"]!, "the name is \(name.count) characters; the limit is 200"))
            }
            return findings
        }
    }
}
