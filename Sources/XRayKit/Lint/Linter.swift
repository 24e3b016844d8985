import Foundation

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

    func isEnabled(_ id: String) -> Bool {
        !disabled.contains(id) && (enabledOnly?.contains(id) ?? true)
    }
}

/// Runs the catalogue over a set of documents.
public enum Linter {
    public static func lint(_ documents: [SourceDocument], options: LintOptions = LintOptions()) -> [Finding] {
        let run = LintRun(documents: documents, today: options.today)
        // Rules only read the run, so they run on all cores; the findings are sorted below.
        let rules = RuleCatalog.lintRules.filter { options.isEnabled($0.description.id) }
        let findings = documents.flatMap(\.loadFindings) + Parallel.map(rules) { $0.check(run) }.flatMap { $0 }
        let suppressions = Suppressions(documents)
        let kept = Set(findings).filter { options.isEnabled($0.rule) && !suppressions.suppresses($0) }
        return addressed(kept.sorted(by: Finding.ordered), documents)
    }

    /// Findings in a Terraform plan name the resource they are about (the longest matching pointer).
    static func addressed(_ findings: [Finding], _ documents: [SourceDocument]) -> [Finding] {
        var addresses: [String: [TerraformPlan.Address]] = [:]
        for document in documents where !document.terraformAddresses.isEmpty {
            addresses[document.path, default: []] += document.terraformAddresses
        }
        guard !addresses.isEmpty else { return findings }
        return findings.map { finding in
            var finding = finding
            let candidates = (addresses[finding.location.file] ?? []).filter {
                finding.pointer == $0.pointer || finding.pointer.hasPrefix($0.pointer + "/") || finding.pointer.hasPrefix($0.pointer + "#")
            }
            finding.address = candidates.max { $0.pointer.count < $1.pointer.count }?.address
            return finding
        }
    }
}

/// `# xrayctl:disable=XR104[,XR105]` on the finding's line or the line above it.
struct Suppressions {
    private var byFile: [String: [Int: Set<String>]] = [:]

    /// CloudFormation `Metadata: {xrayctl: {disable: [XR110]}}`, on a resource (pointer prefix
    /// `/Resources/ID`) or the template (prefix ""), as cfn-lint reads `Metadata.cfn-lint`: JSON
    /// templates cannot hold comments.
    private var byPointer: [String: [(prefix: String, rules: Set<String>)]] = [:]

    init(_ documents: [SourceDocument]) {
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

    static func metadataRules(_ metadata: LocatedNode?) -> Set<String>? {
        guard let list = metadata?["xrayctl"]?["disable"] else { return nil }
        return Set(list.asList.compactMap(\.text).map { $0.uppercased() })
    }

    struct Comment {
        var line: Int
        /// Where `xrayctl:disable` starts.
        var column: Int
        /// Written with `=` (the only form that suppresses).
        var wellFormed: Bool
        var ids: [String]
    }

    /// Every `xrayctl:disable` in a comment (after `#`), well formed or not.
    static func comments(in text: String) -> [Comment] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard let range = line.range(of: "xrayctl:disable"), line[..<range.lowerBound].contains("#") else { return nil }
            let rest = line[range.upperBound...]
            let column = line[..<range.lowerBound].unicodeScalars.count + 1
            guard rest.first == "=" else { return Comment(line: index + 1, column: column, wellFormed: false, ids: []) }
            let ids = rest.dropFirst().prefix { !$0.isWhitespace }.split(separator: ",").map { String($0).uppercased() }
            return Comment(line: index + 1, column: column, wellFormed: true, ids: ids)
        }
    }

    static let marker = Array("xrayctl:disable".utf8)

    /// A plain byte scan: most files have no marker, and this runs on every file.
    static func mentionsMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= marker.count else { return false }
            for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
                if (1..<marker.count).allSatisfy({ bytes[start + $0] == marker[$0] }) { return true }
            }
            return false
        }
    }

    func suppresses(_ finding: Finding) -> Bool {
        if byPointer[finding.location.file]?.contains(where: { entry in
            entry.rules.contains(finding.rule) && (entry.prefix.isEmpty || finding.pointer == entry.prefix || finding.pointer.hasPrefix(entry.prefix + "/"))
        }) == true { return true }
        guard let lines = byFile[finding.location.file] else { return false }
        return [finding.location.line, finding.location.line - 1].contains { lines[$0]?.contains(finding.rule) == true }
    }
}
