import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayRules
@testable import XRayViews

/// The `.tf` reader against Terraform itself: the same configuration linted as source and as the
/// offline plan `terraform show -json` prints (terraform with a local AWS provider, no credentials)
/// gives the same rules. Skipped, with the reason, where terraform or the provider is missing.
@Suite(.serialized) struct TerraformAgreementTests {
    static let provider = """
        provider "aws" {
          region                      = "us-east-1"
          skip_credentials_validation = true
          skip_requesting_account_id  = true
          skip_metadata_api_check     = true
          access_key                  = "x"
          secret_key                  = "y"
        }

        """

    static func rules(_ documents: [SourceDocument]) -> [String] {
        Array(Set(Linter.lint(documents, options: LintOptions(today: Date(timeIntervalSince1970: 1_790_000_000))).map(\.rule))).sorted()
    }

    static let configurations: [(String, String)] = [
        ("execution role only", TerraformSourceTests.fargateTask(attachTo: "execution")),
        ("task role", TerraformSourceTests.fargateTask(attachTo: "task")),
        ("daemon service", TerraformSourceTests.daemonTask(portMappings: "[{ containerPort = 2000, hostPort = 2000 }]")),
        ("traced function", TerraformSourceTests.tracedFunction(policy: "[\"logs:PutLogEvents\"]")),
        ("sampling rule", TerraformSourceTests.samplingRule(method: "\"GET, POST\"", rate: "5")),
        ("agent image", TerraformSourceTests.sidecar(image: "\"public.ecr.aws/xray/aws-xray-daemon\"")),
    ]

    @Test(TerraformTool.available, arguments: configurations.map(\.0))
    func sourceAndPlanAgree(_ name: String) async throws {
        let terraform = try #require(TerraformTool.binary), mirror = try #require(TerraformTool.mirror)
        let text = try #require(Self.configurations.first { $0.0 == name }?.1).replacingOccurrences(of: "↓", with: "")
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data((Self.provider + text).utf8).write(to: folder.appendingPathComponent("main.tf"))
        let source = Self.rules(try FileCollector.gather([folder.path]).documents)

        for arguments in [["init", "-input=false", "-plugin-dir", mirror], ["plan", "-input=false", "-refresh=false", "-lock=false", "-out", "plan.bin"]] {
            let result = try await TerraformTool.run(terraform, arguments, in: folder)
            guard result.status == 0 else {
                Issue.record("terraform \(arguments[0]) failed offline: \(result.stderr)")
                return
            }
        }
        let shown = try await TerraformTool.run(terraform, ["show", "-json", "plan.bin"], in: folder)
        let plan = DocumentLoader.loadAll(path: "plan.json", data: Data(shown.stdout.utf8))
        #expect(plan.first?.kind == .terraformPlan)
        #expect(source == Self.rules(plan), "\(name): .tf gives \(source), the plan \(Self.rules(plan))")
        #expect(!source.isEmpty || name == "task role")
    }
}
