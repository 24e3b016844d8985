import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Transaction Search for a project xrayctl did not generate: a model without services, and
/// `xrayctl generate transaction-search` from flags.
@Suite struct TransactionSearchArtifactTests {
    static let fixture = "Tests/XRayKitTests/Fixtures/models/transaction-search-account.yaml"

    func decode(_ text: String) throws -> XRayModel {
        try ModelDecoder.decode(text, file: "xray.yaml").model
    }

    /// `services` absent, empty or null is an account-level model when Transaction Search is set;
    /// without it the model still needs services.
    @Test func aModelWithoutServicesIsAccountLevelOnlyWithTransactionSearch() throws {
        let head = "version: 1\nproject: shop\nregion: eu-west-1\n"
        for services in ["", "services: []\n", "services:\n"] {
            let model = try decode(head + services + "traces: {transaction_search: {}}\n")
            #expect(model.services.isEmpty)
            #expect(Generator.generate(model).contains { $0.path == "transaction-search/segment-destination.json" })
        }
        for (text, message) in [(head, "the required key 'services'"), (head + "services: []\n", "services is empty"),
                                (head + "services: []\ntraces: {export: xray-api}\n", "services is empty")] {
            do {
                _ = try ModelDecoder.decode(text, file: "xray.yaml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.diagnostics.contains { $0.message.contains(message) }, "\(error.diagnostics)")
            }
        }
    }

    /// The flags give the files the model path gives for the same account-level model.
    @Test func flagsGiveTheModelPathsFiles() throws {
        var request = SingleArtifact.Request()
        request.region = "eu-west-1"
        request.account = "123456789012"
        let fromFlags = try TransactionSearchArtifact.files(request, indexingPercentage: 5)
        let fromModel = try TestSupport.generate(modelAt: TestSupport.path(Self.fixture))
        #expect(fromFlags == fromModel)
        #expect(Set(fromFlags.map(\.path)).isSuperset(of: ["transaction-search/segment-destination.json", "transaction-search/indexing-rule.json",
                                                           "transaction-search/logs-resource-policy.json", "transaction-search/enable-permissions.json",
                                                           "account/cloudformation.yaml", "account/terraform/main.tf", "README.md"]))
        let indexing = try #require(fromFlags.first { $0.path == "transaction-search/indexing-rule.json" })
        #expect(indexing.contents.contains("\"DesiredSamplingPercentage\": 5"))
        // No agent runs in an account-level setup: its README does not speak of one.
        let readme = try #require(fromFlags.first { $0.path == "README.md" })
        #expect(!readme.contents.contains("agent.kind"))
    }

    /// The command prints every file, or writes them with -o; a flag the model refuses is named
    /// as the flag (exit 64).
    @Test func theCommandPrintsOrWritesAndNamesBadFlags() async throws {
        let binary = try #require(TestSupport.xrayctl)
        let printed = try await TestSupport.run(binary, ["generate", "transaction-search", "--region", "eu-west-1", "--indexing-percentage", "5"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("==> transaction-search/indexing-rule.json <==\n{"))
        #expect(printed.stdout.contains("aws xray update-trace-segment-destination --region eu-west-1"))

        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("ts")
        let written = try await TestSupport.run(binary, ["generate", "transaction-search", "--region", "eu-west-1", "--account", "123456789012", "-o", out.path])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("wrote \(out.path)/transaction-search/logs-resource-policy.json"))
        #expect((TestSupport.read(out.appendingPathComponent("transaction-search/logs-resource-policy.json")) ?? "").contains("123456789012"))
        let again = try await TestSupport.run(binary, ["generate", "transaction-search", "--region", "eu-west-1", "--account", "123456789012", "-o", out.path])
        #expect(again.stdout.contains("is up to date"))

        for (flags, message) in [(["--indexing-percentage", "150"], "error: --indexing-percentage must be between 0.0 and 100.0, found 150.0\n"),
                                 (["--region", "mars-1"], "error: --region 'mars-1' is not an AWS region code (such as us-east-2)\n"),
                                 (["--account", "12"], "error: --account must be a 12-digit AWS account ID (quote it to keep leading zeros), found '12'\n"),
                                 (["--project", "a b"], "error: --project 'a b' must be 1-24 letters, digits and hyphens: it prefixes task families, role names and sampling rule names\n")] {
            let refused = try await TestSupport.run(binary, ["generate", "transaction-search"] + flags)
            #expect(refused.status == 64, "\(flags)")
            #expect(refused.stderr == message, "\(refused.stderr)")
            #expect(refused.stdout.isEmpty)
        }
    }
}
