import Foundation
import TestProcesses
import Testing
import XRayKit
import XRayCore
import XRayGenerate
import XRayRules
import XRaySampling
import XRayViews

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The repository root, found from this file's location.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> URL { repoRoot.appendingPathComponent(relative) }

    /// Compares text with a golden file, or records it with XRAYCTL_RECORD=golden.
    static func expectGolden(_ text: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let recorded = try record(.golden, url.lastPathComponent, sourceLocation: sourceLocation) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        guard !recorded else { return }
        let expected = read(url)
        #expect(expected != nil, "no golden file \(url.path); record it with XRAYCTL_RECORD=golden swift test", sourceLocation: sourceLocation)
        #expect(text == expected, "\(url.lastPathComponent) differs from the golden file; re-record with XRAYCTL_RECORD=golden after checking the change", sourceLocation: sourceLocation)
    }

    /// What `XRAYCTL_RECORD` may re-record instead of comparing: generated output (`golden`), the
    /// README's rule table and `docs/rules` (`docs`), the templates embedded in the binary
    /// (`templates`); a comma-separated list, or `all`.
    enum RecordKind: String, CaseIterable { case golden, docs, templates }

    static var recordRequest: Set<String> {
        Set((ProcessInfo.processInfo.environment["XRAYCTL_RECORD"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// Writes a file of `kind` when XRAYCTL_RECORD asks for it and returns true; the test then fails,
    /// so a recording run is never mistaken for a green one: review the diff and run the tests again.
    static func record(_ kind: RecordKind, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                       write: () throws -> Void) throws -> Bool {
        let request = recordRequest
        let known = Set(RecordKind.allCases.map(\.rawValue) + ["all"])
        if let unknown = request.subtracting(known).first {
            Issue.record("XRAYCTL_RECORD=\(unknown) is not one of \(known.sorted().joined(separator: ", "))", sourceLocation: sourceLocation)
        }
        guard request.contains(kind.rawValue) || request.contains("all") else { return false }
        try write()
        Issue.record("recorded \(what) (XRAYCTL_RECORD=\(kind.rawValue)): review the diff, then run swift test without it", sourceLocation: sourceLocation)
        return true
    }

    /// CI=true turns "tool missing, skipped" into a failure: CI must run every check.
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// A temporary directory that is removed when the test (the suite instance) that owns it ends.
    final class TemporaryFolder: Sendable {
        let url = TestSupport.temporaryDirectory()
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    static func temporaryDirectory(_ caller: String = #fileID, line: Int = #line) -> URL {
        let tag = "\(caller.split(separator: "/").last?.split(separator: ".").first ?? "")-\(line)"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xrayctl-tests-\(tag)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func read(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every regular file below a directory, as sorted relative paths.
    static func files(under root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let base = root.standardizedFileURL.path
        var paths: [String] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            paths.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }

    /// A model file's generated artifacts, decoded with the library.
    static func generate(modelAt url: URL) throws -> [GeneratedFile] {
        let text = read(url) ?? ""
        return Generator.generate(try ModelDecoder.decode(text, file: url.lastPathComponent).model)
    }

    /// Every model the tests generate from: examples, templates and fixtures, by a readable name.
    static var allModels: [(name: String, url: URL)] {
        var models: [(String, URL)] = []
        for example in (try? FileManager.default.contentsOfDirectory(atPath: path("examples").path)) ?? [] {
            let url = path("examples/\(example)/xray.yaml")
            if FileManager.default.fileExists(atPath: url.path) { models.append(("examples/\(example)", url)) }
        }
        for folder in ["templates", "Tests/XRayKitTests/Fixtures/models"] {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: path(folder).path)) ?? [] where file.hasSuffix(".yaml") {
                models.append(("\(folder)/\(file)", path("\(folder)/\(file)")))
            }
        }
        return models.sorted { $0.0 < $1.0 }
    }

    struct ProcessResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// What the xrayctl binary reads from its environment besides what a test sets on purpose: the
    /// terminal (help width, colour) and AWS, OpenTelemetry and xrayctl settings. A test must not
    /// pass or fail with the terminal or the shell of whoever runs it.
    static func isCallerSetting(_ name: String) -> Bool {
        ["COLUMNS", "LINES", "TERM", "NO_COLOR", "FORCE_COLOR"].contains(name)
            || ["CLICOLOR", "AWS_", "OTEL_", "XRAYCTL_"].contains { name.hasPrefix($0) }
    }

    /// The environment of a spawned xrayctl: the caller's without `isCallerSetting` variables, a fixed
    /// day before the X-Ray end of support (reports do not change with the calendar), then `extra`.
    static func xrayctlEnvironment(from caller: [String: String], _ extra: [String: String] = [:]) -> [String: String] {
        caller.filter { !isCallerSetting($0.key) }
            .merging(["XRAYCTL_TODAY": "2026-11-26"]) { _, new in new }
            .merging(extra) { _, new in new }
    }

    /// Runs a program and collects its output. The xrayctl binary gets `xrayctlEnvironment` (with
    /// `environment` on top); other programs (python3, git) the caller's environment and `environment`.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                    stdin: String? = nil, environment: [String: String] = [:],
                    callerEnvironment: [String: String] = ProcessInfo.processInfo.environment,
                    takesASlot: Bool = true) async throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = URL(fileURLWithPath: executable).lastPathComponent == "xrayctl"
            ? xrayctlEnvironment(from: callerEnvironment, environment)
            : callerEnvironment.merging(["XRAYCTL_TODAY": "2026-11-26"].merging(environment) { _, new in new }) { _, new in new }
        if let directory { process.currentDirectoryURL = directory }
        return try await run(process, stdin: stdin, takesASlot: takesASlot)
    }

    /// Runs a configured process with `stdin` as its input (else none) and collects its output.
    /// `takesASlot`: whether the child counts towards `ProcessSlots` (see there for which do not).
    static func run(_ process: Process, stdin: String? = nil, takesASlot: Bool = true) async throws -> ProcessResult {
        // Output goes to files, not pipes: a pipe that fills up would block the child forever.
        let outURL = temporaryDirectory().appendingPathComponent("out")
        let errURL = outURL.deletingLastPathComponent().appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL.deletingLastPathComponent()) }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if stdin == nil { process.standardInput = FileHandle.nullDevice }
        try await runToExit(process, stdin: stdin, takesASlot: takesASlot)
        // Read once the child has ended: everything it wrote is in the files by then.
        return ProcessResult(status: process.terminationStatus,
                             stdout: read(outURL) ?? "",
                             stderr: read(errURL) ?? "")
    }

    /// Starts a configured process, writes `stdin` to it (else leaves its input as set), and suspends until
    /// it exits. Tests run on Swift's cooperative pool, one thread per core: `waitUntilExit` would
    /// hold one of those threads for as long as the child runs (seconds, when it waits out a
    /// timeout), leaving the other tests fewer cores; awaiting its termination holds none.
    static func runToExit(_ process: Process, stdin: String? = nil, takesASlot: Bool = true) async throws {
        let slots = takesASlot ? ProcessSlots.shared : nil
        await slots?.take()
        do {
            // Installed before the launch, so an exit however early is not missed.
            let exit = ProcessExit(process)
            if let stdin {
                let input = Pipe()
                process.standardInput = input
                try process.run()
                input.fileHandleForWriting.write(Data(stdin.utf8))
                try input.fileHandleForWriting.close()
            } else {
                try process.run()
            }
            await exit.wait()
        } catch {
            await slots?.give()
            throw error
        }
        await slots?.give()
    }

    /// Runs a short program for a one-time probe a static property holds (which Python packages are
    /// installed), where nothing can await: a trait's condition is built synchronously. It blocks
    /// the calling thread until the program ends, so it is for those probes only, never for a test.
    static func probeOutput(_ executable: String, _ arguments: [String]) -> (status: Int32, stdout: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outURL = temporaryDirectory().appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: outURL.deletingLastPathComponent()) }
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              let output = try? FileHandle(forWritingTo: outURL) else { return nil }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        return (process.terminationStatus, read(outURL) ?? "")
    }

    /// The built `xrayctl` binary beside the test bundle.
    static var xrayctl: String? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        for folder in candidates {
            let binary = folder.appendingPathComponent("xrayctl").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        }
        return nil
    }

    /// The path of a program on PATH, or nil.
    static func which(_ program: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

extension TestSupport {
    /// Lints files given as (name, text) together, each named on the command line, on the rule
    /// examples' fixed day: the run most precision tests need.
    static func lint(_ files: [(String, String)]) -> [Finding] {
        Linter.lint(files.flatMap { DocumentLoader.loadAll(path: $0.0, data: Data($0.1.utf8)) }.map { document in
            var document = document
            document.explicitlyNamed = true
            return document
        }, options: LintOptions(today: RuleExampleTests.today))
    }
}
