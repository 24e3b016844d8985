import ArgumentParser
import Foundation
import XRayKit

extension XRayCtl {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a starter xray.yaml from a template.",
            discussion: "Run with --template list to see the templates.")

        @Option(help: "The template to start from, or 'list'.")
        var template = "ecs-fargate"

        @Option(help: "Where to write the model.")
        var output = "xray.yaml"

        @Flag(help: "Overwrite the output file if it exists.")
        var force = false

        func run() throws {
            if template == "list" {
                let width = Templates.all.map(\.name.count).max() ?? 0
                for entry in Templates.all {
                    print(entry.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + entry.summary)
                }
                return
            }
            guard let entry = Templates.named(template) else {
                let names = Templates.all.map(\.name)
                throw ValidationError("no template '\(template)'\(Suggestion.didYouMean(template, in: names)); run 'xrayctl init --template list'")
            }
            if FileManager.default.fileExists(atPath: output) && !force {
                printError("\(output) exists; use --force to overwrite it")
                throw ExitCode(2)
            }
            do {
                try Data(entry.contents.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("\(output): cannot write: \(error.localizedDescription)")
                throw ExitCode(2)
            }
            print("wrote \(output) from template \(entry.name); next: xrayctl generate \(output)")
        }
    }
}
