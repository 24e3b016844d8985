import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// The catalogue as documentation, printed from the rules themselves (`xrayctl rules`, the README table).
public enum RuleDocs {
    public static func text(_ descriptions: [RuleDescription], detailed: Bool) -> String {
        guard detailed else {
            return descriptions.map { "\($0.id)  \($0.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \($0.summary)" }
                .joined(separator: "\n") + "\n"
        }
        return descriptions.map { description in
            var lines = ["\(description.id) \(description.name) (\(description.severity.rawValue))", "", description.summary, "",
                         "Why: \(description.rationale)", "", "Sources:"]
            lines += description.sources.map { "  \($0.title): \(absoluteURL($0) ?? $0.url)" }
            for example in description.examples {
                lines += ["", "\(example.triggers ? "Triggers" : "Does not trigger") (\(example.file)):", example.text]
            }
            if let page = pageURL(description.id) { lines += ["", "More: \(page)"] }
            // Examples end with their own newline: the page ends with exactly one.
            return lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
        }.joined(separator: "\n\n") + "\n"
    }

    public static func json(_ descriptions: [RuleDescription]) -> String {
        let rules: [JSONValue] = descriptions.map { description in
            var rule: [String: JSONValue] = [
                "id": .string(description.id), "name": .string(description.name), "severity": .string(description.severity.rawValue),
                "summary": .string(description.summary), "rationale": .string(description.rationale),
                "sources": .array(description.sources.map { ["title": .string($0.title), "url": .string(absoluteURL($0) ?? $0.url)] }),
                "examples": .array(description.examples.map { ["file": .string($0.file), "triggers": .bool($0.triggers), "text": .string($0.text)] }),
            ]
            if let page = pageURL(description.id) { rule["help_uri"] = .string(page) }
            return .object(rule)
        }
        return CanonicalJSON.encode(JSONValue.array(rules))
    }

    /// The README's rule table.
    public static func markdownTable(_ descriptions: [RuleDescription]) -> String {
        var lines = ["| ID | severity | triggers when |", "|---|---|---|"]
        lines += descriptions.map { "| \($0.id) | \($0.severity.rawValue) | \($0.summary.replacingOccurrences(of: "|", with: "\\|")) |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where a rule's page is published: `docs/rules/XRnnn.md` in the repository; nil until
    /// `XRayKit.repositoryURL` is set.
    public static func pageURL(_ id: String) -> String? { XRayKit.repositoryURL.map { "\($0)/blob/main/docs/rules/\(id).md" } }

    /// The day rule pages run their examples on (XR805's severity depends on the date), fixed so the
    /// pages do not change with the calendar: before the end of support.
    public static let exampleDay = Date(timeIntervalSince1970: 1_795_000_000)

    /// A source as a link that works outside the repository (README sections of xrayctl itself);
    /// nil for those while `XRayKit.repositoryURL` is not set.
    package static func absoluteURL(_ source: RuleSource) -> String? {
        source.url.hasPrefix("https://") ? source.url : XRayKit.repositoryURL.map { "\($0)/blob/main/\(source.url)" }
    }

    /// `docs/rules/XRnnn.md`: what the rule finds, why, what xrayctl says and how to fix it (from
    /// running the first triggering example), every example, and the public sources.
    public static func markdownPage(_ description: RuleDescription) -> String {
        var lines = ["# \(description.id) \(description.name)", "", "Severity: **\(description.severity.rawValue)** · \(layerText(description.layer))",
                     "", description.summary, "", "## Why", "", description.rationale]
        if let reported = firstFinding(description) {
            lines += ["", "## What xrayctl reports", "", "On the first example below:", "", "```", "\(reported.rule) \(reported.message)", "```"]
            if let fix = reported.fix { lines += ["", "**Fix:** \(fix)"] }
        }
        for (title, triggering) in [("Examples that trigger it (↓ marks where the finding points)", true), ("Examples that pass", false)] {
            let examples = description.examples.filter { $0.triggers == triggering }
            guard !examples.isEmpty else { continue }
            lines += ["", "## \(title)"]
            for example in examples {
                lines += ["", "`\(example.file)`:", "", "```\(fenceLanguage(example.file))", example.text.trimmingTrailingNewlines, "```"]
            }
        }
        lines += ["", "## Sources", ""]
        lines += description.sources.map { "- [\($0.title)](\($0.url.hasPrefix("https://") ? $0.url : "../../\($0.url)"))" }
        lines += ["", "## Turning it off", "",
                  "`xrayctl lint --disable \(description.id)`, a `# xrayctl:disable=\(description.id)` comment on the line or the line above,"
                  + " or an `ignore:` entry in `.xrayctl.yaml` (see the README's \"Linting\" section)."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// SARIF's `help.markdown`: the page without examples (code-scanning services show it beside a result).
    public static func helpMarkdown(_ description: RuleDescription) -> String {
        var lines = [description.summary, "", description.rationale, "", "Sources:", ""]
        lines += description.sources.map { source in absoluteURL(source).map { "- [\(source.title)](\($0))" } ?? "- \(source.title) (xrayctl's \(source.url))" }
        let page = pageURL(description.id).map { "[\(description.id)](\($0))" }
        lines += ["", "Examples and the fix: " + (page ?? "`xrayctl rules \(description.id)`, or docs/rules/\(description.id).md in xrayctl's repository")]
        return lines.joined(separator: "\n")
    }

    /// Every page of `docs/rules/`, by file name, with an index.
    public static func pages(_ descriptions: [RuleDescription]) -> [String: String] {
        var pages = Dictionary(uniqueKeysWithValues: descriptions.map { ("\($0.id).md", markdownPage($0)) })
        var index = ["# xrayctl rules", "", "Generated from the rule catalogue by `xrayctl rules --format markdown ID`;"
                     + " `XRAYCTL_RECORD=docs swift test` refreshes these pages.", "",
                     "| ID | name | severity | triggers when |", "|---|---|---|---|"]
        index += descriptions.map {
            "| [\($0.id)](\($0.id).md) | \($0.name) | \($0.severity.rawValue) | \($0.summary.replacingOccurrences(of: "|", with: "\\|")) |"
        }
        pages["README.md"] = index.joined(separator: "\n") + "\n"
        return pages
    }

    package static func layerText(_ layer: RuleDescription.Layer) -> String {
        switch layer {
        case .lint: return "reported by `xrayctl lint`"
        case .project: return "reported by `xrayctl doctor` from the application code"
        case .live: return "reported by `xrayctl doctor` against a running setup"
        }
    }

    /// The first triggering example's first finding: what a user sees. Only lint examples run here;
    /// doctor's examples need a project folder or a live setup.
    package static func firstFinding(_ description: RuleDescription) -> Finding? {
        guard description.layer == .lint, let example = description.examples.first(where: \.triggers) else { return nil }
        return example.findings(of: description.id, today: exampleDay).first
    }

    package static func fenceLanguage(_ file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "json": return "json"
        case "yaml", "yml", "config": return "yaml"
        case "py": return "python"
        case "js", "mjs", "cjs": return "javascript"
        case "ts": return "typescript"
        case "java": return "java"
        case "go": return "go"
        case "cs": return "csharp"
        case "rb": return "ruby"
        default: return ""
        }
    }
}

extension String {
    package var trimmingTrailingNewlines: String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
