import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct FilteredKeyInMetadata: LintRule {
    package static let description = RuleDescription(
        id: "XR707", name: "filtered-key-in-metadata", severity: .warning,
        summary: "A segment keeps in `metadata` a key that a group's filter expression reads as `annotation.KEY`, and does not set it as an annotation.",
        rationale: "X-Ray indexes annotations for filter expressions and groups; metadata is stored with the trace but never indexed, so the filter cannot see the value and the group selects nothing from this segment. Record the value with putAnnotation/put_annotation instead (strings, numbers and booleans).",
        sources: [.segmentDocuments, .filterExpressions],
        examples: [
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"metadata\": {\"default\": {↓\"tenant\": \"blue\"}}}\n",
                        with: [("group.json", "{\"GroupName\": \"blue\", \"FilterExpression\": \"annotation.tenant = \\\"blue\\\"\"}\n")]),
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"annotations\": {\"tenant\": \"blue\"}, \"metadata\": {\"default\": {\"tenant\": \"blue\"}}}\n",
                        with: [("group.json", "{\"GroupName\": \"blue\", \"FilterExpression\": \"annotation.tenant = \\\"blue\\\"\"}\n")]),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let filtered = Dictionary(run.filterAnnotationUses.map { ($0.key, $0.group) }, uniquingKeysWith: { first, _ in first })
        guard !filtered.isEmpty else { return [] }
        return run.segmentDocuments.flatMap(\.entities).flatMap { entity -> [Finding] in
            let annotated = Set((entity.node["annotations"]?.pairs ?? []).compactMap(\.key.text))
            // Metadata is namespaced (`default` and others); a key may sit at either level.
            let keys = (entity.node["metadata"]?.pairs ?? []).flatMap { namespace, value in [namespace] + (value.pairs ?? []).map(\.key) }
            var reported: Set<String> = []
            return keys.compactMap { key -> Finding? in
                guard let name = key.text, let group = filtered[name], !annotated.contains(name), reported.insert(name).inserted else { return nil }
                let reader = group.map { "group '\($0)'" } ?? "a group"
                return finding(key, "'\(name)' is metadata here, but \(reader) filters on annotation.\(name): metadata is not indexed, so the filter never sees it",
                               fix: "Record '\(name)' as an annotation")
            }
        }
    }
}
