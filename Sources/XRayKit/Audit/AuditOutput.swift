import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// How `xrayctl audit` writes its findings as each account×region pair finishes, so a run holds one
/// pair's findings at a time, never the organisation's:
/// - text: the finding lines of each pair, then the summary line;
/// - json: lint's JSON report (`findings`, `skipped`, `summary`, `tool`), written compact with one
///   finding a line: the opening up to `"findings":[` first, each pair's entries as they come, the
///   summary at the end (its counts are the only thing carried through the run);
/// - sarif: lint's SARIF log, its catalogue first and each pair's results as they come;
/// - asff: `{"Findings": [...]}` lines of at most 100 findings, each line within one pair.
/// Pairs are written in a fixed order (accounts by ID, regions as given), findings sorted within a pair.
package final class AuditOutput: @unchecked Sendable {
    private let format: AuditFormat
    private let now: Date
    private let write: @Sendable (String) -> Void
    private var home = ""
    private var written = 0
    private var counts: [Severity: Int] = [:]
    private var ruleIndex: [String: Int] = [:]
    /// The end of the JSON or SARIF document, after its findings.
    private var closing = ""

    package init(format: AuditFormat, now: Date, write: @escaping @Sendable (String) -> Void) {
        self.format = format
        self.now = now
        self.write = write
    }

    /// `home`: the region findings about global resources (IAM) are filed in, in ASFF.
    package func begin(home: String) {
        self.home = home
        switch format {
        case .text, .asff: break
        case .json:
            // The rest of the report is known only at the end: findings is its first key (sorted keys).
            write("{\"findings\":[")
        case .sarif:
            ruleIndex = SARIFReporter.ruleIndex
            let empty = CanonicalJSON.compact(SARIFReporter.log(results: []))
            let (opening, rest) = Self.split(empty, at: "\"results\":[]")
            write(opening + "\"results\":[")
            closing = "]" + rest
        }
    }

    /// One pair's findings, sorted; `account` is the pair's account.
    package func pair(_ findings: [Finding], account: String? = nil) {
        guard !findings.isEmpty else { return }
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        switch format {
        case .text:
            write(findings.map(Self.line).joined())
        case .json:
            write(findings.map { "\(separator())\n" + CanonicalJSON.compact(JSONReporter.Document.Entry(finding: $0)) }.joined())
        case .sarif:
            write(findings.map { "\(separator())\n" + CanonicalJSON.compact(SARIFReporter.result($0, index: ruleIndex)) }.joined())
        case .asff:
            write(ASFF.render(findings, home: home, account: account, now: now))
        }
    }

    /// The summary (text), the rest of the document (json, sarif).
    package func end(accounts: Int, pairs: Int) {
        func count(_ severity: Severity) -> Int { counts[severity] ?? 0 }
        switch format {
        case .text:
            func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
            write("\(plural(accounts, "account")), \(plural(pairs, "account×region pair")) audited: \(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(plural(count(.info), "info"))\n")
        case .json:
            let rest = CanonicalJSON.compact(JSONReporter.Document(findings: [], skipped: [],
                                                                   summary: .init(files: pairs, errors: count(.error), warnings: count(.warning), infos: count(.info))))
            write((written > 0 ? "\n" : "") + "]" + Self.split(rest, at: "\"findings\":[]").1 + "\n")
        case .sarif:
            write((written > 0 ? "\n" : "") + closing + "\n")
        case .asff: break
        }
    }

    private func separator() -> String {
        written += 1
        return written == 1 ? "" : ","
    }

    private static func line(_ finding: Finding) -> String {
        "\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]\n" + (finding.fix.map { "    fix: \($0)\n" } ?? "")
    }

    /// Compact JSON split around a key's empty array (the key is structural: quotes in strings are escaped).
    private static func split(_ json: String, at marker: String) -> (String, String) {
        guard let range = json.range(of: marker) else { preconditionFailure("\(marker) is not in the document") }
        return (String(json[..<range.lowerBound]), String(json[range.upperBound...]))
    }
}
