/// The catalogue as documentation, printed from the rules themselves (`xrayctl rules`, the README table).
public enum RuleDocs {
    public static func text(_ descriptions: [RuleDescription], detailed: Bool) -> String {
        guard detailed else {
            return descriptions.map { "\($0.id)  \($0.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \($0.summary)" }
                .joined(separator: "\n") + "\n"
        }
        return descriptions.map { description in
            var lines = ["\(description.id) \(description.name) (\(description.severity.rawValue))", "", description.summary, "",
                         "Why: \(description.rationale)"]
            for example in description.examples {
                lines += ["", "\(example.triggers ? "Triggers" : "Does not trigger") (\(example.file)):", example.text]
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    public static func json(_ descriptions: [RuleDescription]) -> String {
        let rules: [JSONValue] = descriptions.map { description in
            [
                "id": .string(description.id), "name": .string(description.name), "severity": .string(description.severity.rawValue),
                "summary": .string(description.summary), "rationale": .string(description.rationale),
                "examples": .array(description.examples.map { ["file": .string($0.file), "triggers": .bool($0.triggers), "text": .string($0.text)] }),
            ]
        }
        return CanonicalJSON.encode(JSONValue.array(rules))
    }

    /// The README's rule table.
    public static func markdownTable(_ descriptions: [RuleDescription]) -> String {
        var lines = ["| ID | severity | triggers when |", "|---|---|---|"]
        lines += descriptions.map { "| \($0.id) | \($0.severity.rawValue) | \($0.summary.replacingOccurrences(of: "|", with: "\\|")) |" }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdownPage(_ description: RuleDescription) -> String {
        var lines = ["# \(description.id) \(description.name)", "", "Severity: \(description.severity.rawValue)", "",
                     description.summary, "", "## Why", "", description.rationale, "", "## Examples"]
        for example in description.examples {
            lines += ["", "\(example.triggers ? "Triggers (↓ marks the finding)" : "Does not trigger"), `\(example.file)`:", "", "```", example.text, "```"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
