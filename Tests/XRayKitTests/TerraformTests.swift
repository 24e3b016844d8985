import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// `terraform/` holds what `cloudformation.yaml` holds: every `.tf` parses with python-hcl2, roles,
/// policies, task definitions and the rest equal the template's (Conformance/terraform_check.py),
/// and checkov finds nothing beyond the checks listed here with the reason they stay.
@Suite(.tags(.slow), PythonTools.available(PythonTools.terraform))
struct TerraformConformanceTests {
    /// checkov checks that fail on purpose, and why.
    static let acceptedCheckovFailures: [String: String] = [
        "CKV_AWS_158": "log groups use CloudWatch Logs' own encryption at rest; a KMS key is the user's choice (and needs its key policy)",
        "CKV_AWS_338": "retention is the model's logs.retention_days (30 by default): a year of logs is a cost decision",
        "CKV_AWS_336": "a read-only root filesystem is for the user's app images to allow; xrayctl cannot know what they write",
    ]

    struct Report: Decodable {
        var checked: [String]
        var problems: [String]
        var checkov: [[String]]
    }

    @Test(PythonTools.checkovAvailable)
    func terraformMatchesTheTemplateAndPassesCheckov() async throws {
        try PythonTools.require(PythonTools.terraform)
        let checkov = try #require(PythonTools.checkov, Comment(rawValue: PythonTools.checkovMissing))
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // Whatever a template can hold, Terraform holds too: the script reports a template without
        // terraform/ beside it unless every resource in it is one no Terraform resource holds
        // (Application Signals' discovery), and compares the two wherever both exist. Terraform may
        // hold more (managed policies attached to an existing role by name).
        var withTerraform = 0
        for (index, model) in TestSupport.allModels.enumerated() {
            let files = try TestSupport.generate(modelAt: model.url)
            _ = try ArtifactWriter(directory: root.appendingPathComponent("\(index)")).write(files, force: false)
            let paths = files.map(\.path)
            if paths.contains("terraform/main.tf") { withTerraform += 1 }
            if paths.contains("account/terraform/main.tf") { withTerraform += 1 }
        }
        let script = TestSupport.path("Tests/XRayKitTests/Conformance/terraform_check.py").path
        let result = try await TestSupport.run(TestSupport.which("python3")!, [script, checkov, root.path])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.checked.count == withTerraform)
        #expect(report.problems == [])
        let unexpected = report.checkov.filter { Self.acceptedCheckovFailures[$0[0]] == nil }
        #expect(unexpected.isEmpty, "checkov: \(unexpected)")
        #expect(!report.checkov.isEmpty, "checkov reported nothing at all: did it scan the files?")
    }

    /// The comparison itself must notice a difference, or the test above proves nothing.
    @Test func theComparisonNoticesADifference() async throws {
        try PythonTools.require(PythonTools.terraform)
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let setup = root.appendingPathComponent("scorekeep")
        _ = try ArtifactWriter(directory: setup).write(try TestSupport.generate(modelAt: TestSupport.path("examples/scorekeep/xray.yaml")), force: false)
        let main = setup.appendingPathComponent("terraform/main.tf")
        let text = try String(contentsOf: main, encoding: .utf8)
        try text.replacingOccurrences(of: "\"xray:PutTelemetryRecords\",", with: "").write(to: main, atomically: true, encoding: .utf8)
        let script = TestSupport.path("Tests/XRayKitTests/Conformance/terraform_check.py").path
        let result = try await TestSupport.run(TestSupport.which("python3")!, [script, "-", root.path])
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.problems.contains { $0.contains("roles differ") }, "\(report.problems)")
    }
}
