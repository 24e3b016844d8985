import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct ArtifactWriterTests {
    let folder = TestSupport.TemporaryFolder()
    var directory: URL { folder.url }
    var writer: ArtifactWriter { ArtifactWriter(directory: directory) }

    func contents(_ path: String) -> String? { TestSupport.read(directory.appendingPathComponent(path)) }

    func write(_ path: String, _ text: String) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    let v1 = [GeneratedFile("a/x.json", "1\n"), GeneratedFile("b.json", "2\n")]

    @Test func writesFilesAndManifest() throws {
        let report = try writer.write(v1, force: false)
        #expect(report.written == ["a/x.json", "b.json"])
        #expect(contents("a/x.json") == "1\n")
        let manifest = try #require(contents(ArtifactWriter.manifestName))
        #expect(manifest.contains(ArtifactWriter.sha256(Data("1\n".utf8))))
        #expect(try writer.drift(v1) == [])
    }

    @Test func secondRunChangesNothing() throws {
        _ = try writer.write(v1, force: false)
        let report = try writer.write(v1, force: false)
        #expect(report.written.isEmpty && report.removed.isEmpty)
        #expect(report.unchanged == ["a/x.json", "b.json"])
    }

    @Test func rewritesItsOwnFilesAndRemovesStaleOnes() throws {
        _ = try writer.write(v1, force: false)
        let report = try writer.write([GeneratedFile("a/x.json", "changed\n")], force: false)
        #expect(report.written == ["a/x.json"])
        #expect(report.removed == ["b.json"])
        #expect(contents("b.json") == nil)
        #expect(contents("a/x.json") == "changed\n")
    }

    @Test func removesFoldersItEmptied() throws {
        _ = try writer.write(v1, force: false)
        _ = try writer.write([GeneratedFile("b.json", "2\n")], force: false)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("a").path))
    }

    @Test func refusesToOverwriteForeignOrEditedFilesAndWritesNothing() throws {
        try write("b.json", "a person's file\n")
        #expect(throws: ArtifactWriter.WriteError.wouldOverwrite(["b.json"])) { try writer.write(v1, force: false) }
        #expect(contents("a/x.json") == nil, "nothing is written when one file conflicts")
        #expect(contents(ArtifactWriter.manifestName) == nil)

        try FileManager.default.removeItem(at: directory.appendingPathComponent("b.json"))
        _ = try writer.write(v1, force: false)
        try write("a/x.json", "edited by hand\n")
        #expect(throws: ArtifactWriter.WriteError.wouldOverwrite(["a/x.json"])) { try writer.write(v1.reversed(), force: false) }
        // An edited file that is no longer generated is not removed either.
        #expect(throws: ArtifactWriter.WriteError.wouldOverwrite(["a/x.json"])) { try writer.write([v1[1]], force: false) }
        #expect(contents("a/x.json") == "edited by hand\n")
    }

    @Test func forceOverwrites() throws {
        try write("b.json", "a person's file\n")
        let report = try writer.write(v1, force: true)
        #expect(report.written == ["a/x.json", "b.json"])
        #expect(contents("b.json") == "2\n")
    }

    @Test func identicalForeignFileIsAdopted() throws {
        try write("b.json", "2\n")
        let report = try writer.write(v1, force: false)
        #expect(report.unchanged == ["b.json"])
    }

    @Test func driftListsEveryDifference() throws {
        _ = try writer.write(v1, force: false)
        try write("a/x.json", "edited\n")
        let drift = try writer.drift([GeneratedFile("a/x.json", "1\n"), GeneratedFile("c.json", "3\n")])
        #expect(drift == ["differs: a/x.json", "missing: c.json", "no longer generated: b.json"])
    }

    @Test func unreadableManifestIsAnError() throws {
        try write(ArtifactWriter.manifestName, "not json")
        #expect(throws: ArtifactWriter.WriteError.self) { try writer.write(v1, force: false) }
    }

    @Test func leavesNoTemporaryFiles() throws {
        _ = try writer.write(v1, force: false)
        #expect(TestSupport.files(under: directory) == [ArtifactWriter.manifestName, "a/x.json", "b.json"])
    }
}

/// `generate --check` prints unified diffs; `patch` (GNU) applying them must turn the old text into the new.
@Suite struct UnifiedDiffTests {
    @Test func patchAppliesEveryDiff() async throws {
        let patch = try #require(TestSupport.which("patch"), "GNU patch checks the diffs")
        var random = RobustnessTests.SeededGenerator(state: 11)
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        for round in 0..<60 {
            let old = (0..<Int(random.next() % 30)).map { "line \($0 % 7)" }
            var new = old
            for _ in 0..<(1 + Int(random.next() % 5)) {
                let at = new.isEmpty ? 0 : Int(random.next() % UInt64(new.count + 1))
                switch random.next() % 3 {
                case 0: new.insert("added \(round)-\(at)", at: at)
                case 1 where !new.isEmpty: new.remove(at: min(at, new.count - 1))
                default: if !new.isEmpty { new[min(at, new.count - 1)] = "changed \(round)" }
                }
            }
            let oldText = old.map { $0 + "\n" }.joined(), newText = new.map { $0 + "\n" }.joined()
            let diff = UnifiedDiff.render(old: oldText, new: newText, path: "f.txt")
            if oldText == newText { #expect(diff.isEmpty); continue }
            let file = work.appendingPathComponent("f.txt"), patchFile = work.appendingPathComponent("f.diff")
            try Data(oldText.utf8).write(to: file)
            try Data(diff.utf8).write(to: patchFile)
            let result = try await TestSupport.run(patch, ["--quiet", "--force", file.path, patchFile.path])
            #expect(result.status == 0, "round \(round): \(result.stdout) \(result.stderr)\n\(diff)")
            #expect(TestSupport.read(file) == newText, "round \(round)\n\(diff)")
        }
    }

    @Test func checkPrintsWhatWouldChange() async throws {
        let binary = try #require(TestSupport.xrayctl)
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let model = TestSupport.path("examples/scorekeep/xray.yaml").path
        #expect(try await TestSupport.run(binary, ["generate", model, "--out", work.path]).status == 0)
        let readme = work.appendingPathComponent("README.md")
        try Data((TestSupport.read(readme) ?? "").replacingOccurrences(of: "# X-Ray setup for scorekeep", with: "# edited").utf8).write(to: readme)
        let check = try await TestSupport.run(binary, ["generate", model, "--out", work.path, "--check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("--- a/README.md\n+++ b/README.md\n@@ -1,"))
        #expect(check.stdout.contains("\n-# edited\n+# X-Ray setup for scorekeep\n"))
    }
}
