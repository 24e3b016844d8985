import Foundation
import XRayCore
import XRaySampling

// XR001 and XR003 are found while a file loads: the loader reports them through these types
// (`ParseError.finding`), since nothing else can be read from a file that does not parse.
package struct DuplicateKey: Rule {
    // The rule catalogue, a layer above, lists every rule.
    package init() {}

    package static let description = RuleDescription(
        id: "XR003", name: "duplicate-key", severity: .error,
        summary: "A mapping has the same key twice.",
        rationale: "JSON and YAML parsers disagree on duplicates: most keep the last value silently, some reject the file, so what AWS applies may not be what you read.",
        sources: [.yamlDuplicateKeys, .jsonDuplicateNames],
        examples: [
            RuleExample("taskdef.json", "{\n  \"family\": \"api\",\n  ↓\"family\": \"web\",\n  \"containerDefinitions\": []\n}\n"),
            RuleExample("cfg.yaml", "Version: 2\nRegion: us-east-1\n↓Region: us-west-2\n"),
            RuleExample("cfg.yaml", "Version: 2\nRegion: us-east-1\n"),
        ])

}
