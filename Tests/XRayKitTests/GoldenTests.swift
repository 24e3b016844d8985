import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Every example, template and fixture model generates exactly its committed output.
/// Re-record with `XRAYCTL_RECORD=golden swift test` and review the diff.
@Suite struct GoldenTests {
    /// Where a model's expected output lives: `examples/NAME/generated`, or under Tests/…/Golden.
    static func goldenDirectory(for name: String) -> URL {
        if name.hasPrefix("examples/") { return TestSupport.path("\(name)/generated") }
        let stem = name.replacingOccurrences(of: ".yaml", with: "")
            .replacingOccurrences(of: "Tests/XRayKitTests/Fixtures/models/", with: "fixtures/")
        return TestSupport.path("Tests/XRayKitTests/Golden/\(stem)")
    }

    @Test(arguments: TestSupport.allModels.map(\.name))
    func generatedOutputMatchesGoldenFiles(name: String) throws {
        let model = try #require(TestSupport.allModels.first { $0.name == name })
        let files = try TestSupport.generate(modelAt: model.url)
        let actual = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: actual) }
        _ = try ArtifactWriter(directory: actual).write(files, force: false)

        let golden = Self.goldenDirectory(for: name)
        let recorded = try TestSupport.record(.golden, "the output of \(name)") {
            try? FileManager.default.removeItem(at: golden)
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: actual, to: golden)
        }
        guard !recorded else { return }
        let expectedPaths = TestSupport.files(under: golden)
        #expect(TestSupport.files(under: actual) == expectedPaths, "file list differs from \(golden.path); re-record with XRAYCTL_RECORD=golden")
        #expect(!expectedPaths.isEmpty, "no golden files for \(name); record them with XRAYCTL_RECORD=golden swift test")
        for path in expectedPaths {
            let expected = TestSupport.read(golden.appendingPathComponent(path))
            let produced = TestSupport.read(actual.appendingPathComponent(path))
            #expect(produced == expected, "\(name): \(path) differs from the golden file")
        }
    }

    @Test func generationIsDeterministic() throws {
        for model in TestSupport.allModels {
            let first = try TestSupport.generate(modelAt: model.url)
            let second = try TestSupport.generate(modelAt: model.url)
            #expect(first == second, "\(model.name) generated different bytes twice")
            #expect(first.allSatisfy { $0.contents.hasSuffix("\n") }, "\(model.name): every file ends with a newline")
        }
    }
}
