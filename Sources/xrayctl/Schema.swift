import ArgumentParser
import XRayKit

extension XRayCtl {
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema",
            abstract: "Print the JSON Schema of xray.yaml (for editor completion and validation).")

        func run() {
            print(ModelSchema.render(), terminator: "")
        }
    }
}
