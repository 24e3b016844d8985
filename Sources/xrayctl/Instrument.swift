import ArgumentParser
import Foundation
import XRayKit

extension Instrumenter.Mode: ExpressibleByArgument {}
extension AgentSpec.Kind: ExpressibleByArgument {}

extension XRayCtl {
    struct Instrument: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "instrument",
            abstract: "Add X-Ray to a task definition or CloudFormation/SAM template, or move it to ADOT or the CloudWatch agent.",
            discussion: """
                Adds (or replaces) the agent container and wires every app container for the network mode; \
                in templates it also turns on Lambda and REST API tracing and attaches AWSXRayDaemonWriteAccess \
                to roles that need it. Running it again changes nothing. YAML comments are not kept.
                """)

        @Argument(help: "A task definition (JSON or YAML) or a CloudFormation/SAM template.")
        var file: String

        @Option(help: "sidecar: an agent in each task; daemon: apps send to a per-instance DAEMON service.")
        var mode: Instrumenter.Mode = .sidecar

        @Option(help: "The agent to use.")
        var agent: AgentSpec.Kind = .xrayDaemon

        @Option(help: "Region for the agent's configuration (default: the one ECS sets in every task).")
        var region: String?

        @Option(help: "How the agent sends traces: otlp sends to X-Ray's OTLP endpoint (adot or cloudwatch-agent; adot needs --region).")
        var export: TracesSpec.Export = .xrayAPI

        @Flag(name: .customLong("in-place"), help: "Rewrite the file.")
        var inPlace = false

        @Option(name: [.short, .long], help: "Write the result here instead of standard output ('-': standard output).")
        var output: String?

        func validate() throws {
            if inPlace && output != nil { throw ValidationError("use --in-place or --output, not both") }
            if export == .otlp && agent == .xrayDaemon {
                throw ValidationError("--export otlp needs --agent adot or --agent cloudwatch-agent: the X-Ray daemon only calls PutTraceSegments")
            }
            if export == .otlp && agent == .adot && region == nil {
                throw ValidationError("--export otlp with --agent adot needs --region: the collector's OTLP endpoint is https://xray.REGION.amazonaws.com/v1/traces")
            }
        }

        func run() throws {
            // In place, the file as read is kept to check, before the rename, that no one saved
            // over it meanwhile.
            let snapshot: InPlaceFile.Snapshot?
            do {
                snapshot = inPlace ? try InPlaceFile.read(file) : nil
            } catch {
                throw CLIFailure.unusable("\(file):1:1: error: \(error.message)")
            }
            let data = try snapshot?.data ?? readInput(file)
            let result: Instrumenter.Result
            do {
                result = try Instrumenter.instrument(path: file, data: data, options: .init(mode: mode, agent: agent, region: region, export: export))
            } catch {
                throw CLIFailure.unusable(error.description)
            }
            result.changes.forEach { printError("changed: \($0)") }
            result.warnings.forEach { printError("warning: \($0)") }
            if result.changes.isEmpty { printError("nothing to change: \(file) already has it") }
            guard let target = inPlace ? file : output.flatMap({ $0 == "-" ? nil : $0 }) else {
                print(result.text, terminator: "")
                return
            }
            // An unchanged file is not touched at all (no new inode, no new mtime). Files get the
            // input's encoding and line breaks; standard output gets plain UTF-8.
            let output = result.fileData
            if inPlace && (result.changes.isEmpty || output == data) { return }
            // In place, a rewrite must not take more than the edit with it.
            if inPlace, let loss = result.inPlaceLoss {
                throw CLIFailure.unusable("\(file):1:1: error: rewriting this YAML file in place would lose \(loss); write the result with -o FILE and merge the change by hand")
            }
            do {
                if let snapshot {
                    try InPlaceFile.replace(snapshot, with: output)
                } else {
                    try output.write(to: URL(fileURLWithPath: target), options: .atomic)
                }
            } catch let problem as WriteProblem {
                throw CLIFailure.unusable("\(target):1:1: error: \(problem.message)")
            } catch {
                throw CLIFailure.unusable("\(target):1:1: error: cannot write: \(error.localizedDescription)")
            }
        }
    }
}
