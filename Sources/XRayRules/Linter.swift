import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

/// Which rules run and what they may report.
public struct LintOptions: Sendable {
    public var disabled: Set<String> = []
    /// When set, only these rules run.
    public var enabledOnly: Set<String>?
    public var today = Date()

    public init(disabled: Set<String> = [], enabledOnly: Set<String>? = nil, today: Date = Date()) {
        self.disabled = disabled
        self.enabledOnly = enabledOnly
        self.today = today
    }

    package func isEnabled(_ id: String) -> Bool {
        !disabled.contains(id) && (enabledOnly?.contains(id) ?? true)
    }
}

/// What a lint run reports, and how many findings a suppression removed.
public struct LintResult: Sendable {
    public var findings: [Finding]
    /// Findings of rules that ran, removed by a `# xrayctl:disable` comment, CloudFormation
    /// `Metadata`, or a disabled rule of an embedded document (XR305 and XR912 carry one).
    public var suppressed: Int
}

/// Runs the catalogue over a set of documents.
public enum Linter {
    public static func lint(_ documents: [SourceDocument], options: LintOptions = LintOptions()) -> [Finding] {
        run(documents, options: options).findings
    }

    public static func run(_ documents: [SourceDocument], options: LintOptions = LintOptions()) -> LintResult {
        let run = LintRun(documents: documents, today: options.today)
        // Rules only read the run, so they run on all cores; the findings are sorted below.
        let rules = RuleCatalog.lintRules.filter { options.isEnabled($0.description.id) }
        let findings = documents.flatMap(\.loadFindings) + Parallel.map(rules, split: run.splitsOverCores) { $0.check(run) }.flatMap { $0 }
        let suppressions = Suppressions(documents)
        let reported = Set(refusingOverBudget(findings, documents)).filter { options.isEnabled($0.rule) }
        let kept = reported.filter { finding in
            !suppressions.suppresses(finding) && !(finding.innerRule.map(options.disabled.contains) ?? false)
        }
        return LintResult(findings: addressed(kept.sorted(by: Finding.ordered), documents), suppressed: reported.count - kept.count)
    }

    /// A file whose documents written as strings expand beyond its node budget is refused as a
    /// whole: one XR001, its load findings, and nothing from the rules, which saw some of those
    /// documents and not others (which ones depends on the order the rules ran in).
    package static func refusingOverBudget(_ findings: [Finding], _ documents: [SourceDocument]) -> [Finding] {
        let refused = Set(documents.filter(\.nodeBudget.isExhausted).map(\.path))
        guard !refused.isEmpty else { return findings }
        let loadFindings = documents.filter { refused.contains($0.path) }.flatMap(\.loadFindings)
        return findings.filter { !refused.contains($0.location.file) } + loadFindings
            + refused.map { ParseError.finding(at: SourceLocation(file: $0, line: 1, column: 1), YAMLLoader.fileBudgetMessage) }
    }

    /// Findings in a Terraform plan name the resource they are about (the longest matching pointer).
    package static func addressed(_ findings: [Finding], _ documents: [SourceDocument]) -> [Finding] {
        var addresses: [String: [TerraformPlan.Address]] = [:]
        for document in documents where !document.terraformAddresses.isEmpty {
            addresses[document.path, default: []] += document.terraformAddresses
        }
        guard !addresses.isEmpty else { return findings }
        // By pointer, so each finding looks up its pointer's prefixes rather than every resource.
        var byPointer: [String: [String: String]] = [:]
        for (file, list) in addresses {
            byPointer[file] = Dictionary(list.map { ($0.pointer, $0.address) }) { first, _ in first }
        }
        return findings.map { finding in
            var finding = finding
            guard let pointers = byPointer[finding.location.file] else { return finding }
            // The longest prefix ending where a pointer segment (`/`) or an embedded document (`#`) starts.
            var prefix = Substring(finding.pointer)
            while true {
                if let address = pointers[String(prefix)] {
                    finding.address = address
                    break
                }
                guard let cut = prefix.lastIndex(where: { $0 == "/" || $0 == "#" }) else { break }
                prefix = prefix[..<cut]
            }
            return finding
        }
    }
}

/// `# xrayctl:disable=XR104[,XR105]` on the finding's line or the line above it.
package struct Suppressions {
    private var byFile: [String: [Int: Set<String>]] = [:]

    /// CloudFormation `Metadata: {xrayctl: {disable: [XR110]}}`, on a resource (pointer prefix
    /// `/Resources/ID`) or the template (prefix ""), as cfn-lint reads `Metadata.cfn-lint`: JSON
    /// templates cannot hold comments.
    private var byPointer: [String: [(prefix: String, rules: Set<String>)]] = [:]

    package init(_ documents: [SourceDocument]) {
        // The documents of one YAML stream (or a plan and its settings) share their file's text:
        // each file is read once, not once per document.
        var scanned = Set<String>()
        for document in documents where scanned.insert(document.path).inserted && Self.mentionsMarker(document.text) {
            var lines: [Int: Set<String>] = [:]
            for comment in Self.comments(in: document.text) where comment.wellFormed { lines[comment.line] = Set(comment.ids) }
            byFile[document.path] = lines
        }
        for document in documents where document.kind == .cloudFormation {
            guard let root = document.root else { continue }
            var entries: [(String, Set<String>)] = []
            if let rules = Self.metadataRules(root["Metadata"]) { entries.append(("", rules)) }
            for (key, resource) in root["Resources"]?.pairs ?? [] {
                if let id = key.text, let rules = Self.metadataRules(resource["Metadata"]) {
                    entries.append(("/Resources/" + LocatedNode.escape(id), rules))
                }
            }
            if !entries.isEmpty { byPointer[document.path, default: []] += entries }
        }
    }

    package static func metadataRules(_ metadata: LocatedNode?) -> Set<String>? {
        guard let list = metadata?["xrayctl"]?["disable"] else { return nil }
        return Set(list.asList.compactMap(\.text).map { $0.uppercased() })
    }

    package struct Comment {
        package var line: Int
        /// Where `xrayctl:disable` starts.
        package var column: Int
        /// Written with `=` (the only form that suppresses).
        package var wellFormed: Bool
        package var ids: [String]
    }

    /// Every `xrayctl:disable` in a comment (after `#`), well formed or not.
    package static func comments(in text: String) -> [Comment] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard let range = line.range(of: "xrayctl:disable"), line[..<range.lowerBound].contains("#") else { return nil }
            let rest = line[range.upperBound...]
            let column = line[..<range.lowerBound].unicodeScalars.count + 1
            guard rest.first == "=" else { return Comment(line: index + 1, column: column, wellFormed: false, ids: []) }
            let ids = rest.dropFirst().prefix { !$0.isWhitespace }.split(separator: ",").map { String($0).uppercased() }
            return Comment(line: index + 1, column: column, wellFormed: true, ids: ids)
        }
    }

    /// A byte search: most files have no marker, and this runs on every file.
    package static func mentionsMarker(_ text: String) -> Bool {
        text.containsBytes("xrayctl:disable")
    }

    /// Whether a comment or Metadata names the finding's rule, or the embedded document's rule it carries.
    package func suppresses(_ finding: Finding) -> Bool {
        let ids = finding.ruleIDs
        if byPointer[finding.location.file]?.contains(where: { entry in
            ids.contains(where: entry.rules.contains) && (entry.prefix.isEmpty || finding.pointer == entry.prefix || finding.pointer.hasPrefix(entry.prefix + "/"))
        }) == true { return true }
        guard let lines = byFile[finding.location.file] else { return false }
        return [finding.location.line, finding.location.line - 1].contains { line in lines[line].map { ids.contains(where: $0.contains) } == true }
    }
}
