import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// The executable end to end: exit codes, messages, and what lands on disk.
@Suite struct CLITests {
    let folder = TestSupport.TemporaryFolder()
    var work: URL { folder.url }

    func xrayctl(_ arguments: String...) async throws -> TestSupport.ProcessResult { try await xrayctl(arguments) }

    func xrayctl(_ arguments: [String]) async throws -> TestSupport.ProcessResult {
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary was not built beside the tests")
        return try await TestSupport.run(binary, arguments, in: work)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: work.appendingPathComponent(name))
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: work.appendingPathComponent(path).path) }

    @Test func versionAndHelp() async throws {
        let version = try await xrayctl("--version").stdout
        #expect(version.hasPrefix("xrayctl \(XRayKit.version) ") && version.contains(" built with Swift 6."), "\(version)")
        // Built from a git checkout (as the tests are), it names the commit.
        if let head = try? await TestSupport.run(TestSupport.which("git") ?? "/usr/bin/git", ["-C", TestSupport.repoRoot.path, "rev-parse", "--short=12", "HEAD"]),
           head.status == 0 {
            #expect(version.contains("(\(head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))"), "\(version)")
        }
        let help = try await xrayctl("--help").stdout
        #expect(help.contains("generate") && help.contains("init"))
        #expect(help.contains("Exit codes: 0 success; 1 findings"))
    }

    /// The same short names on every command: -o output, -f format, -q quiet.
    @Test func consistentFlagNames() async throws {
        let model = TestSupport.path("examples/serverless/xray.yaml").path
        let quiet = try await xrayctl("generate", model, "-o", "out", "-q")
        #expect(quiet.status == 0 && quiet.stdout.isEmpty, "\(quiet.stdout)")
        #expect(exists("out/README.md"))
        #expect(try await xrayctl("generate", model, "--out", "out", "--check", "-q").stdout.isEmpty, "--out still works")
        #expect(try await xrayctl("rules", "XR104", "-f", "json").stdout.hasPrefix("["))
        #expect(try await xrayctl("lint", TestSupport.path("examples/broken/daemon").path, "-f", "json", "-o", "-").stdout.hasPrefix("{"))
    }

    /// Wherever a command has an output, a format or a quiet mode, it has the same short name for it.
    @Test func everyCommandUsesTheSameShortNames() async throws {
        var pending: [[String]] = [[]]
        var checked = 0
        while let path = pending.popLast() {
            let help = try await xrayctl(path + ["--help"]).stdout
            let commands = help.components(separatedBy: "SUBCOMMANDS:").dropFirst().first ?? ""
            for line in commands.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                let name = String(line.dropFirst(2).prefix { $0 != " " })
                if !name.isEmpty, name != "See", name != "help" { pending.append(path + [name]) }
            }
            let options = help.components(separatedBy: "OPTIONS:").dropFirst().first ?? ""
            for (short, long) in [("-o", "--output"), ("-f", "--format"), ("-q", "--quiet")] where options.contains("  \(long)") || options.contains(" \(long) ") || options.contains(" \(long),") {
                #expect(options.contains("\(short), \(long)"), "xrayctl \(path.joined(separator: " ")): \(long) without \(short)")
                checked += 1
            }
        }
        #expect(checked >= 11)
        let quiet = try await xrayctl("init", "-q", "-o", "model.yaml")
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && exists("model.yaml"), "\(quiet.stdout)")
    }

    /// `doctor DIR` like `lint DIR`; `--dir DIR` still works, and both at once is a usage error.
    @Test func doctorTakesTheFolderAsAnArgument() async throws {
        try FileManager.default.createDirectory(at: work.appendingPathComponent("project"), withIntermediateDirectories: true)
        try write("project/cfg.yaml", "Version: 2\nNoVerifySSL: true\n")
        let common = ["--daemon-address", "127.0.0.1:9", "--timeout", "1", "-f", "json"]
        let positional = try await xrayctl(["doctor", "project"] + common)
        let option = try await xrayctl(["doctor", "--dir", "project"] + common)
        #expect(positional.stdout.contains("XR509") && positional.stdout.contains("project/cfg.yaml"), "\(positional.stdout)\(positional.stderr)")
        func rules(_ output: String) -> [String] { output.split(separator: "\n").filter { $0.contains("\"rule\"") }.map(String.init) }
        #expect(rules(positional.stdout) == rules(option.stdout))
        #expect(try await xrayctl(["doctor", "project", "--dir", "project"]).status == 64)
        let missing = try await xrayctl(["doctor", "nowhere"])
        #expect(missing.status == 64 && missing.stderr.contains("nowhere is not a folder"), "\(missing.stderr)")
    }

    @Test func badFlagIsAUsageError() async throws {
        #expect(try await xrayctl("generate", "--no-such-flag").status == 64)
    }

    @Test func invalidModelExitsTwoWithLocationsAndWritesNothing() async throws {
        try write("bad.yaml", "version: 1\nproject: shop\nregion: us-east-1\nservices:\n  - name: api\n    platform: ecs-fargate\n    image: nginx:1\n    prot: 80\n")
        let result = try await xrayctl("generate", "bad.yaml", "--out", "out")
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.yaml:8:5: error: unknown key 'prot' in a service; did you mean 'port'?"))
        #expect(!exists("out"))
    }

    @Test func missingModelExitsTwo() async throws {
        let result = try await xrayctl("generate", "nothing.yaml")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("nothing.yaml:1:1: error: cannot read the model"))
    }

    @Test func generateCheckForceCycle() async throws {
        #expect(try await xrayctl("init", "--template", "ecs-ec2-sidecar").status == 0)
        let first = try await xrayctl("generate")
        #expect(first.status == 0)
        #expect(first.stdout.contains("wrote xray-out/api/task-definition.json"))
        #expect(try await xrayctl("generate", "--check").status == 0)

        let task = work.appendingPathComponent("xray-out/api/task-definition.json")
        try Data("{}\n".utf8).write(to: task)
        let drift = try await xrayctl("generate", "--check")
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("differs: api/task-definition.json"))
        #expect(TestSupport.read(task) == "{}\n", "--check writes nothing")

        let refused = try await xrayctl("generate")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("api/task-definition.json"))
        #expect(TestSupport.read(task) == "{}\n")

        #expect(try await xrayctl("generate", "--force").status == 0)
        #expect(TestSupport.read(task) != "{}\n")
        #expect(try await xrayctl("generate", "--check").status == 0)
    }

    @Test func stdoutPrintsOneArtifact() async throws {
        _ = try await xrayctl("init", "--template", "ecs-fargate")
        let result = try await xrayctl("generate", "--stdout", "api/task-definition.json")
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"FARGATE\""))
        #expect(!exists("xray-out"))
        #expect(try await xrayctl("generate", "--stdout", "api/task-definition.jsn").stderr.contains("did you mean 'api/task-definition.json'"))
    }

    @Test func initListsWritesAndRefusesToOverwrite() async throws {
        let list = try await xrayctl("init", "--template", "list")
        #expect(list.stdout.contains("ecs-ec2-daemon"))
        // Whole summaries (eks's takes two comment lines), wrapped to the help width.
        #expect(list.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(list.stdout)")
        let words = list.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("points its SDK at the daemon's Service."), "\(list.stdout)")
        #expect(try await xrayctl("init", "--template", "ecs-ec2-daemon", "--output", "m.yaml").status == 0)
        #expect(TestSupport.read(work.appendingPathComponent("m.yaml")) == Templates.named("ecs-ec2-daemon")?.contents)
        #expect(try await xrayctl("init", "--template", "ecs-fargate", "--output", "m.yaml").status == 2)
        #expect(try await xrayctl("init", "--template", "ecs-fargate", "--output", "m.yaml", "--force").status == 0)
        let unknown = try await xrayctl("init", "--template", "ecs-fargat")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean 'ecs-fargate'"))
        // Part of a name finds the templates it belongs to.
        #expect(try await xrayctl("init", "--template", "fargate").stderr.contains("did you mean 'ecs-fargate' or 'ecs-fargate-adot' or 'ecs-fargate-application-signals' or 'ecs-fargate-otlp'?"))
        // '-' is standard output, not a file named '-'.
        let printed = try await xrayctl("init", "--template", "lambda", "-o", "-")
        #expect(printed.stdout == Templates.named("lambda")?.contents)
        #expect(!exists("-"))
    }

    @Test func instrumentInPlaceIsIdempotent() async throws {
        try write("task.json", #"{"family": "web", "taskRoleArn": "arn:aws:iam::123456789012:role/web", "containerDefinitions": [{"name": "web", "image": "web:1", "memoryReservation": 256}]}"#)
        let first = try await xrayctl("instrument", "task.json", "--in-place", "--agent", "cloudwatch-agent")
        #expect(first.status == 0)
        #expect(first.stderr.contains("changed: the task: added a CloudWatch agent sidecar"))
        let written = TestSupport.read(work.appendingPathComponent("task.json"))
        #expect(written?.contains("CW_CONFIG_CONTENT") == true)
        let second = try await xrayctl("instrument", "task.json", "--in-place", "--agent", "cloudwatch-agent")
        #expect(second.stderr.contains("nothing to change"))
        #expect(TestSupport.read(work.appendingPathComponent("task.json")) == written)
        #expect(try await xrayctl("instrument", "task.json", "--in-place", "--output", "x.json").status == 64)
        #expect(try await xrayctl("instrument", "missing.json").status == 2)
    }

    /// OTLP export needs an agent that speaks it, and ADOT needs the region for the endpoint.
    @Test func instrumentOTLPNeedsAnOTLPAgentAndARegion() async throws {
        try Data(#"{"family": "a", "containerDefinitions": [{"name": "a", "image": "a:1", "memoryReservation": 128}]}"#.utf8)
            .write(to: work.appendingPathComponent("task.json"))
        let daemon = try await xrayctl("instrument", "task.json", "--export", "otlp")
        #expect(daemon.status == 64 && daemon.stderr.contains("--export otlp needs --agent adot or --agent cloudwatch-agent"))
        let noRegion = try await xrayctl("instrument", "task.json", "--agent", "adot", "--export", "otlp")
        #expect(noRegion.status == 64 && noRegion.stderr.contains("needs --region"))
        let ok = try await xrayctl("instrument", "task.json", "--agent", "adot", "--export", "otlp", "--region", "us-east-2")
        #expect(ok.status == 0 && ok.stdout.contains("https://xray.us-east-2.amazonaws.com/v1/traces"))
    }

    @Test func singleArtifactFromFlags() async throws {
        let task = try await xrayctl("generate", "task-definition", "--platform", "ecs-ec2-sidecar", "--name", "api", "--image", "nginx:1.27",
                               "--port", "8080", "--memory-reservation", "256")
        #expect(task.status == 0)
        #expect(task.stdout.contains("\"AWS_XRAY_DAEMON_ADDRESS\""))
        #expect(!exists("xray-out"), "prints, writes nothing")
        let bad = try await xrayctl("generate", "task-definition", "--platform", "ecs-fargate", "--name", "api", "--image", "nginx:1.27", "--port", "70000")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("port must be between 1 and 65535"))
        #expect(try await xrayctl("generate", "daemon-config", "--log-level", "warn").stdout.contains("LogLevel: warn"))
        // Errors name the flag, without the top-level usage.
        let missing = try await xrayctl("generate", "task-definition", "--name", "api")
        #expect(missing.status == 64 && missing.stderr == "error: --image is required\n", "\(missing.stderr)")
        #expect(bad.stderr == "error: --port must be between 1 and 65535, found 70000\n", "\(bad.stderr)")
        let refused = try await xrayctl("generate", "task-definition", "--image", "NGINX", "--platform", "ecs-ec2-daemon", "--network-mode", "awsvpc")
        let lines = refused.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("error: --image 'NGINX' is not a valid image reference ([registry/]repository[:tag][@sha256:digest], lowercase repository)"))
        #expect(lines.contains { $0.hasPrefix("error: --network-mode: an awsvpc task has its own network interface") })
        // A check across several values names no one flag: it is said as the model says it.
        #expect(lines.contains("error: on ECS with EC2 every container needs memory or memory_reservation (the task sets no memory); add memory_reservation"))
    }

    /// Every flag of every single-artifact command that puts a value into the model (the
    /// `ArtifactFlag` table) is named when the model refuses its value, and no other flag is: the
    /// diagnostic says which model key, `FlagTable` which flag set it. A new flag in the table is
    /// covered here without a change; flags with a fixed set of values are refused by the parser,
    /// which names them too.
    @Test func everyModelFlagIsNamedWhenItsValueIsRefused() async throws {
        let modelFlags = Set(ArtifactFlag.allCases.map(\.rawValue))
        let garbage = String(repeating: "Not Valid! ", count: 20)
        var offered = Set<String>()
        for command in SingleArtifact.allCases.map(\.rawValue) + ["transaction-search"] {
            let base = command == "task-definition" ? ["--image", "app:1"] : []
            #expect(try await xrayctl(["generate", command] + base).status == 0, "\(command) with valid flags")
            let help = try await xrayctl("generate", command, "--help").stdout
            let flags = (help.components(separatedBy: "OPTIONS:").last ?? "").split(separator: "\n")
                .filter { $0.hasPrefix("  --") }.map { String($0.dropFirst(2).prefix { $0 != " " }) }
                .filter(modelFlags.contains)
            offered.formUnion(flags)
            for flag in flags {
                var namedByTheModel = false, namedByTheParser = false
                for value in ["-1", garbage] {
                    let run = try await xrayctl(["generate", command] + base + ["\(flag)=\(value)"])
                    let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
                    guard run.status == 64 else { continue }
                    if errors.isEmpty {
                        namedByTheParser = namedByTheParser || run.stderr.contains("'\(flag) ")
                        continue
                    }
                    namedByTheModel = namedByTheModel || errors.contains { $0.hasPrefix("error: \(flag) ") || $0.hasPrefix("error: \(flag):") }
                    let others = errors.filter { $0.hasPrefix("error: --") && !$0.hasPrefix("error: \(flag) ") && !$0.hasPrefix("error: \(flag):") }
                    #expect(others.isEmpty, "generate \(command) \(flag)=\(value.prefix(12)): \(others)")
                }
                #expect(namedByTheModel || namedByTheParser, "generate \(command): no refused value of \(flag) named it")
            }
        }
        #expect(offered == modelFlags, "flags in ArtifactFlag that no generate command offers: \(modelFlags.subtracting(offered).sorted())")
    }

    /// Each artifact shows only its own flags, every one with help; the rest are refused.
    @Test func artifactHelpShowsOnlyItsFlags() async throws {
        let rules = try await xrayctl("generate", "sampling-rules", "--help").stdout
        #expect(rules.contains("--rule-name") && !rules.contains("--image") && !rules.contains("--function-name"))
        let task = try await xrayctl("generate", "task-definition", "--help").stdout
        #expect(task.contains("--image") && task.contains("values: ecs-ec2-sidecar, ecs-fargate") && !task.contains("--rule-name"))
        #expect(try await xrayctl("generate", "lambda-tracing", "--image", "x:1").status == 64, "a flag of another artifact is refused")
        for artifact in SingleArtifact.allCases {
            let help = try await xrayctl("generate", artifact.rawValue, "--help").stdout
            let lines = (help.components(separatedBy: "OPTIONS:").last ?? "").split(separator: "\n").map(String.init)
            for (index, line) in lines.enumerated() where line.hasPrefix("  --") {
                // Help text on the flag's line (after two spaces), or on the next line, indented.
                let described = line.count > 26 || (index + 1 < lines.count && lines[index + 1].hasPrefix("        "))
                #expect(described, "\(artifact.rawValue): \(line) has no help")
            }
        }
    }

    /// A spawned xrayctl sees none of the caller's terminal or AWS, OpenTelemetry and xrayctl
    /// settings (`COLUMNS=120 swift test` once failed the test below): its help is the same under a
    /// hostile environment, and what a test sets on purpose still reaches it.
    @Test func helpDoesNotDependOnTheCallersEnvironment() async throws {
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary was not built beside the tests")
        let hostile = ProcessInfo.processInfo.environment.merging([
            "COLUMNS": "200", "LINES": "3", "TERM": "xterm-256color", "NO_COLOR": "1", "FORCE_COLOR": "3", "CLICOLOR_FORCE": "1",
            "AWS_REGION": "nowhere-1", "AWS_PROFILE": "missing", "OTEL_SERVICE_NAME": "x", "XRAYCTL_TODAY": "2030-01-01",
        ]) { _, new in new }
        let plain = try await TestSupport.run(binary, ["lint", "--help"], in: work)
        let underHostile = try await TestSupport.run(binary, ["lint", "--help"], in: work, callerEnvironment: hostile)
        #expect(underHostile.stdout == plain.stdout && !plain.stdout.isEmpty)
        #expect(underHostile.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 })
        let pinned = TestSupport.xrayctlEnvironment(from: hostile)
        #expect(pinned.keys.filter(TestSupport.isCallerSetting) == ["XRAYCTL_TODAY"] && pinned["XRAYCTL_TODAY"] == "2026-11-26")
        #expect(pinned["PATH"] == hostile["PATH"] && pinned["HOME"] == hostile["HOME"])
        let wide = try await TestSupport.run(binary, ["lint", "--help"], in: work, environment: ["COLUMNS": "200"], callerEnvironment: hostile)
        #expect(wide.stdout != plain.stdout, "a variable a test sets on purpose reaches the binary")
    }

    /// Every command's help fits 100 columns, the usage line included (argument-parser prints it
    /// unwrapped; the root command wraps it), and the commands are found by walking the help itself.
    @Test func everyHelpFitsOneHundredColumnsAndDescribesEveryOption() async throws {
        var pending: [[String]] = [[]], visited = 0
        while let path = pending.popLast() {
            let help = try await xrayctl(path + ["--help"]).stdout
            visited += 1
            for line in help.split(separator: "\n") {
                #expect(line.count <= 100, "xrayctl \(path.joined(separator: " ")) --help: \(line)")
            }
            // Every option says what it does: text on its line (after the name) or on the next, indented.
            let options = (help.components(separatedBy: "OPTIONS:").dropFirst().first ?? "").split(separator: "\n").map(String.init)
            for (index, line) in options.enumerated() where line.hasPrefix("  -") {
                // Words after the names and the value placeholder; or a long name with its text below.
                let besideName = !line.split(separator: " ").drop { $0.hasPrefix("-") || $0.hasPrefix("<") || $0.hasSuffix(",") }.isEmpty
                let described = besideName || (index + 1 < options.count && options[index + 1].hasPrefix("        "))
                #expect(described, "xrayctl \(path.joined(separator: " ")): \(line) has no help")
            }
            let commands = help.components(separatedBy: "SUBCOMMANDS:").dropFirst().first ?? ""
            for line in commands.split(separator: "\n") where line.hasPrefix("  ") && !line.hasPrefix("   ") {
                let name = String(line.dropFirst(2).prefix { $0 != " " })
                if !name.isEmpty, name != "See", name != "help" { pending.append(path + [name]) }
            }
        }
        #expect(visited >= 20)
    }

    @Test func rulesCommand() async throws {
        // One rule's page ends with a newline, as every other output does.
        let page = try await xrayctl("rules", "XR004").stdout
        #expect(page.hasSuffix("\n") && !page.hasSuffix("\n\n"), "\(page.suffix(40).debugDescription)")
        let list = try await xrayctl("rules")
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == RuleCatalog.all.count)
        let one = try await xrayctl("rules", "xr104")
        #expect(one.stdout.hasPrefix("XR104 unreachable-daemon-address (error)"))
        #expect(one.stdout.contains("Triggers (taskdef.json):"))
        let json = try await xrayctl("rules", "--format", "json")
        let rules = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(rules?.count == RuleCatalog.all.count)
        #expect(try await xrayctl("rules", "XR104", "--format", "markdown").stdout.hasPrefix("# XR104 unreachable-daemon-address"))
        #expect(try await xrayctl("rules", "XR999").status == 64)
    }

    @Test func schemaPrintsJSONSchema() async throws {
        let result = try await xrayctl("schema")
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object?["additionalProperties"] as? Bool == false)
    }

    @Test func readmeCommandWorks() async throws {
        // The README's first command, from the repository root.
        let binary = try #require(TestSupport.xrayctl)
        let out = work.appendingPathComponent("xray-out").path
        let result = try await TestSupport.run(binary, ["generate", "examples/scorekeep/xray.yaml", "--out", out], in: TestSupport.repoRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(exists("xray-out/scorekeep-api/task-definition.json"))
    }
}

extension CLITests {
    /// Colour on request only: never into a file or a pipe by default, never with NO_COLOR.
    @Test func colourOnlyWhenAsked() async throws {
        let broken = TestSupport.path("examples/broken/daemon").path
        #expect(try await xrayctl("lint", broken, "--color", "always").stdout.contains("\u{1B}[1;31merror\u{1B}[0m"))
        #expect(!(try await xrayctl("lint", broken).stdout.contains("\u{1B}[")), "auto: output to a file is plain")
        #expect(!(try await xrayctl("lint", broken, "--color", "never").stdout.contains("\u{1B}[")))
    }
}
