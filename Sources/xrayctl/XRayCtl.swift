import ArgumentParser
import Foundation
import XRayKit

@main
struct XRayCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xrayctl",
        abstract: "Generate, lint and troubleshoot AWS X-Ray tracing setups.",
        discussion: """
            Exit codes: 0 success; 1 findings at the --fail-on threshold, or drift with generate --check; \
            2 unusable input (a located error says where); 64 bad flags.
            """,
        version: XRayKit.versionLine,
        subcommands: [Init.self, Generate.self, Lint.self, DoctorCommand.self, AuditCommand.self, Sampling.self, Instrument.self, Rules.self, Schema.self]
    )

    /// The one place a run ends: subcommands throw `CLIFailure` (or argument-parser's errors and
    /// help requests), and this prints it and picks the exit code.
    static func main() async {
        let status: Int32
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            status = 0
        } catch let failure as CLIFailure {
            failure.lines.forEach(printError)
            status = failure.code
        } catch {
            let code = exitCode(for: error)
            let message = HelpLayout.wrapUsage(fullMessage(for: error))
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            status = code.rawValue
        }
        Foundation.exit(status)
    }
}
