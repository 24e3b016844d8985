import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// What a report needs: the findings, how many files were read, and the catalogue.
public struct LintReport: Sendable {
    public var findings: [Finding]
    public var fileCount: Int
    /// Files a folder walk passed over: JSON or YAML of no kind xrayctl lints.
    public var skipped: [String]
    /// List the skipped files in text output (always listed in JSON).
    public var listSkipped: Bool
    /// Findings a suppression removed (comments, Metadata, `ignore:` entries, embedded rules turned off).
    public var suppressed: Int

    public init(findings: [Finding], fileCount: Int, skipped: [String] = [], listSkipped: Bool = false, suppressed: Int = 0) {
        self.findings = findings
        self.fileCount = fileCount
        self.skipped = skipped
        self.listSkipped = listSkipped
        self.suppressed = suppressed
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// Whether any finding is at or above the threshold (exit code 1).
    public func fails(at threshold: Severity) -> Bool { findings.contains { $0.severity >= threshold } }
}

public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif

    public func render(_ report: LintReport, color: Bool = false) -> String {
        switch self {
        case .text: return TextReporter.render(report, color: color)
        case .json: return JSONReporter.render(report)
        case .sarif: return SARIFReporter.render(report)
        }
    }
}

/// `file:line:column: severity: message [RULE]` lines, then a summary.
public enum TextReporter {
    /// ANSI colours for the severity word: red errors, yellow warnings, blue infos.
    package static func colored(_ severity: Severity) -> String {
        let code = severity == .error ? "31" : severity == .warning ? "33" : "34"
        return "\u{1B}[1;\(code)m\(severity.rawValue)\u{1B}[0m"
    }

    public static func render(_ report: LintReport, color: Bool = false) -> String {
        var lines = report.findings.map { finding -> String in
            let severity = color ? colored(finding.severity) : finding.severity.rawValue
            var line = "\(finding.location): \(severity): \(finding.message) [\(finding.rule)]"
            if let address = finding.address { line += "\n    resource: \(address)" }
            if let fix = finding.fix { line += "\n    fix: \(fix)" }
            return line
        }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        lines.append("\(plural(report.fileCount, "file")) checked: \(plural(report.count(.error), "error")), \(plural(report.count(.warning), "warning")), \(plural(report.count(.info), "info"))\(report.suppressed > 0 ? ", \(report.suppressed) suppressed" : "")")
        if !report.skipped.isEmpty {
            lines.append("\(plural(report.skipped.count, "file")) skipped (not a kind xrayctl lints)\(report.listSkipped ? ":" : "; --verbose lists them")")
            if report.listSkipped { lines += report.skipped.map { "  \($0)" } }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The JSON report (`--format json`, its schema in the README): one object with `tool`, `findings` and `summary`.
public enum JSONReporter {
    package struct Document: Encodable {
        package struct Tool: Encodable { package var name = "xrayctl"; package var version = XRayKit.version }
        package struct Entry: Encodable {
            package var finding: Finding
            package enum CodingKeys: String, CodingKey { case rule, severity, message, file, line, column, pointer, address, fix }
            package func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(finding.rule, forKey: .rule)
                try container.encode(finding.severity.rawValue, forKey: .severity)
                try container.encode(finding.message, forKey: .message)
                try container.encode(finding.location.file, forKey: .file)
                try container.encode(finding.location.line, forKey: .line)
                try container.encode(finding.location.column, forKey: .column)
                try container.encode(finding.pointer, forKey: .pointer)
                // Only for Terraform plans: reports of other files keep their shape.
                try container.encodeIfPresent(finding.address, forKey: .address)
                try container.encode(finding.fix, forKey: .fix)
            }
        }
        package struct Summary: Encodable { package var files: Int; package var errors: Int; package var warnings: Int; package var infos: Int }
        package var tool = Tool()
        package var findings: [Entry]
        package var skipped: [String]
        package var summary: Summary
    }

    public static func render(_ report: LintReport) -> String {
        CanonicalJSON.encode(Document(findings: report.findings.map { Document.Entry(finding: $0) }, skipped: report.skipped,
                                      summary: .init(files: report.fileCount, errors: report.count(.error),
                                                     warnings: report.count(.warning), infos: report.count(.info))))
    }
}

/// SARIF 2.1.0 with the catalogue as `tool.driver.rules`, for code-scanning services.
public enum SARIFReporter {
    package static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    public static func render(_ report: LintReport) -> String {
        let index = ruleIndex
        return CanonicalJSON.encode(log(results: report.findings.map { result($0, index: index) }))
    }

    /// Each rule's place in `tool.driver.rules`, for a result's `ruleIndex`.
    package static var ruleIndex: [String: Int] {
        Dictionary(uniqueKeysWithValues: RuleCatalog.descriptions.enumerated().map { ($0.element.id, $0.offset) })
    }

    /// The log around its results: one run, the catalogue as its driver's rules.
    package static func log(results: [JSONValue]) -> JSONValue {
        let descriptions = RuleCatalog.descriptions
        let rules: [JSONValue] = descriptions.map { description in
            var rule: [String: JSONValue] = [
                "id": .string(description.id),
                "name": .string(description.name),
                "shortDescription": ["text": .string(description.summary)],
                "fullDescription": ["text": .string(description.rationale)],
                "help": [
                    "text": .string("\(description.summary)\n\n\(description.rationale)\n\nxrayctl rules \(description.id)"),
                    "markdown": .string(RuleDocs.helpMarkdown(description)),
                ],
                "defaultConfiguration": ["level": .string(level(description.severity))],
            ]
            // Only where the pages are published (XRayKit.repositoryURL): never a placeholder.
            if let page = RuleDocs.pageURL(description.id) { rule["helpUri"] = .string(page) }
            return .object(rule)
        }
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "xrayctl",
                    "version": .string(XRayKit.version),
                    "rules": .array(rules),
                ]],
                "results": .array(results),
            ]],
        ]
    }

    /// One finding as a SARIF result.
    package static func result(_ finding: Finding, index: [String: Int]) -> JSONValue {
        var result: [String: JSONValue] = [
            "ruleId": .string(finding.rule),
            "level": .string(level(finding.severity)),
            "message": ["text": .string(finding.fix.map { "\(finding.message). Fix: \($0)" } ?? finding.message)],
            "locations": [[
                "physicalLocation": [
                    "artifactLocation": ["uri": .string(uri(finding.location.file))],
                    "region": ["startLine": .int(finding.location.line), "startColumn": .int(finding.location.column)],
                ],
            ]],
        ]
        if let ruleIndex = index[finding.rule] { result["ruleIndex"] = .int(ruleIndex) }
        if let address = finding.address {
            // SARIF's place for "which resource": a logical location next to the physical one.
            if case .array(var locations)? = result["locations"], case .object(var first)? = locations.first {
                first["logicalLocations"] = [["fullyQualifiedName": .string(address), "kind": "resource"]]
                locations[0] = .object(first)
                result["locations"] = .array(locations)
            }
        }
        if !finding.pointer.isEmpty { result["properties"] = ["pointer": .string(finding.pointer)] }
        return .object(result)
    }

    /// A relative URI for a path as given (SARIF wants URI references, with spaces escaped).
    package static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}
