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

    /// Two `xrayctl` processes write the same bytes for every model, and lint every example to the
    /// same report. Two processes, not two calls in one: Swift seeds its hashing per process, so
    /// output that follows a dictionary's or a set's order differs only between processes.
    @Test func generationIsDeterministicAcrossProcesses() async throws {
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary is built beside the tests")
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let models = TestSupport.allModels
        for model in models {
            let files = try TestSupport.generate(modelAt: model.url)
            #expect(files.allSatisfy { $0.contents.hasSuffix("\n") }, "\(model.name): every file ends with a newline")
        }
        // Each pass is one process per model; the two passes run side by side.
        let passes = try await withThrowingTaskGroup(of: [TestSupport.ProcessResult].self) { group in
            for pass in ["first", "second"] {
                group.addTask {
                    var results: [TestSupport.ProcessResult] = []
                    for (index, model) in models.enumerated() {
                        results.append(try await TestSupport.run(binary, ["generate", model.url.path, "-o", root.appendingPathComponent("\(pass)/\(index)").path, "-q"]))
                    }
                    return results + [try await TestSupport.run(binary, ["lint", TestSupport.path("examples").path, "-f", "json", "-o", "-"])]
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for pass in passes {
            // generate exits 0; lint 1, for the broken examples' findings.
            #expect(pass.dropLast().allSatisfy { $0.status == 0 } && pass.last?.status == 1, "\(pass.map { "\($0.status): \($0.stderr)" })")
        }
        #expect(passes[0].last?.stdout == passes[1].last?.stdout, "two processes linted examples/ to different reports")
        #expect(passes[0].last?.stdout.contains("\"rule\"") == true, "the lint report has findings to compare")
        let first = root.appendingPathComponent("first"), second = root.appendingPathComponent("second")
        for (index, model) in models.enumerated() {
            let a = first.appendingPathComponent("\(index)"), b = second.appendingPathComponent("\(index)")
            let paths = TestSupport.files(under: a)
            #expect(!paths.isEmpty && paths == TestSupport.files(under: b), "\(model.name): the two processes wrote different files")
            for path in paths {
                #expect(TestSupport.read(a.appendingPathComponent(path)) == TestSupport.read(b.appendingPathComponent(path)),
                        "\(model.name): \(path) differs between two processes")
            }
        }
    }
}
