import Foundation

/// Turns command-line paths into documents: files as given, folders walked recursively.
public enum FileCollector {
    /// Folders never entered.
    public static let skippedFolders: Set<String> = [".git", ".build", "node_modules", ".swiftpm"]
    /// Extensions read when walking a folder (`.ebextensions` files are read whatever their name, for XR303).
    public static let extensions: Set<String> = ["json", "yaml", "yml", "template", "config"]

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case unreadable(String)
        case nothingToLint([String])

        public var description: String {
            switch self {
            case .unreadable(let path): return "\(path):1:1: error: cannot read this file (no such file, or not readable)"
            case .nothingToLint(let paths): return "\(paths.joined(separator: ", ")):1:1: error: nothing to lint: no JSON or YAML files found"
            }
        }
    }

    /// Loads every file named or found. `stdin` supplies the content for `-`.
    public static func collect(_ paths: [String], stdin: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) throws(Problem) -> [SourceDocument] {
        try gather(paths, stdin: stdin).documents
    }

    /// The documents to lint, and the files a folder walk read but passed over (JSON or YAML of
    /// no kind xrayctl lints), which a report names so nothing is skipped silently.
    public static func gather(_ paths: [String], stdin: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() })
        throws(Problem) -> (documents: [SourceDocument], skipped: [String]) {
        var documents: [SourceDocument] = []
        var skipped: [String] = []
        for path in paths {
            if path == "-" {
                documents += DocumentLoader.loadAll(path: "-", data: stdin()).map { var document = $0; document.explicitlyNamed = true; return document }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .unreadable(path) }
            if isDirectory.boolValue {
                for file in walk(path) {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    // Found by walking: only what is recognised (or broken in a recognisable way) counts.
                    let found = DocumentLoader.loadAll(path: file, data: data).filter { document in
                        document.kind != .unknown || document.isInEbextensions || !document.loadFindings.isEmpty && looksStructured(file)
                    }
                    if found.isEmpty { skipped.append(file) }
                    documents += found
                }
            } else {
                guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
                let loaded = DocumentLoader.loadAll(path: path, data: data)
                // A stream of documents none of which xrayctl lints is one "not a kind" finding, not one per document.
                let relevant = loaded.filter { $0.kind != .unknown || !$0.loadFindings.isEmpty }
                documents += (relevant.isEmpty ? [loaded[0]] : relevant).map { var document = $0; document.explicitlyNamed = true; return document }
            }
        }
        guard !documents.isEmpty || !skipped.isEmpty else { throw .nothingToLint(paths) }
        return (documents, skipped)
    }

    /// A JSON or YAML file by its name: a syntax error in one is worth reporting even when walking.
    static func looksStructured(_ path: String) -> Bool {
        ["json", "yaml", "yml", "template"].contains((path as NSString).pathExtension.lowercased())
    }

    /// Files below a folder, sorted, skipping the folders above.
    static func walk(_ root: String) -> [String] {
        var files: [String] = []
        FolderWalk.visit(root, enter: { !skippedFolders.contains($0) && !$0.hasPrefix(".build") }) { folder, entry, path in
            if extensions.contains((entry as NSString).pathExtension.lowercased())
                || folder.hasSuffix("/.ebextensions") || entry == "Dockerrun.aws.json" {
                files.append(path)
            }
            return true
        }
        return files.sorted()
    }
}

/// `.xrayctl.yaml`: project-wide lint settings (`disable: [XR104]`, optionally `enable-only`, `fail-on`).
public struct LintConfigFile: Sendable {
    public var disable: [String] = []
    public var enableOnly: [String]?
    public var failOn: Severity?

    public static let name = ".xrayctl.yaml"

    public static func load(from directory: String = ".") throws(Diagnostic) -> LintConfigFile? {
        let path = directory == "." ? name : directory + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let root = try YAMLLoader.load(String(decoding: data, as: UTF8.self), file: path) else { return LintConfigFile() }
        let reader = NodeReader()
        var config = LintConfigFile()
        if let fields = reader.fields(root, name, keys: ["disable", "enable-only", "fail-on"]) {
            config.disable = fields["disable"].flatMap { reader.stringList($0, "disable") } ?? []
            config.enableOnly = fields["enable-only"].flatMap { reader.stringList($0, "enable-only") }
            if let node = fields["fail-on"], let text = reader.choice(node, "fail-on", from: Severity.allCases.map(\.rawValue)) {
                config.failOn = Severity(rawValue: text)
            }
            for id in config.disable + (config.enableOnly ?? []) where RuleCatalog.rule(id) == nil {
                reader.error(root, "unknown rule '\(id)' in \(name)")
            }
        }
        if let error = reader.diagnostics.first(where: { $0.severity == .error }) { throw error }
        return config
    }
}
