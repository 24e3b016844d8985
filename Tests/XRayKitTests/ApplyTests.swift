import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Every example, template and fixture, generated and then applied the way its README says: each
/// `aws` command with the real AWS CLI against a moto server and, for the examples, also
/// `aws cloudformation deploy` of the template plus the remaining steps; the end state is then
/// checked through the API (Conformance/apply_readme.py). Templates and fixtures take the CLI route
/// only: the stack route runs the same generators' templates in the examples, and doubling it for
/// every fixture was a third of the test run. A deliberately broken setup must be caught, so the
/// check can fail.
@Suite(.tags(.slow), PythonTools.available(PythonTools.apply))
struct ApplyTests {
    @Test func everyReadmeAppliesAndLeavesTheStateItPromises() async throws {
        try PythonTools.require(PythonTools.apply)
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var pairs: [(routes: String, model: String, out: String)] = []
        for (index, model) in TestSupport.allModels.enumerated() {
            let out = root.appendingPathComponent("\(index)")
            _ = try ArtifactWriter(directory: out).write(try TestSupport.generate(modelAt: model.url), force: false)
            pairs.append((model.name.hasPrefix("examples/") ? "both" : "cli", model.url.path, out.path))
        }
        // The broken one: a task without logs, and a README that forgets a function role's policy.
        let scorekeep = TestSupport.path("examples/serverless/xray.yaml")
        let broken = root.appendingPathComponent("broken")
        _ = try ArtifactWriter(directory: broken).write(try TestSupport.generate(modelAt: scorekeep), force: false)
        let readme = broken.appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        try text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("--policy-document file://create-booking/role-policy.json") }
            .joined(separator: "\n").write(to: readme, atomically: true, encoding: .utf8)
        pairs.append(("both", scorekeep.path, broken.path))

        // Two parts in two processes, each with its own moto server and warm `aws`: a part keeps one
        // core busy (its moto server in-process, the CLI's forks), so on two cores two parts take half
        // the time of one, and four took as long as two with a tenth more CPU (their servers' start).
        let parts = (0..<2).map { part in pairs.enumerated().filter { $0.offset % 2 == part }.map(\.element) }
        let script = TestSupport.path("Tests/XRayKitTests/Conformance/apply_readme.py").path
        let python = try #require(TestSupport.which("python3"))
        let results = try await withThrowingTaskGroup(of: TestSupport.ProcessResult.self) { group in
            for part in parts {
                group.addTask {
                    try await TestSupport.run(python, ["-W", "ignore", script] + part.flatMap { [$0.routes, $0.model, $0.out] }, takesASlot: false)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var report: [String: [String]] = [:]
        for result in results {
            #expect(result.status == 0, "apply_readme.py failed: \(result.stderr.suffix(2000))")
            let half = try JSONDecoder().decode([String: [String]].self, from: Data(result.stdout.utf8))
            report.merge(half) { first, second in first + second }
        }
        #expect(pairs.filter { $0.routes == "both" }.count > 5, "the examples take both routes")
        // The report is by output folder: the serverless example is applied twice, clean and broken.
        for (_, model, out) in pairs.dropLast() {
            #expect(report[out]?.isEmpty == true, "\(model): \(report[out] ?? ["not run"])")
        }
        // Only the broken run may complain, and must.
        let serverless = report[broken.path] ?? ["not run"]
        #expect(serverless.contains { $0.contains("function bookings-create's role may not upload traces") }, "\(serverless)")
        #expect(serverless.allSatisfy { $0.contains("bookings-create") }, "\(serverless)")
    }
}
