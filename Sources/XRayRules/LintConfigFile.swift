import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

/// `.xrayctl.yaml`: project-wide lint settings (`disable: [XR104]`, optionally `enable-only`,
/// `fail-on`, and `ignore: [{path: GLOB, rules: [XR110]}]` for files that cannot hold a comment).
public struct LintConfigFile: Sendable {
    public var disable: [String] = []
    public var enableOnly: [String]?
    public var failOn: Severity?
    public var ignore: [PathIgnore] = []
    /// Where it was found.
    public var path: String = name
    /// Where `enable-only` (else `disable`) is written, for the warning when they leave nothing on.
    package var switchesLocation: SourceLocation?

    /// Rules (all of them when empty) that do not apply to files matching a glob (`*` within a
    /// folder name, `**` across folders), relative to the config file's folder.
    public struct PathIgnore: Sendable {
        public var glob: String
        public var rules: [String]
    }

    public static let name = ".xrayctl.yaml"

    /// The `.xrayctl.yaml` that applies to `directory`: the nearest from there up to the repository
    /// root (the folder holding `.git`); outside a repository only the folder's own, since a file in
    /// some folder above (a home folder's, say) would change the rules without anyone seeing it.
    public static func find(from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        let start = URL(fileURLWithPath: directory).standardizedFileURL
        var folder = start
        var nearest: String?
        while true {
            let candidate = folder.appendingPathComponent(name).path
            if nearest == nil, FileManager.default.fileExists(atPath: candidate) { nearest = candidate }
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return nearest }
            if folder.path == "/" || folder.path.isEmpty { break }
            folder = folder.deletingLastPathComponent()
        }
        let own = start.appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: own) ? own : nil
    }

    /// The `.xrayctl.yaml` that applies to a linted path: `find(from:)` the path itself (a file's
    /// folder), so `xrayctl lint repo` from outside honours `repo/.xrayctl.yaml`; standard input
    /// (`-`) from the working directory.
    public static func find(forLinted path: String) -> String? {
        guard path != "-" else { return find() }
        var isDirectory: ObjCBool = false
        let folder = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
        return find(from: folder)
    }

    /// Reads the file at `path`, or the nearest one from the working directory when nil.
    public static func load(path explicit: String? = nil) throws(Diagnostic) -> LintConfigFile? {
        guard let path = explicit ?? find() else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic.error(at: SourceLocation(file: path, line: 1, column: 1), "cannot read the configuration file")
        }
        var config = LintConfigFile()
        config.path = path
        guard let root = try YAMLLoader.load(String(decoding: data, as: UTF8.self), file: path) else { return config }
        let reader = NodeReader()
        if let fields = reader.fields(root, name, keys: ["disable", "enable-only", "fail-on", "ignore"]) {
            config.disable = fields["disable"].flatMap { reader.stringList($0, "disable") } ?? []
            config.enableOnly = fields["enable-only"].flatMap { reader.stringList($0, "enable-only") }
            config.switchesLocation = (fields["enable-only"] ?? fields["disable"])?.location
            if let node = fields["fail-on"], let text = reader.choice(node, "fail-on", from: Severity.allCases.map(\.rawValue)) {
                config.failOn = Severity(rawValue: text)
            }
            for entry in fields["ignore"]?.items ?? [] {
                guard let ignore = reader.fields(entry, "an ignore entry", keys: ["path", "rules"]),
                      let glob = reader.required(ignore, "path", "an ignore entry").flatMap({ reader.string($0, "path") }) else { continue }
                let rules = ignore["rules"].flatMap { reader.stringList($0, "rules") } ?? []
                for id in rules where RuleCatalog.rule(id) == nil { reader.error(entry, "unknown rule '\(id)' in \(name)") }
                config.ignore.append(PathIgnore(glob: glob, rules: rules.map { $0.uppercased() }))
            }
            if fields["ignore"] != nil && fields["ignore"]?.items == nil { reader.error(fields["ignore"]!, "ignore must be a list of {path, rules}") }
            for id in config.disable + (config.enableOnly ?? []) where RuleCatalog.rule(id) == nil {
                reader.error(root, "unknown rule '\(id)' in \(name)")
            }
        }
        if let error = reader.diagnostics.first(where: { $0.severity == .error }) { throw error }
        return config
    }

    /// Whether the file turns off every rule but the input checks (XR001–XR005), so that lint
    /// says nothing about a setup: worth a warning, as a file found in a folder above the one
    /// linted can do it unseen.
    public var turnsOffEveryCheck: Bool {
        let options = LintOptions(disabled: Set(disable.map { $0.uppercased() }), enabledOnly: enableOnly.map { Set($0.map { $0.uppercased() }) })
        let input = Set(RuleCatalog.rules(in: .input).map(\.description.id))
        return RuleCatalog.descriptions.allSatisfy { input.contains($0.id) || !options.isEnabled($0.id) }
    }

    /// The warning for `turnsOffEveryCheck`, located at `enable-only` or `disable`.
    public var everyCheckOffWarning: Diagnostic? {
        guard turnsOffEveryCheck else { return nil }
        return .warning(at: switchesLocation ?? SourceLocation(file: path, line: 1, column: 1),
                        "this configuration turns off every rule but the input checks (XR001-XR005): nothing about the setup is checked")
    }

    /// The rules the file leaves on: `disable` and `enable-only`.
    public var options: LintOptions {
        LintOptions(disabled: Set(disable.map { $0.uppercased() }), enabledOnly: enableOnly.map { Set($0.map { $0.uppercased() }) })
    }

    /// What the file does to a finding of a lint run.
    public enum Verdict: Sendable, Equatable {
        case kept
        /// Its rule is one the file turns off (`disable`, `enable-only`).
        case off
        /// An `ignore` entry matches it, or it carries an embedded document's rule the file disables.
        case suppressed
    }

    public func verdict(_ finding: Finding) -> Verdict {
        let options = self.options
        guard options.isEnabled(finding.rule) else { return .off }
        if let inner = finding.innerRule, options.disabled.contains(inner) { return .suppressed }
        return ignores(finding) ? .suppressed : .kept
    }

    /// Whether a finding in `file` is ignored by a path entry (naming its rule, or the embedded
    /// document's rule it carries).
    public func ignores(_ finding: Finding) -> Bool {
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        let file = URL(fileURLWithPath: finding.location.file).standardizedFileURL.path
        let relative = file.hasPrefix(base + "/") ? String(file.dropFirst(base.count + 1)) : finding.location.file
        return ignore.contains { entry in
            (entry.rules.isEmpty || finding.ruleIDs.contains(where: entry.rules.contains)) && Self.matches(entry.glob, relative)
        }
    }

    /// Glob matching on paths: `**` any folders, `*` and `?` within one name.
    ///
    /// The glob's parts are walked as a set of positions, one path part at a time (a
    /// non-deterministic automaton), so the time is the product of the two lengths whatever the
    /// number of `**`: trying every split for each `**` in turn took exponential time.
    package static func matches(_ glob: String, _ path: String) -> Bool {
        let clean = glob.hasPrefix("./") ? String(glob.dropFirst(2)) : glob
        let pattern = clean.split(separator: "/").map(String.init)
        /// The positions reachable from `positions` without reading a part: a `**` may match none.
        func closure(_ positions: Set<Int>) -> Set<Int> {
            var result = positions
            var pending = Array(positions)
            while let position = pending.popLast() {
                if position < pattern.count, pattern[position] == "**", result.insert(position + 1).inserted { pending.append(position + 1) }
            }
            return result
        }
        var positions = closure([0])
        for part in path.split(separator: "/").map(String.init) {
            var next = Set<Int>()
            for position in positions where position < pattern.count {
                let segment = pattern[position]
                if segment == "**" {
                    next.insert(position)
                } else if segment == part || WildcardPattern.matches(segment, part) {
                    next.insert(position + 1)
                }
            }
            positions = closure(next)
            if positions.isEmpty { return false }
        }
        return positions.contains(pattern.count)
    }
}
