import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct TemplateTests {
    static func templateFiles() throws -> [(name: String, contents: String)] {
        let folder = TestSupport.path("templates")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.map {
            (name: String($0.dropLast(5)), contents: TestSupport.read(folder.appendingPathComponent($0)) ?? "")
        }
    }

    /// The binary embeds templates/; this fails when the two drift apart.
    @Test func embeddedTemplatesAreFresh() throws {
        let source = Templates.embeddedSource(try Self.templateFiles())
        let path = TestSupport.path("Sources/XRayGenerate/Templates/EmbeddedTemplates.swift")
        guard try !TestSupport.record(.templates, "EmbeddedTemplates.swift", write: { try Data(source.utf8).write(to: path) }) else { return }
        #expect(TestSupport.read(path) == source,
                "EmbeddedTemplates.swift is stale: run XRAYCTL_RECORD=templates swift test to regenerate it from templates/")
    }

    @Test func everyTemplateIsEmbeddedWithItsSummary() throws {
        let files = try Self.templateFiles()
        #expect(Templates.all.map(\.name) == files.map(\.name).sorted())
        for template in Templates.all {
            #expect(!template.summary.isEmpty, "\(template.name) needs a first-line comment saying what it is for")
        }
    }

    @Test func everyPlatformAndAgentKindHasATemplate() throws {
        let texts = try Self.templateFiles().map(\.contents).joined(separator: "\n")
        for platform in Platform.allCases {
            #expect(texts.contains("platform: \(platform.rawValue)"), "no template uses \(platform.rawValue)")
        }
        for kind in AgentSpec.Kind.allCases {
            #expect(texts.contains("kind: \(kind.rawValue)"), "no template uses agent kind \(kind.rawValue)")
        }
    }
}
