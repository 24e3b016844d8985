import Foundation
import XRayCore
import XRaySampling

/// Turns command-line paths into documents: files as given, folders walked recursively, each
/// folder's `.tf` files read together as one Terraform module.
public enum FileCollector {
    /// Folders never entered.
    public static let skippedFolders: Set<String> = [".git", ".build", "node_modules", ".swiftpm"]
    /// Extensions read when walking a folder (`.ebextensions` files are read whatever their name, for XR303).
    /// `.tpl` files are templates (Terraform's `templatefile`): read where they are JSON or YAML around
    /// their placeholders, passed over silently otherwise (most are scripts).
    public static let extensions: Set<String> = ["json", "yaml", "yml", "template", "config", "tpl"]

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case unreadable(String)
        case nothingToLint([String])

        public var description: String {
            switch self {
            case .unreadable(let path): return "\(path):1:1: error: cannot read this file (no such file, or not readable)"
            case .nothingToLint(let paths): return "\(paths.joined(separator: ", ")):1:1: error: nothing to lint: no JSON, YAML or .tf files found"
            }
        }
    }

    /// Loads every file named or found. `stdin` supplies the content for `-`.
    public static func collect(_ paths: [String], stdin: () -> Data = { BoundedRead.standardInput() }) throws(Problem) -> [SourceDocument] {
        try gather(paths, stdin: stdin).documents
    }

    /// The documents to lint, and the files a folder walk read but passed over (JSON or YAML of
    /// no kind xrayctl lints), which a report names so nothing is skipped silently.
    public static func gather(_ paths: [String], stdin: () -> Data = { BoundedRead.standardInput() })
        throws(Problem) -> (documents: [SourceDocument], skipped: [String]) {
        // First what to read, in order; then every file is read and parsed on all cores; then the
        // results are put together in that same order, so the report never depends on scheduling.
        var jobs: [Job] = []
        for path in paths {
            if path == "-" {
                jobs.append(.standardInput(stdin()))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .unreadable(path) }
            if isDirectory.boolValue {
                jobs += grouped(walk(path))
            } else if (path as NSString).pathExtension.lowercased() == "tf" {
                // A module is its folder: a .tf file is read with the other .tf files beside it.
                let folder = (path as NSString).deletingLastPathComponent
                guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable(path) }
                if !jobs.contains(where: { if case .terraformModule(let other, _) = $0 { TerraformSource.canonical(other) == TerraformSource.canonical(folder) } else { false } }) {
                    jobs.append(.terraformModule(folder, named: true))
                }
            } else {
                jobs.append(.named(path))
            }
        }
        var documents: [SourceDocument] = []
        var skipped: [String] = []
        let outcomes = Parallel.map(jobs, split: jobs.reduce(0) { $0 + $1.estimatedBytes } >= Parallel.worthwhileBytes, load)
        // A folder walk finds module roots: a folder another module read calls as a local module
        // is linted through that call, with the inputs it gets there.
        var called = Set<String>()
        for outcome in outcomes { if case .module(_, let calls, _, _) = outcome { called.formUnion(calls) } }
        var read = Set<String>()
        for outcome in outcomes {
            switch outcome {
            case .documents(let found): documents += found
            case .skipped(let file): skipped.append(file)
            case .unreadable(let path): throw .unreadable(path)
            case .module(let found, _, let folder, let named):
                guard named || !called.contains(folder) else { continue }
                // Files of a module two roots call are counted (and their comments read) once.
                documents += found.filter { $0.root != nil || read.insert($0.path).inserted }
            }
        }
        guard !documents.isEmpty || !skipped.isEmpty else { throw .nothingToLint(paths) }
        return (documents, skipped)
    }

    /// A walk's files as jobs: each `.tf` folder one module, in the order its first file was found.
    package static func grouped(_ files: [String]) -> [Job] {
        var jobs: [Job] = []
        var modules = Set<String>()
        for file in files {
            if file.hasSuffix(".tf") {
                let folder = (file as NSString).deletingLastPathComponent
                if modules.insert(folder).inserted { jobs.append(.terraformModule(folder, named: false)) }
            } else {
                jobs.append(.walked(file))
            }
        }
        return jobs
    }

    /// A file to read: standard input, a file named on the command line, or one a folder walk found.
    package enum Job: Sendable {
        case standardInput(Data)
        case named(String)
        case walked(String)
        /// A folder's `.tf` files, one Terraform module (named: a file of it was named).
        case terraformModule(String, named: Bool)

        /// The size of what the job reads, for `Parallel`'s choice: a file's size on disk; a
        /// Terraform module, whose evaluation costs more than its bytes say, counts as enough.
        var estimatedBytes: Int {
            switch self {
            case .standardInput(let data): return data.count
            case .named(let path), .walked(let path):
                var info = stat()
                return stat(path, &info) == 0 ? Int(info.st_size) : 0
            case .terraformModule: return Parallel.worthwhileBytes
            }
        }
    }

    package enum Outcome: Sendable {
        case documents([SourceDocument])
        case skipped(String)
        case unreadable(String)
        /// A Terraform module's documents, the local module folders it calls, and its own folder
        /// (both canonical paths).
        case module([SourceDocument], calls: Set<String>, folder: String, named: Bool)
    }

    @Sendable package static func load(_ job: Job) -> Outcome {
        switch job {
        case .terraformModule(let folder, let named):
            let reading = TerraformSource.read(folder: folder)
            let documents = reading.documents.map { document in
                var document = document
                document.explicitlyNamed = named
                return document
            }
            return .module(documents, calls: reading.calledFolders, folder: TerraformSource.canonical(folder), named: named)
        case .standardInput(let data):
            return .documents(DocumentLoader.loadAll(path: "-", data: data).map { var document = $0; document.explicitlyNamed = true; return document })
        case .walked(let file):
            guard let data = BoundedRead.file(file) else { return .documents([]) }
            // Found by walking: only what is recognised (or broken in a recognisable way) counts.
            let found = DocumentLoader.loadAll(path: file, data: data).filter { document in
                document.kind != .unknown || document.isInEbextensions || !document.loadFindings.isEmpty && looksStructured(file)
            }
            if found.isEmpty && (file as NSString).pathExtension.lowercased() == "tpl" { return .documents([]) }
            return found.isEmpty ? .skipped(file) : .documents(found)
        case .named(let path):
            guard let data = BoundedRead.file(path) else { return .unreadable(path) }
            let loaded = DocumentLoader.loadAll(path: path, data: data)
            // A stream of documents none of which xrayctl lints is one "not a kind" finding, not one per document.
            let relevant = loaded.filter { $0.kind != .unknown || !$0.loadFindings.isEmpty }
            return .documents((relevant.isEmpty ? [loaded[0]] : relevant).map { var document = $0; document.explicitlyNamed = true; return document })
        }
    }

    /// A JSON or YAML file by its name: a syntax error in one is worth reporting even when walking.
    package static func looksStructured(_ path: String) -> Bool {
        ["json", "yaml", "yml", "template"].contains((path as NSString).pathExtension.lowercased())
    }

    /// Files below a folder, sorted, skipping the folders above.
    package static func walk(_ root: String) -> [String] {
        var files: [String] = []
        // `.terraform/` holds providers and copies of remote modules `terraform init` downloaded.
        FolderWalk.visit(root, enter: { !skippedFolders.contains($0) && !$0.hasPrefix(".build") && $0 != ".terraform" }) { folder, entry, path in
            if extensions.contains((entry as NSString).pathExtension.lowercased()) || entry.hasSuffix(".tf")
                || folder.hasSuffix("/.ebextensions") || entry == "Dockerrun.aws.json" {
                files.append(path)
            }
            return true
        }
        return files.sorted()
    }
}
