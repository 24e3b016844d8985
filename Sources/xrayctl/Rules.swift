import ArgumentParser
import XRayKit

extension XRayCtl {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rule catalogue, or explain one rule with its examples.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

        @Argument(help: "A rule ID, such as XR104.")
        var id: String?

        @Option(name: [.short, .long], help: "Output format.")
        var format: Format = .text

        func run() throws {
            var descriptions = RuleCatalog.descriptions
            if let id {
                guard let rule = RuleCatalog.rule(id) else {
                    throw ValidationError("no rule '\(id)'\(Suggestion.didYouMean(id.uppercased(), in: descriptions.map(\.id)))")
                }
                descriptions = [rule.description]
            }
            switch format {
            case .text: print(RuleDocs.text(descriptions, detailed: id != nil), terminator: "")
            case .json: print(RuleDocs.json(descriptions), terminator: "")
            case .markdown: print(id == nil ? RuleDocs.markdownTable(descriptions) : RuleDocs.markdownPage(descriptions[0]), terminator: "")
            }
        }
    }
}
