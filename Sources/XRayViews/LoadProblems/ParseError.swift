import Foundation
import XRayCore
import XRaySampling

// XR001 and XR003 are found while a file loads: the loader reports them through these types
// (`ParseError.finding`), since nothing else can be read from a file that does not parse.
package struct ParseError: Rule {
    // The rule catalogue, a layer above, lists every rule.
    package init() {}

    package static let description = RuleDescription(
        id: "XR001", name: "parse-error", severity: .error,
        summary: "A file cannot be parsed (JSON or YAML syntax, invalid UTF-8, binary content, nesting deeper than 200 levels).",
        rationale: "A file nobody can parse is a setup nobody can apply; the location says where the parser stopped. Never a crash: every input gets a finding or nothing.",
        sources: [.repository("xrayctl README: Linting", "README.md#linting")],
        examples: [
            RuleExample("taskdef.json", "{\n  \"family\": \"api\",\n  \"containerDefinitions\" ↓[\n}\n"),
            RuleExample("taskdef.json", "{\"family\": \"api\", \"containerDefinitions\": []}\n"),
        ])

}
