import ArgumentParser
import XRayKit

extension XRayCtl {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "List the rule catalogue, or explain one rule with its examples.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

        @Argument(help: "A rule ID, such as XR104.")
        var id: String?

        @Option(name: [.short, .long], help: "Output format.")
        var format: Format = .text

        func validate() throws {
            if let id, RuleCatalog.rule(id) == nil {
                throw ValidationError("no rule '\(id)'\(Suggestion.didYouMean(id.uppercased(), in: RuleCatalog.descriptions.map(\.id)))")
            }
        }

        func run() throws {
            // validate() has checked the ID.
            let descriptions = id.flatMap(RuleCatalog.rule).map { [$0.description] } ?? RuleCatalog.descriptions
            switch format {
            case .text: print(RuleDocs.text(descriptions, detailed: id != nil), terminator: "")
            case .json: print(RuleDocs.json(descriptions), terminator: "")
            case .markdown: print(id == nil ? RuleDocs.markdownTable(descriptions) : RuleDocs.markdownPage(descriptions[0]), terminator: "")
            }
        }
    }
}
