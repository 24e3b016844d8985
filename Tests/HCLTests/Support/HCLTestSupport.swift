import Foundation
import TestProcesses
import Testing
@testable import HCL

/// Helpers for the HCL tests: parsing that fails the test with the diagnostic, and the external
/// tools the oracle tests compare with. (The XRayKit tests have their own; test targets cannot
/// share code.)
enum HCLTestSupport {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let cases = repoRoot.appendingPathComponent("Tests/HCLTests/Fixtures/cases")

    static let corpus = repoRoot.appendingPathComponent("Tests/HCLTests/Fixtures/corpus")

    /// The corpus's `.tf` and `.tfvars` files, relative to `corpus`, sorted.
    static var corpusFiles: [String] {
        let walker = FileManager.default.enumerator(atPath: corpus.path)
        var found: [String] = []
        while let name = walker?.nextObject() as? String {
            if name.hasSuffix(".tf") || name.hasSuffix(".tfvars") { found.append(name) }
        }
        return found.sorted()
    }

    /// The sample files, by name.
    static var caseFiles: [(name: String, text: String)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: cases.path)) ?? []).filter { $0.hasSuffix(".tf") }.sorted()
        return names.compactMap { name in
            (try? String(contentsOf: cases.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }

    static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> HCLBody {
        switch HCLFile.parse(text: text, path: "test.tf") {
        case .success(let file): return file.body
        case .failure(let error):
            Issue.record("unexpected parse error \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    static func expression(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> HCLExpression {
        switch HCLFile.parseExpression(text: text) {
        case .success(let expression): return expression
        case .failure(let error):
            Issue.record("unexpected parse error in \(text): \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The parse error of `text`, or nil when it parses.
    static func parseError(_ text: String) -> HCLDiagnostic? {
        if case .failure(let error) = HCLFile.parse(text: text, path: "test.tf") { return error }
        return nil
    }

    /// CI=true turns "tool missing, skipped" into a failure: CI must run every check.
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func which(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    struct ProcessResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program with `input` on its standard input (closed after it) and collects its output.
    /// Output goes to files, not pipes, so a full pipe never blocks the child; and the test awaits
    /// the child's exit instead of holding one of the cooperative pool's threads (one per core)
    /// with `waitUntilExit` while terraform or python3 runs.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil, in folder: URL? = nil,
                    environment: [String: String] = [:]) async throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let outputs = try temporaryFolder("run")
        defer { remove(outputs) }
        let outURL = outputs.appendingPathComponent("out"), errURL = outputs.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let stdin = Pipe()
        process.standardInput = stdin
        // Installed before the launch, so an exit however early is not missed.
        let exit = ProcessExit(process)
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        await exit.wait()
        // Read once the child has ended: everything it wrote is in the files by then.
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                             stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    /// Whether a short program exits 0, for a one-time probe a static property holds, where nothing
    /// can await (a trait's condition is built synchronously). It blocks the calling thread until
    /// the program ends, so it is for such probes only, never for a test.
    static func probeSucceeds(_ executable: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// A temporary folder, removed by `remove()` (call it in a `defer`).
    static func temporaryFolder(_ tag: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xrayctl-hcltests-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func remove(_ url: URL) { try? FileManager.default.removeItem(at: url) }
}

/// python3 with python-hcl2 (pinned in requirements-test.txt).
enum PythonHCL2 {
    static let missing: String? = {
        guard let python = HCLTestSupport.which("python3") else { return "python3 is not on PATH" }
        guard HCLTestSupport.probeSucceeds(python, ["-c", "import hcl2"]) else {
            return "python packages missing: python-hcl2 (pip install -r requirements-test.txt)"
        }
        return nil
    }()

    /// Skipped with the reason when missing, except in CI, where the test runs and `require` fails it.
    static var available: ConditionTrait {
        .enabled(if: missing == nil || HCLTestSupport.inCI, Comment(rawValue: missing ?? ""))
    }

    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(missing == nil, Comment(rawValue: missing ?? ""), sourceLocation: sourceLocation)
    }
}

/// The terraform CLI, run offline with an empty CLI configuration and no update check.
enum TerraformCLI {
    static let binary: String? = HCLTestSupport.which("terraform")
    static let missingReason = "terraform is not on PATH (the oracle tests run `terraform console` and `terraform fmt` offline)"

    static var available: ConditionTrait {
        .enabled(if: binary != nil || HCLTestSupport.inCI, Comment(rawValue: missingReason))
    }

    static func run(_ arguments: [String], input: String? = nil, in folder: URL) async throws -> HCLTestSupport.ProcessResult {
        let terraform = try #require(binary, Comment(rawValue: missingReason))
        let configuration = folder.appendingPathComponent(".terraformrc")
        if !FileManager.default.fileExists(atPath: configuration.path) { try Data().write(to: configuration) }
        return try await HCLTestSupport.run(terraform, arguments, input: input, in: folder,
                                      environment: ["TF_CLI_CONFIG_FILE": configuration.path, "CHECKPOINT_DISABLE": "1",
                                                    "TF_IN_AUTOMATION": "1"])
    }
}
