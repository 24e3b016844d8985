// The input rules are reported while files load (DocumentLoader) and by the engine (XR002);
// these values describe them for the catalogue, and their examples test that path.

struct ParseError: LintRule {
    static let description = RuleDescription(
        id: "XR001", name: "parse-error", severity: .error,
        summary: "A file cannot be parsed (JSON or YAML syntax, invalid UTF-8, binary content, nesting deeper than 200 levels).",
        rationale: "A file nobody can parse is a setup nobody can apply; the location says where the parser stopped. Never a crash: every input gets a finding or nothing.",
        examples: [
            RuleExample("taskdef.json", "{\n  \"family\": \"api\",\n  \"containerDefinitions\" ↓[\n}\n"),
            RuleExample("taskdef.json", "{\"family\": \"api\", \"containerDefinitions\": []}\n"),
        ])

    func check(_ run: LintRun) -> [Finding] { [] }
}

struct UnrecognisedFile: LintRule {
    static let description = RuleDescription(
        id: "XR002", name: "unrecognised-file", severity: .warning,
        summary: "A file named explicitly on the command line is not a kind xrayctl lints.",
        rationale: "Kinds are detected from content; a file you asked for that matches none was probably not the file you meant (files found by walking a folder are skipped silently).",
        examples: [
            RuleExample("notes.yaml", "↓title: release notes\nitems: [a, b]\n"),
            RuleExample("taskdef.json", "{\"family\": \"api\", \"containerDefinitions\": []}\n"),
        ])

    func check(_ run: LintRun) -> [Finding] { [] }
}

struct DuplicateKey: LintRule {
    static let description = RuleDescription(
        id: "XR003", name: "duplicate-key", severity: .error,
        summary: "A mapping has the same key twice.",
        rationale: "JSON and YAML parsers disagree on duplicates: most keep the last value silently, some reject the file, so what AWS applies may not be what you read.",
        examples: [
            RuleExample("taskdef.json", "{\n  \"family\": \"api\",\n  ↓\"family\": \"web\",\n  \"containerDefinitions\": []\n}\n"),
            RuleExample("cfg.yaml", "Version: 2\nRegion: us-east-1\n↓Region: us-west-2\n"),
            RuleExample("cfg.yaml", "Version: 2\nRegion: us-east-1\n"),
        ])

    func check(_ run: LintRun) -> [Finding] { [] }
}
