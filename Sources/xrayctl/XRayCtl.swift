import ArgumentParser
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
        subcommands: [Init.self, Generate.self, Lint.self, DoctorCommand.self, Sampling.self, Instrument.self, Rules.self, Schema.self]
    )
}
