import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidFilterExpression: LintRule {
    package static let description = RuleDescription(
        id: "XR612", name: "invalid-filter-expression", severity: .error,
        summary: "An X-Ray group's filter expression (`AWS::XRay::Group`, `aws_xray_group`, a create-group input) that is not the filter expression language: an unknown keyword, an operator its keyword does not take, an unclosed string, parenthesis or block.",
        rationale: "CreateGroup and UpdateGroup refuse an expression that does not parse, so the stack or `terraform apply` fails at the group; and a group whose expression X-Ray cannot qualify stops taking traces. The finding points at the character where the expression stops being valid. (A model's `groups:` are checked when the model is read.)",
        sources: [.filterExpressions, .groups, .createGroupAPI],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  SlowRequests:
                    Type: AWS::XRay::Group
                    Properties:
                      GroupName: slow
                      FilterExpression: responsetime > 5 AND ↓fualt

                """),
            RuleExample("template.yaml", """
                Resources:
                  SlowRequests:
                    Type: AWS::XRay::Group
                    Properties:
                      GroupName: slow
                      FilterExpression: responsetime > 5 AND fault

                """),
            RuleExample("group.json", "{\"GroupName\": \"api-faults\", \"FilterExpression\": \"service(\\\"api\\\") ↓{ }\"}\n"),
            RuleExample("group.json", "{\"GroupName\": \"api-faults\", \"FilterExpression\": \"service(\\\"api\\\") { fault } AND annotation.tenant = \\\"blue\\\"\"}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.groupFilters.compactMap { filter -> Finding? in
            guard filter.document.kind != .model, let text = filter.text else { return nil }
            do throws(FilterExpressionError) {
                _ = try FilterExpression.parse(text)
                return nil
            } catch {
                let group = filter.groupName.map { "group '\($0)': " } ?? ""
                return Self.finding(at: filter.location(at: error.offset), pointer: filter.node.pointer,
                                    "\(group)invalid X-Ray filter expression: \(error.message)")
            }
        }
    }
}
