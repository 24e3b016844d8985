import ArgumentParser
import XRayKit

extension XRayCtl {
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of xray.yaml (for editor completion and validation).")

        func run() {
            print(ModelSchema.render(), terminator: "")
        }
    }
}
