import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// XR001 and XR003 are found while a file loads: the loader reports them through these types
// (`ParseError.finding`), since nothing else can be read from a file that does not parse.
package struct InvalidSuppression: LintRule {
    package static let description = RuleDescription(
        id: "XR005", name: "invalid-suppression", severity: .warning,
        summary: "An `# xrayctl:disable` comment that suppresses nothing: no `=`, or a rule ID that does not exist.",
        rationale: "A suppression that is silently ignored leaves the finding it was written for in place, or worse, makes a reader believe a finding is handled. The form is `# xrayctl:disable=XR104[,XR105]` on the finding's line or the line above.",
        sources: [.repository("xrayctl README: Linting", "README.md#linting")],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\n# ↓xrayctl:disable XR509\nNoVerifySSL: true\n"),
            RuleExample("cfg.yaml", "Version: 2\n# ↓xrayctl:disable=XR590\nRegion: us-east-1\n"),
            RuleExample("cfg.yaml", "Version: 2\n# xrayctl:disable=XR509\nNoVerifySSL: true\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
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
