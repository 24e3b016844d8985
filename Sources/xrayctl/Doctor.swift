import ArgumentParser
import Foundation
import XRayKit

extension TracesSpec.Export: ExpressibleByArgument {}

extension XRayCtl {
    struct DoctorCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Troubleshoot a setup: the project's files and code, the running daemon, and (with --aws) the account.",
            discussion: """
                Sends a real test segment to the daemon address over UDP and calls its TCP sampling proxy. \
                With --aws it resolves credentials and region like the AWS CLI, sends a test segment with \
                PutTraceSegments, and reads the account's sampling rules, encryption setting and Transaction \
                Search (the trace segment destination, indexing rules and CloudWatch Logs resource policies); with --role \
                it evaluates that role's policies. AWS_EC2_METADATA_DISABLED=true skips instance metadata. \
                With --aws --verify it sends one trace along the project's path (a segment over UDP to the \
                daemon address, or a span over OTLP/HTTP to port 4318 of its host with --export otlp; straight \
                to X-Ray with --direct) and looks for it again with BatchGetTraces and GetTraceSummaries until \
                --wait runs out; exit 1 when it is not found. With --aws --seen it compares the service graph \
                of the last --since with the services of xray.yaml.
                """)

        @Argument(help: "The project folder to scan (default: the current folder).")
        var directory: String?
        @Option(help: "The project folder to scan (the same as the argument, which is shorter).")
        var dir: String?
        @Option(name: .customLong("daemon-address"), help: "Where the daemon listens (default: AWS_XRAY_DAEMON_ADDRESS, else 127.0.0.1:2000).")
        var daemonAddress: String?
        @Option(help: "Seconds to wait for each network answer.")
        var timeout = 3.0
        @Flag(help: "Also check the AWS account.")
        var aws = false
        @Option(name: .customLong("endpoint-url"), help: "Send every AWS call to this endpoint (an emulator).")
        var endpointURL: String?
        @Option(help: "With --aws: a role name or ARN whose policies to evaluate.")
        var role: String?
        @Option(help: "How the agents send traces: otlp checks that Transaction Search is on (default: the project's xray.yaml, else xray-api).")
        var export: TracesSpec.Export?
        @Flag(help: "With --aws: send a test trace along the project's path and look for it again.")
        var verify = false
        @Flag(help: "With --verify: send it straight to X-Ray (PutTraceSegments, or the signed OTLP endpoint) instead of through the agent.")
        var direct = false
        @Option(help: "With --verify: seconds to keep looking for the trace.")
        var wait = 60.0
        @Flag(help: "With --aws: compare X-Ray's service graph with the services of xray.yaml.")
        var seen = false
        @Option(help: "With --seen: the window that ends now, such as 90s, 60m or 2h (a bare number is minutes).")
        var since = "60m"
        @Option(name: [.short, .long], help: "Output format.") var format: ReportFormat = .text
        @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity.") var failOn: Severity = .error
        @Option(help: "The configuration file (default: the nearest .xrayctl.yaml from the project folder up to the repository root; outside a repository, the folder's own).")
        var config: String?

        /// `90s`, `60m`, `2h`, or minutes alone, in seconds; nil past a day (GetServiceGraph's longest window) or unreadable.
        static func seconds(_ text: String) -> Double? {
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
            let unit = text.last.flatMap { units[$0] }
            guard let number = Double(unit == nil ? text : String(text.dropLast())), number > 0, number.isFinite else { return nil }
            let seconds = number * (unit ?? 60)
            return seconds <= 86_400 ? seconds : nil
        }

        /// The folder to scan: the argument or `--dir` (not both), else the current folder.
        var folder: String { directory ?? dir ?? "." }

        func validate() throws {
            if directory != nil && dir != nil { throw ValidationError("give the project folder once: as the argument or with --dir") }
            guard timeout > 0, timeout <= 120 else { throw ValidationError("--timeout must be between 0 and 120 seconds") }
            if let endpointURL, URL(string: endpointURL)?.scheme == nil { throw ValidationError("--endpoint-url must be a URL such as http://127.0.0.1:5000") }
            if (verify || seen) && !aws { throw ValidationError("--verify and --seen read the AWS account: add --aws") }
            if direct && !verify { throw ValidationError("--direct changes how --verify sends its trace: add --verify") }
            guard wait > 0, wait <= 900 else { throw ValidationError("--wait must be between 0 and 900 seconds") }
            guard Self.seconds(since) != nil else { throw ValidationError("--since must be a duration such as 90s, 60m or 2h, at most 24h") }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("\(folder) is not a folder")
            }
        }

        func run() async throws {
            // The same .xrayctl.yaml lint reads: its disabled rules hold for doctor's findings too.
            let file: LintConfigFile?
            do {
                let path = config ?? LintConfigFile.find(from: folder)
                file = try path.flatMap { try LintConfigFile.load(path: $0) }
            } catch let diagnostic as Diagnostic {
                throw CLIFailure.unusable(diagnostic.description)
            } catch {
                throw CLIFailure.unusable("\(error)")
            }
            if let warning = file?.everyCheckOffWarning { printError(warning.description) }
            let lintOptions = LintOptions(disabled: Set((file?.disable ?? []).map { $0.uppercased() }),
                                          enabledOnly: file?.enableOnly.map { Set($0.map { $0.uppercased() }) })
            var options = Doctor.Options(directory: folder, daemonAddress: daemonAddress, timeout: timeout, aws: aws,
                                         endpoint: endpointURL.flatMap(URL.init(string:)), role: role,
                                         today: XRayCtl.Lint.today(), lintOptions: lintOptions, export: export)
            options.verify = verify
            options.direct = direct
            options.wait = wait
            options.seen = seen
            options.since = Self.seconds(since) ?? 3600
            let report = await Doctor.run(options)
            print(format == .text ? Doctor.text(report) : Doctor.render(report, format), terminator: "")
            if report.lintReport.fails(at: failOn) { throw CLIFailure.findings }
        }
    }
}
