import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Each emitter answers for every resource of a setup; what the template and `terraform/` hold and
/// the steps the README leaves to the CLI are those answers.
@Suite struct SetupResourceTests {
    @Test func whatAnOutputCannotExpressIsLeftToTheCLIWithItsReason() throws {
        let url = TestSupport.path("Tests/XRayKitTests/Fixtures/models/groups-split.yaml")
        let model = try ModelDecoder.decode(TestSupport.read(url) ?? "", file: "groups-split.yaml").model
        let context = GenerationContext(model: model, placeholders: true)
        let setup = Generator.plan(context)
        let template = try #require(CloudFormationGenerator(context: context).render(setup))
        let terraform = try #require(TerraformGenerator(context: context).render(setup))
        var groups = 0
        for (index, resource) in setup.resources.enumerated() {
            guard case .group(_, _, let account) = resource else { continue }
            // The model's account in the template and Terraform; the central account's with the CLI.
            #expect(template.remaining.indices.contains(index) == (account != nil))
            #expect(terraform.remaining.indices.contains(index) == (account != nil))
            groups += 1
        }
        #expect(groups == 4)
        #expect(template.remaining.reasons.count == template.remaining.indices.count)
        #expect(template.remaining.reasons.contains { $0.contains("account 444455556666") })
        #expect(template.remaining.reasons.contains { $0.contains("function exists already") })
        #expect(template.holds.contains("groups") && terraform.holds.contains("groups"))
    }
}
