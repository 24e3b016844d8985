import Foundation

// XR001 and XR003 are found while a file loads: the loader reports them through these types
// (`ParseError.finding`), since nothing else can be read from a file that does not parse.

struct ParseError: Rule {
    static let description = RuleDescription(
        id: "XR001", name: "parse-error", severity: .error,
        summary: "A file cannot be parsed (JSON or YAML syntax, invalid UTF-8, binary content, nesting deeper than 200 levels).",
        rationale: "A file nobody can parse is a setup nobody can apply; the location says where the parser stopped. Never a crash: every input gets a finding or nothing.",
        sources: [.repository("xrayctl README: Linting", "README.md#linting")],
        examples: [
            RuleExample("taskdef.json", "{\n  \"family\": \"api\",\n  \"containerDefinitions\" ↓[\n}\n"),
            RuleExample("taskdef.json", "{\"family\": \"api\", \"containerDefinitions\": []}\n"),
        ])

}

struct UnrecognisedFile: LintRule {
    static let description = RuleDescription(
        id: "XR002", name: "unrecognised-file", severity: .warning,
        summary: "A file named explicitly on the command line is not a kind xrayctl lints.",
        rationale: "Kinds are detected from content; a file you asked for that matches none was probably not the file you meant (files a folder walk passes over are counted in the summary, listed with --verbose and in JSON's skipped).",
        sources: [.repository("xrayctl README: Linting", "README.md#linting")],
        examples: [
            RuleExample("notes.yaml", "↓title: release notes\nitems: [a, b]\n"),
            RuleExample("taskdef.json", "{\"family\": \"api\", \"containerDefinitions\": []}\n"),
        ])

    func check(_ run: LintRun) -> [Finding] {
        run.documents.filter { $0.explicitlyNamed && $0.kind == .unknown && $0.loadFindings.isEmpty }.map { document in
            Self.finding(at: SourceLocation(file: document.path, line: 1, column: 1), Self.message(document))
        }
    }

    /// Files of other languages are loaded without their text, so "empty" is said only of a file
    /// that holds nothing; Terraform source gets the way to lint it today.
    static func message(_ document: SourceDocument) -> String {
        let fileExtension = (document.path as NSString).pathExtension.lowercased()
        if ["tf", "tfvars", "hcl"].contains(fileExtension) {
            return "Terraform source (.\(fileExtension)) is not read yet: lint the plan instead (terraform plan -out plan.bin; terraform show -json plan.bin > plan.json; xrayctl lint plan.json)"
        }
        if DocumentLoader.otherLanguages.contains(fileExtension) {
            return "a .\(fileExtension) file is not a kind of file xrayctl lints (see 'xrayctl rules' for the kinds it reads)"
        }
        return document.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? "the file is empty" : "not a kind of file xrayctl lints (see 'xrayctl rules' for the kinds it reads)"
    }
}

struct DuplicateKey: Rule {
    static let description = RuleDescription(
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

struct InvalidSuppression: LintRule {
    static let description = RuleDescription(
        id: "XR005", name: "invalid-suppression", severity: .warning,
        summary: "An `# xrayctl:disable` comment that suppresses nothing: no `=`, or a rule ID that does not exist.",
        rationale: "A suppression that is silently ignored leaves the finding it was written for in place, or worse, makes a reader believe a finding is handled. The form is `# xrayctl:disable=XR104[,XR105]` on the finding's line or the line above.",
        sources: [.repository("xrayctl README: Linting", "README.md#linting")],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\n# ↓xrayctl:disable XR509\nNoVerifySSL: true\n"),
            RuleExample("cfg.yaml", "Version: 2\n# ↓xrayctl:disable=XR590\nRegion: us-east-1\n"),
            RuleExample("cfg.yaml", "Version: 2\n# xrayctl:disable=XR509\nNoVerifySSL: true\n"),
        ])

    func check(_ run: LintRun) -> [Finding] {
        var seen = Set<String>()
        return run.documents.filter { seen.insert($0.path).inserted && Suppressions.mentionsMarker($0.text) }.flatMap { document in
            Suppressions.comments(in: document.text).compactMap { comment -> Finding? in
                let anchor = LocatedNode(.scalar(.init(text: "", kind: .null, isQuoted: false)),
                                         at: SourceLocation(file: document.path, line: comment.line, column: comment.column))
                guard comment.wellFormed else {
                    return finding(anchor, "this suppression has no '=' and suppresses nothing", fix: "Write xrayctl:disable=RULE[,RULE]")
                }
                let unknown = comment.ids.filter { RuleCatalog.rule($0) == nil }
                guard !unknown.isEmpty else { return nil }
                let known = RuleCatalog.descriptions.map(\.id)
                return finding(anchor, "no rule \(unknown.joined(separator: ", ")) exists\(Suggestion.didYouMean(unknown[0], in: known)); this suppression does nothing for it",
                               fix: "Use an ID that 'xrayctl rules' lists")
            }
        }
    }
}
