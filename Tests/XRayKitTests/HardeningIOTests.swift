import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Files users hand xrayctl, doctor's network, and the GitHub Action: what a hostile server, a
/// concurrent edit, a huge file or a hostile workflow input can make of them.
@Suite struct HardeningIOTests {
    static let credentials = ["AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secretsecretsecret", "AWS_REGION": "us-east-1"]

    // MARK: doctor: hostile servers, measured in a child process

    /// What a run of the xrayctl binary cost: its exit status, peak resident memory and wall time.
    /// The binary is started by a small Python parent that forks it and reports its children's
    /// peak: a child spawned straight from this (large) test process starts its peak at ours,
    /// since Linux carries the parent's high-water mark into a vfork'd child at exec.
    struct Measured {
        var status: Int32
        var peakMB: Double
        var output: String
    }

    static func measure(_ arguments: [String], environment: [String: String]) throws -> Measured {
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary is built beside the tests")
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputPath = folder.appendingPathComponent("output").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let peakPath = folder.appendingPathComponent("peak").path
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? ProcessInfo.processInfo.environment["PATH"].flatMap { path in
                path.split(separator: ":").map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            }
        let python3 = try #require(python, "python3 measures the child's memory")
        let argv = ([python3, "-c", Self.peakReporter, peakPath, binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, python3, &actions, nil, argv, envp) == 0 else { throw POSIXError(.ENOEXEC) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let peakKB = try #require(TestSupport.read(URL(fileURLWithPath: peakPath)).flatMap { Double($0) }, "the peak was reported")
        return Measured(status: (status >> 8) & 0xFF, peakMB: peakKB / 1024,
                        output: TestSupport.read(URL(fileURLWithPath: outputPath)) ?? "")
    }

    /// Forks the binary from a small process, waits, writes its peak resident kilobytes to argv[1]
    /// and exits with its status.
    static let peakReporter = """
        import os, resource, sys
        pid = os.fork()
        if pid == 0:
            os.execv(sys.argv[2], sys.argv[2:])
        _, status = os.waitpid(pid, 0)
        open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
        sys.exit(os.waitstatus_to_exitcode(status))
        """

    /// doctor --aws with every call (the daemon's proxy and six AWS calls) sent to one server.
    static func doctorAgainst(_ listener: LoopbackListener, timeout: Double) throws -> Measured {
        let project = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let environment = HardeningTests.doctorEnvironment(credentials).merging(["PATH": "/usr/bin:/bin"]) { _, new in new }
        return try measure(["doctor", "--dir", project.path, "--aws", "--endpoint-url", "http://127.0.0.1:\(listener.port)",
                            "--daemon-address", "127.0.0.1:\(listener.port)", "--timeout", String(timeout)], environment: environment)
    }

    // How long these runs take (seven calls, none past --timeout) is wall time, which a loaded
    // machine stretches: Tests/Benchmarks/deadline_benchmark.py measures it.

    /// A server that streams as fast as loopback carries, with no length or with a huge one: doctor
    /// reads 4 MB at most per answer and refuses, so the run stays small and short. (Through
    /// FoundationNetworking's URLSession on Linux the same run peaked at hundreds of megabytes.)
    @Test(arguments: [nil, 1_000_000_000_000])
    func aServerThatStreamsCostsDoctorAtMostTheCap(announcing: Int?) throws {
        let listener = try LoopbackListener(tcp: .stream(chunk: 256 * 1024, interval: 0, announcing: announcing))
        defer { listener.stop() }
        let timeout = 2.0
        let run = try Self.doctorAgainst(listener, timeout: timeout)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains(announcing == nil ? "the answer is larger than 4 MB" : "the answer announces 1000000000000 bytes"), "\(run.output)")
        // Generous bounds: the binary alone takes about 40 MB; the failure took hundreds.
        #expect(run.peakMB < 100, "peak \(run.peakMB) MB")
    }

    /// A server that trickles for ever is cut at --timeout on every call.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["XRAYCTL_FAST"] != "1" || TestSupport.inCI, "XRAYCTL_FAST=1: seven timeouts skipped"))
    func aServerThatTricklesIsCutAtTheTimeout() throws {
        let listener = try LoopbackListener(tcp: .stream(chunk: 1, interval: 0.05))
        defer { listener.stop() }
        let timeout = 1.0
        let run = try Self.doctorAgainst(listener, timeout: timeout)
        #expect(run.output.contains("did not answer within 1.0 s"), "\(run.output)")
        #expect(run.peakMB < 100, "peak \(run.peakMB) MB")
    }

    // MARK: doctor: redirects and answers that are not JSON

    static func redirecting(to port: Int) throws -> LoopbackListener {
        try LoopbackListener(tcp: .respond { _ in
            "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:\(port)/elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        })
    }

    /// A signed call answered with a redirect fails with that message; the other host hears nothing.
    @Test func aRedirectIsNeverFollowedWithASignedRequest() async throws {
        let elsewhere = try LoopbackListener(tcp: .answer)
        let redirect = try Self.redirecting(to: elsewhere.port)
        defer { elsewhere.stop(); redirect.stop() }
        let result = await AccountChecks.run(.init(environment: HardeningTests.doctorEnvironment(Self.credentials),
                                                   endpoint: URL(string: "http://127.0.0.1:\(redirect.port)"), role: nil, timeout: 3, today: Date()))
        #expect(elsewhere.requests.isEmpty, "the signed request went to the redirect's target: \(elsewhere.requests)")
        #expect(redirect.requests.count == 6)
        let putSegment = try #require(result.findings.first { $0.rule == "XR806" })
        #expect(putSegment.message.contains("answered HTTP 307 pointing to http://127.0.0.1:\(elsewhere.port)/elsewhere"), "\(putSegment.message)")
        #expect(putSegment.message.contains("does not follow redirects"))
        #expect(result.notes.contains { $0.hasPrefix("xray:GetSamplingRules failed: Redirected") }, "\(result.notes)")
    }

    /// The https:// path (libcurl) refuses redirects the same way; here it runs over http.
    @Test func curlReturnsTheRedirectInsteadOfFollowingIt() async throws {
        let elsewhere = try LoopbackListener(tcp: .answer)
        let redirect = try Self.redirecting(to: elsewhere.port)
        defer { elsewhere.stop(); redirect.stop() }
        let request = HTTPRequest(url: URL(string: "http://127.0.0.1:\(redirect.port)/GetSamplingRules")!, method: "POST", timeout: 3)
        let outcome = await HTTP.send(request, transport: .curl)
        guard case .response(let status, _, let location) = outcome else {
            Issue.record("expected the 307 itself, got \(outcome)")
            return
        }
        #expect(status == 307)
        #expect(location == "http://127.0.0.1:\(elsewhere.port)/elsewhere")
        #expect(elsewhere.requests.isEmpty)
    }

    /// 180 bytes of YAML whose aliases expand to 59,049 nodes, with the keys X-Ray's answers have.
    static let aliasBomb = "{a: &a [x,x,x,x,x,x,x,x,x], b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b], "
        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], SamplingRuleRecords: [*d], AccessKeyId: AKIA, SecretAccessKey: s}"

    static func answering(_ status: String, _ body: String) throws -> LoopbackListener {
        try LoopbackListener(tcp: .respond { _ in
            "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        })
    }

    /// Answers are strict JSON: YAML (aliases and all) or a trailing comma is an unreadable answer.
    @Test(arguments: [aliasBomb, "{\"SamplingRuleRecords\": [],}", "SamplingRuleRecords: []"])
    func anAnswerThatIsNotStrictJSONIsRefused(_ body: String) async throws {
        let server = try Self.answering("200 OK", body)
        defer { server.stop() }
        let result = await AccountChecks.run(.init(environment: HardeningTests.doctorEnvironment(Self.credentials),
                                                   endpoint: URL(string: "http://127.0.0.1:\(server.port)"), role: nil, timeout: 3, today: Date()))
        #expect(result.notes.contains { $0.hasPrefix("xray:GetSamplingRules failed: UnreadableAnswer: HTTP 200 with a body that is not X-Ray's JSON") },
                "\(result.notes)")
        #expect(result.findings.contains { $0.rule == "XR806" && $0.message.contains("not X-Ray's JSON") })
    }

    @Test func anErrorAnswerThatIsNotJSONIsKnownByItsStatusOnly() {
        let failure = AWSClient.failure(.init(status: 403, body: Data("{__type: &t Denied, message: *t}".utf8)))
        #expect(failure.code == "HTTP 403" && failure.message.isEmpty, "\(failure)")
        let json = AWSClient.failure(.init(status: 400, body: Data("{\"__type\": \"x#ThrottlingException\", \"message\": \"slow down\"}".utf8)))
        #expect(json.code == "ThrottlingException" && json.message == "slow down")
    }

    /// Container credentials and IAM policy documents are JSON too.
    @Test func credentialsAndPoliciesThatAreNotJSONAreNotRead() async throws {
        let server = try Self.answering("200 OK", Self.aliasBomb)
        defer { server.stop() }
        let resolver = CredentialResolver(environment: HardeningTests.doctorEnvironment(
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:\(server.port)/creds"]), timeout: 2)
        #expect(await resolver.credentials() == nil)
        #expect(RoleCheck.policy(file: "aws:iam:role/r:trust")("Version: '2012-10-17'\nStatement: []") == nil)
        #expect(RoleCheck.policy(file: "aws:iam:role/r:trust")("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D") != nil)
    }

    // MARK: generate --check: a huge file in the output folder

    /// A file of another size differs without being read, and one past 1 MB is named, not diffed.
    @Test func aHugeFileInTheOutputFolderIsNamedNotDiffed() throws {
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = ArtifactWriter(directory: folder)
        _ = try writer.write([GeneratedFile("a.json", "{}\n"), GeneratedFile("gone.json", "[]\n")], force: false)
        let huge = String(repeating: "x", count: 2 * 1024 * 1024)
        try Data(huge.utf8).write(to: folder.appendingPathComponent("a.json"))
        try Data(huge.utf8).write(to: folder.appendingPathComponent("gone.json"))
        let files = [GeneratedFile("a.json", "{}\n")]
        #expect(try writer.drift(files) == ["differs: a.json", "no longer generated: gone.json"])
        let diffs = try writer.diffs(files)
        #expect(diffs == "a.json differs (2097152 bytes; too large to diff)\ngone.json is no longer generated (2097152 bytes; too large to diff)\n")
        // A file that fits is still diffed.
        try Data("{\"a\": 1}\n".utf8).write(to: folder.appendingPathComponent("a.json"))
        #expect(try writer.diffs(files).hasPrefix("--- a/a.json\n+++ b/a.json\n@@ -1,1 +1,1 @@\n-{\"a\": 1}\n+{}\n"))
    }

    /// `generate --check` over a 256 MB file (sparse: no disk is used) reads none of it.
    @Test func generateCheckDoesNotReadAHugeFile() throws {
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        let model = TestSupport.path("examples/everything/xray.yaml").path
        let environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path]
        #expect(try Self.measure(["generate", model, "-o", out, "-q"], environment: environment).status == 0)
        let victim = try #require(TestSupport.files(under: URL(fileURLWithPath: out)).first { !$0.hasPrefix(".") })
        #expect(truncate(out + "/" + victim, 256 << 20) == 0)
        let run = try Self.measure(["generate", model, "-o", out, "--check"], environment: environment)
        #expect(run.status == 1)
        #expect(run.output.contains("\(victim) differs (268435456 bytes; too large to diff)"), "\(run.output.prefix(2000))")
        // Reading it (twice) took 1.1 GB; the binary alone is about 40 MB.
        #expect(run.peakMB < 100, "peak \(run.peakMB) MB")
    }

    // MARK: the GitHub Action: inputs are data, never script

    static func actionSteps() throws -> [LocatedNode] {
        let action = try #require(try YAMLLoader.load(TestSupport.read(TestSupport.path("action.yml")) ?? "", file: "action.yml"))
        return try #require(action["runs"]?["steps"]?.items)
    }

    /// No run: script holds an expression; inputs come in through env:.
    @Test func noActionScriptHoldsAnExpression() throws {
        let steps = try Self.actionSteps()
        #expect(steps.count == 3)
        for step in steps {
            let script = try #require(step["run"]?.text)
            #expect(!script.contains("${{"), "step '\(step["name"]?.text ?? "")' pastes an expression into its script")
        }
    }

    /// Each step run by bash as GitHub runs it (`bash -eo pipefail`), with its env: filled with
    /// hostile inputs and stand-ins for git, swift and xrayctl that record their arguments: nothing
    /// the inputs say runs, and xrayctl gets every word of `paths` as one argument after `--`.
    @Test func hostileActionInputsAreOnlyArguments() async throws {
        let bash = try #require(TestSupport.which("bash"))
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bin = folder.appendingPathComponent("bin"), log = folder.appendingPathComponent("calls").path
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for tool in ["git", "swift", "xrayctl"] {
            // Written through a close-on-exec descriptor: one inherited by a process another test
            // starts at that moment would make running the script fail (ETXTBSY).
            let descriptor = open(bin.appendingPathComponent(tool).path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
            try #require(descriptor >= 0)
            let script = "#!/bin/sh\nprintf '%s\\n' \"\(tool)\" \"$@\" '.' >> \"\(log)\"\n"
            _ = script.withCString { Glibc.write(descriptor, $0, strlen($0)) }
            close(descriptor)
        }
        let inputs = ["paths": "deploy \"$(touch pwned-1)\" ; touch pwned-2 *",
                      "sarif": "x.sarif\"; touch pwned-3; \"",
                      "fail-on": "error; touch pwned-4",
                      "version": "v1$(touch pwned-5)`touch pwned-6`"]
        for step in try Self.actionSteps() {
            var environment = ["PATH": "\(bin.path):/usr/bin:/bin", "GITHUB_ACTION_PATH": folder.path,
                               "GITHUB_PATH": folder.appendingPathComponent("github-path").path]
            // What GitHub does with an expression, in env: and in run: alike: it pastes the value.
            func evaluated(_ text: String) -> String {
                inputs.reduce(text.replacingOccurrences(of: "${{ github.action_path }}", with: folder.path)) {
                    $0.replacingOccurrences(of: "${{ inputs.\($1.key) }}", with: $1.value)
                }
            }
            for pair in step["env"]?.pairs ?? [] { environment[pair.key.text ?? ""] = evaluated(pair.value.text ?? "") }
            let script = folder.appendingPathComponent("step.sh")
            try Data(evaluated(step["run"]?.text ?? "").utf8).write(to: script)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: bash)
            process.arguments = ["--noprofile", "--norc", "-eo", "pipefail", script.path]
            process.environment = environment
            process.currentDirectoryURL = folder
            try await TestSupport.runToExit(process)
            #expect(process.terminationStatus == 0, "step '\(step["name"]?.text ?? "")'")
        }
        let made = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("pwned") }
        #expect(made.isEmpty, "an input ran a command: \(made)")
        let calls = (TestSupport.read(URL(fileURLWithPath: log)) ?? "").split(separator: "\n.\n", omittingEmptySubsequences: true)
            .map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        let words = ["deploy", "\"$(touch", "pwned-1)\"", ";", "touch", "pwned-2", "*"]
        #expect(calls.contains(["git", "fetch", "--depth", "1", "origin", "refs/tags/v1$(touch pwned-5)`touch pwned-6`"]))
        #expect(calls.contains(["xrayctl", "lint", "--format", "sarif", "--output", inputs["sarif"]!, "--fail-on", "info", "--"] + words))
        #expect(calls.contains(["xrayctl", "lint", "--fail-on", "error; touch pwned-4", "--"] + words), "\(calls)")
    }

    // MARK: instrument: the file's own format, and no lost update

    static let task = #"{"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/web", "containerDefinitions": [{"name": "web", "image": "web:1", "memoryReservation": 256}]}"#

    /// JSON with a UTF-8 byte-order mark stays JSON with its mark; CRLF stays CRLF; UTF-16 stays
    /// UTF-16. Standard output gets plain UTF-8 with LF.
    @Test(arguments: [TextFormat(encoding: .utf8WithMark), TextFormat(crlf: true), TextFormat(encoding: .utf8WithMark, crlf: true),
                      TextFormat(encoding: .utf16LittleEndian, crlf: true)])
    func instrumentKeepsTheFilesFormat(_ format: TextFormat) throws {
        let pretty = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(Self.task.utf8)), options: [.prettyPrinted, .sortedKeys])
        let input = format.bytes(String(decoding: pretty, as: UTF8.self) + "\n")
        #expect(TextFormat.of(input) == format)
        let result = try Instrumenter.instrument(path: "task.json", data: input, options: .init())
        #expect(result.text.hasPrefix("{\n"), "JSON, not YAML: \(result.text.prefix(80))")
        #expect(!result.text.contains("\r") && !result.text.hasPrefix("\u{FEFF}"))
        #expect(result.format == format)
        #expect(TextFormat.of(result.fileData) == format)
        #expect(TextFormat.normalized(result.fileData) == Data(result.text.utf8))
        // Run again on its own output: nothing to change, byte for byte.
        let again = try Instrumenter.instrument(path: "task.json", data: result.fileData, options: .init())
        #expect(again.changes.isEmpty && again.fileData == result.fileData)
    }

    /// Through the CLI: --in-place and -o FILE write the input's format.
    @Test func inPlaceAndOutputKeepAByteOrderMarkAndCRLF() async throws {
        let binary = try #require(TestSupport.xrayctl)
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let format = TextFormat(encoding: .utf8WithMark, crlf: true)
        let json = folder.appendingPathComponent("task.json"), yaml = folder.appendingPathComponent("task.yaml")
        try format.bytes("{\n  \"family\": \"web\",\n  \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"web:1\", \"memoryReservation\": 256}]\n}\n").write(to: json)
        try format.bytes("family: web\ncontainerDefinitions:\n  - {name: web, image: 'web:1', memoryReservation: 256}\n").write(to: yaml)
        for file in [json, yaml] {
            let output = folder.appendingPathComponent("out-" + file.lastPathComponent)
            #expect(try await TestSupport.run(binary, ["instrument", file.path, "-o", output.path]).status == 0)
            #expect(try await TestSupport.run(binary, ["instrument", file.path, "--in-place"]).status == 0)
            let written = try Data(contentsOf: file)
            #expect(try Data(contentsOf: output) == written, "-o and --in-place write the same bytes")
            #expect(TextFormat.of(written) == format, "\(file.lastPathComponent)")
            #expect(String(decoding: written, as: UTF8.self).contains("xray-daemon"))
        }
        // The JSON file is still JSON (the AWS CLI's file:// reads it; a byte-order mark had made it YAML).
        let text = String(decoding: TextFormat.normalized(try Data(contentsOf: json)) ?? Data(), as: UTF8.self)
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "\(text.prefix(120))")
    }

    /// An edit saved between xrayctl's read and its rename is kept, and the rewrite refused.
    @Test(arguments: ["in place, same size", "in place, longer", "renamed over"])
    func anEditSavedMeanwhileIsNeverOverwritten(_ how: String) throws {
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("task.json")
        try Data("{\"family\": \"a\"}\n".utf8).write(to: file)
        let snapshot = try InPlaceFile.read(file.path)
        let edit = how == "in place, longer" ? "{\"family\": \"edited\"}\n" : "{\"family\": \"b\"}\n"
        #expect(throws: WriteProblem.self) {
            try InPlaceFile.replace(snapshot, with: Data("{\"family\": \"xrayctl\"}\n".utf8)) {
                if how == "renamed over" {
                    try? Data(edit.utf8).write(to: file, options: .atomic)
                } else {
                    let handle = try? FileHandle(forWritingTo: file)
                    try? handle?.truncate(atOffset: 0)
                    try? handle?.write(contentsOf: Data(edit.utf8))
                    try? handle?.close()
                }
            }
        }
        #expect(TestSupport.read(file) == edit, "the user's edit is kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["task.json"], "no temporary file is left")
        // Untouched in between, the same call replaces the file.
        let fresh = try InPlaceFile.read(file.path)
        try InPlaceFile.replace(fresh, with: Data("{}\n".utf8))
        #expect(TestSupport.read(file) == "{}\n")
    }
}

/// doctor's HTTP/1.1 reader, fed a byte at a time as a slow network would.
@Suite struct ResponseReaderTests {
    func read(_ text: String, maxBody: Int = 1024, close: Bool = false) -> ResponseReader.Step {
        var reader = ResponseReader(maxBody: maxBody)
        for byte in Data(text.utf8) {
            let step = reader.feed([byte])
            if case .needMore = step { continue }
            return step
        }
        return close ? reader.closed() : .needMore
    }

    func body(_ step: ResponseReader.Step) -> String? {
        if case .done(_, let body, _) = step { return String(decoding: body, as: UTF8.self) }
        return nil
    }

    @Test func framings() {
        #expect(body(read("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")) == "hello")
        #expect(body(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n")) == "hello")
        #expect(body(read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\nuntil close", close: true)) == "until close")
        #expect(body(read("HTTP/1.1 204 No Content\r\n\r\n")) == "")
    }

    @Test func refusals() {
        func code(_ step: ResponseReader.Step) -> URLError.Code? {
            if case .failed(let code, _) = step { return code }
            return nil
        }
        #expect(code(read("HTTP/1.1 200 OK\r\nContent-Length: 2048\r\n\r\n")) == .dataLengthExceedsMaximum, "refused from the header")
        #expect(code(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n801\r\n")) == .dataLengthExceedsMaximum, "refused from the chunk size")
        #expect(code(read("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 1025))) == .dataLengthExceedsMaximum)
        #expect(code(read("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")) == .badServerResponse)
        #expect(code(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n")) == .badServerResponse)
        #expect(code(read("SSH-2.0-OpenSSH\r\n\r\n")) == .badServerResponse)
        // Closed before the announced length: not an answer.
        if case .needMore = read("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", close: true) {} else { Issue.record("a short body was taken as complete") }
    }
}
