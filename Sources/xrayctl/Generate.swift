import ArgumentParser
import Foundation
import XRayKit

extension XRayCtl {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate the setup described by a model, or one artifact from flags.",
            discussion: """
                xrayctl generate [SPEC] [-o|--output DIR] [--check] [--force] [-q] [--stdout PATH] writes every \
                artifact of the model SPEC (default: xray.yaml) under DIR (default: xray-out); --check writes \
                nothing and prints a diff of what would change (exit 1); --force replaces files xrayctl did not \
                write. 'xrayctl generate model --help' describes each option. The subcommands below print one \
                artifact from flags alone.
                """,
            subcommands: [FromModel.self] + artifactCommands,
            defaultSubcommand: FromModel.self)
    }
}

extension XRayCtl.Generate {
    struct FromModel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "model",
            abstract: "Generate every artifact of the setup described by a model (the default: 'xrayctl generate xray.yaml').",
            discussion: """
                Reads the model, validates it, and writes task definitions, IAM policies and the \
                rest under the output directory. Nothing is written when the model is invalid.
                """)

        @Argument(help: "The model file.")
        var spec = "xray.yaml"

        @Option(name: [.customShort("o"), .customLong("output"), .customLong("out")], help: "The output directory (--out works too).")
        var out = "xray-out"

        @Flag(name: [.short, .long], help: "Print nothing but errors and drift.")
        var quiet = false

        @Flag(help: "Write nothing; exit 1 and print a unified diff when the files on disk differ from what would be generated.")
        var check = false

        @Flag(help: "Overwrite files xrayctl did not write or that were edited since.")
        var force = false

        @Option(name: .customLong("stdout"), help: "Print one generated file (its path under the output directory) instead of writing.")
        var artifact: String?

        func run() throws {
            let model = try loadModel(spec)
            let files = Generator.generate(model)
            if artifact == nil && !check && !quiet { Generator.notices(model).forEach(printError) }
            if let artifact {
                guard let file = files.first(where: { $0.path == artifact }) else {
                    let paths = files.map(\.path)
                    throw ValidationError("this model generates no '\(artifact)'\(Suggestion.didYouMean(artifact, in: paths)); it generates: \(paths.joined(separator: ", "))")
                }
                print(file.contents, terminator: "")
                return
            }
            let writer = ArtifactWriter(directory: URL(fileURLWithPath: out))
            do {
                if check {
                    let drift = try writer.drift(files)
                    guard drift.isEmpty else {
                        drift.forEach { print("\(out): \($0)") }
                        // What would change, to review like any other diff.
                        print(try writer.diffs(files), terminator: "")
                        throw CLIFailure.findings
                    }
                    if !quiet { print("\(out) is up to date") }
                    return
                }
                let report = try writer.write(files, force: force)
                guard !quiet else { return }
                report.written.forEach { print("wrote \(out)/\($0)") }
                report.removed.forEach { print("removed \(out)/\($0) (no longer generated)") }
                if report.written.isEmpty && report.removed.isEmpty { print("\(out) is up to date") }
            } catch let error as ArtifactWriter.WriteError {
                throw CLIFailure.unusable(error.description)
            }
        }
    }
}

/// Reads and validates a model, printing located diagnostics; exits 2 when it cannot be used.
func loadModel(_ path: String) throws -> XRayModel {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIFailure.unusable("\(path):1:1: error: cannot read the model (no such file, or not readable); run 'xrayctl init' to create one")
    }
    guard let text = TextDecoding.decodeMarked(data) ?? String(data: data, encoding: .utf8) else {
        throw CLIFailure.unusable("\(path):1:1: error: the model is not UTF-8 text")
    }
    do {
        let result = try ModelDecoder.decode(text, file: path)
        result.warnings.forEach { printError($0.description) }
        return result.model
    } catch {
        throw CLIFailure.unusable(error.diagnostics.map(\.description))
    }
}
