import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct FilteredAnnotationNeverSet: LintRule {
    package static let description = RuleDescription(
        id: "XR706", name: "filtered-annotation-never-set", severity: .info,
        summary: "A group's filter expression reads `annotation.KEY`, and none of the segment documents linted beside it sets that annotation.",
        rationale: "A group selects traces by what X-Ray indexed, and only annotations are indexed: a filter on an annotation the application never sets selects nothing, so the group's graph and metrics stay empty without any error. Reported only when segment documents are linted with the group, and as info: other services may set the key.",
        sources: [.filterExpressions, .segmentDocuments],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Tenants:
                    Type: AWS::XRay::Group
                    Properties:
                      GroupName: blue
                      FilterExpression: ↓annotation.tenant = "blue"

                """, with: [("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"annotations\": {\"tenant_id\": \"blue\"}}\n")]),
            RuleExample("template.yaml", """
                Resources:
                  Tenants:
                    Type: AWS::XRay::Group
                    Properties:
                      GroupName: blue
                      FilterExpression: annotation.tenant_id = "blue"

                """, with: [("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"annotations\": {\"tenant_id\": \"blue\"}}\n")]),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        guard !run.segmentDocuments.isEmpty else { return [] }
        let set = run.segmentAnnotationKeys
        return run.filterAnnotationUses.filter { !set.contains($0.key) }.map { use in
            let group = use.group.map { "group '\($0)' filters" } ?? "a group filters"
            return Self.finding(at: use.location, pointer: use.pointer,
                                "\(group) on annotation '\(use.key)', which no segment linted here sets\(Suggestion.didYouMean(use.key, in: set.sorted()))",
                                fix: "Set the annotation in the code (putAnnotation/put_annotation), or filter on a key the segments set")
        }
    }
}
