import ArgumentParser
import XRayKit

@main
struct XRayCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xrayctl",
        abstract: "Generate, lint and troubleshoot AWS X-Ray tracing setups.",
        version: XRayKit.version,
        subcommands: [Init.self, Generate.self, Lint.self, DoctorCommand.self, Sampling.self, Instrument.self, Rules.self, Schema.self]
    )
}
