import ArgumentParser
import Foundation
import XRayKit

extension XRayCtl {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a starter xray.yaml from a template.",
            discussion: "Run with --template list to see the templates.")

        @Option(help: "The template to start from, or 'list'.")
        var template = "ecs-fargate"

        @Option(name: [.short, .long], help: "Where to write the model ('-' for standard output).")
        var output = "xray.yaml"

        @Flag(help: "Overwrite the output file if it exists.")
        var force = false

        @Flag(name: [.short, .long], help: "Print nothing but errors.")
        var quiet = false

        /// The template name is checked before anything runs, as a flag error (exit 64).
        func validate() throws {
            guard template != "list", Templates.named(template) == nil else { return }
            let names = Templates.all.map(\.name)
            // A part of a name ("fargate") finds the names it is part of, where spelling distance does not.
            let containing = names.filter { $0.contains(template.lowercased()) }
            let suggestion = containing.isEmpty ? Suggestion.didYouMean(template, in: names)
                : "; did you mean \(containing.map { "'\($0)'" }.joined(separator: " or "))?"
            throw ValidationError("no template '\(template)'\(suggestion); run 'xrayctl init --template list'")
        }

        func run() throws {
            if template == "list" {
                // The whole summary, wrapped under its column to the width help uses.
                let width = Templates.all.map(\.name.count).max() ?? 0
                let indent = String(repeating: " ", count: width + 2)
                for entry in Templates.all {
                    let lines = Templates.Template.wrap(entry.summary, width: max(40, HelpLayout.columns - indent.count))
                    print(entry.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + (lines.first ?? ""))
                    lines.dropFirst().forEach { print(indent + $0) }
                }
                return
            }
            // validate() has checked the name.
            guard let entry = Templates.named(template) else { return }
            if output == "-" {
                print(entry.contents, terminator: "")
                return
            }
            if FileManager.default.fileExists(atPath: output) && !force {
                throw CLIFailure.unusable("\(output) exists; use --force to overwrite it")
            }
            do {
                try Data(entry.contents.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIFailure.unusable("\(output): cannot write: \(error.localizedDescription)")
            }
            if !quiet { print("wrote \(output) from template \(entry.name); next: xrayctl generate \(output)") }
        }
    }
}
