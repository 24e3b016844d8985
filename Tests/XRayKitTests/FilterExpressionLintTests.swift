import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayRules
@testable import XRayViews

/// XR612 where rule examples cannot reach: Terraform (`.tf` and plans), get-groups output, and the
/// doctor flags that use the parser's neighbours.
@Suite struct FilterExpressionLintTests {
    let scratch = TestSupport.TemporaryFolder()

    @Test func terraformSourcePlacesTheErrorInsideTheString() throws {
        let text = """
            resource "aws_xray_group" "slow" {
              group_name        = "slow"
              filter_expression = "service(\\"api\\") { fault } AND ↓fualt"
            }

            """
        let line = try #require(text.split(separator: "\n").firstIndex { $0.contains("↓") })
        let column = try #require(text.split(separator: "\n")[line].firstIndex(of: "↓")).utf16Offset(in: text.split(separator: "\n")[line]) + 1
        let folder = scratch.url.appendingPathComponent("tf")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.replacingOccurrences(of: "↓", with: "").utf8).write(to: folder.appendingPathComponent("main.tf"))
        let documents = try FileCollector.gather([folder.path]).documents
        let findings = Linter.lint(documents, options: LintOptions(enabledOnly: ["XR612"], today: RuleExampleTests.today))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.message == "group 'slow': invalid X-Ray filter expression: unknown keyword 'fualt'; did you mean 'fault'?")
        #expect(finding.location.line == line + 1 && finding.location.column == column, "\(finding.location)")
    }

    @Test func terraformPlanAndGetGroupsOutput() throws {
        let plan: [String: Any] = ["format_version": "1.2", "planned_values": ["root_module": ["resources": [
            ["address": "aws_xray_group.slow", "mode": "managed", "type": "aws_xray_group", "name": "slow",
             "values": ["group_name": "slow", "filter_expression": "responsetime >> 5"]],
        ]]]]
        let data = try JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys])
        let text = String(decoding: data, as: UTF8.self)
        let documents = DocumentLoader.loadAll(path: "plan.json", data: data)
        #expect(documents.first?.kind == .terraformPlan)
        let findings = Linter.lint(documents, options: LintOptions(enabledOnly: ["XR612"], today: RuleExampleTests.today))
        let finding = try #require(findings.first)
        #expect(finding.message.contains("expected a value after '>'"))
        let expression = try #require(text.range(of: "responsetime >> 5"))
        #expect(finding.location.column == text.distance(from: text.startIndex, to: expression.lowerBound) + 1 + "responsetime >".count)

        let groups = #"{"Groups": [{"GroupName": "ok", "GroupARN": "arn:aws:xray:us-east-1:123456789012:group/ok/1", "FilterExpression": "fault"}, {"GroupName": "bad", "FilterExpression": "http.status CONTAINS 5"}]}"#
        let output = DocumentLoader.loadAll(path: "groups.json", data: Data(groups.utf8))
        #expect(output.first?.kind == .xrayGroups)
        let outputFindings = Linter.lint(output, options: LintOptions(enabledOnly: ["XR612"], today: RuleExampleTests.today))
        #expect(outputFindings.map(\.message) == ["group 'bad': invalid X-Ray filter expression: 'CONTAINS' does not apply to a number keyword; use =, !=, <, <=, >, >="])
    }

    /// A security group's create input has a GroupName too; it is not an X-Ray group.
    @Test func otherGroupNamesAreNotXRayGroups() {
        let documents = DocumentLoader.loadAll(path: "sg.json", data: Data(#"{"GroupName": "web", "Description": "web servers"}"#.utf8))
        #expect(documents.first?.kind != .xrayGroups)
    }

    @Test func doctorFlagsNeedWhatTheyChange() async throws {
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary was not built beside the tests")
        for (arguments, message) in [(["--verify"], "add --aws"), (["--seen"], "add --aws"), (["--aws", "--direct"], "add --verify"),
                                     (["--aws", "--seen", "--since", "25h"], "at most 24h"), (["--aws", "--seen", "--since", "soon"], "--since must be")] {
            let result = try await TestSupport.run(binary, ["doctor"] + arguments, in: scratch.url)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
    }
}
