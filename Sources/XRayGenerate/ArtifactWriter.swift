import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XRayCore
import XRaySampling

/// Writes generated files into an output directory, and only those: it records what it wrote in
/// a manifest, so it can tell its own files from a person's, and from its own files edited since.
public struct ArtifactWriter {
    public static let manifestName = ".xrayctl-manifest.json"

    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public struct Report: Equatable, Sendable {
        public var written: [String] = []
        public var unchanged: [String] = []
        public var removed: [String] = []
    }

    /// The manifest's content: each file's SHA-256, so edits are detected.
    package struct Manifest: Codable, Equatable {
        package var generator: String
        package var files: [String: String]
    }

    public enum WriteError: Error, CustomStringConvertible, Equatable {
        case wouldOverwrite([String])
        case unreadableManifest(String)
        /// The manifest lists a path outside the output directory: it was edited by hand or tampered with.
        case unsafeManifest(String, entry: String)
        /// Paths that cannot be written as they are (a symbolic link, a file where a folder must go).
        case blocked([String])
        case io(String)

        public var description: String {
            switch self {
            case .wouldOverwrite(let paths):
                return "refusing to overwrite files that xrayctl did not write or that were edited since:\n"
                    + paths.map { "  \($0)" }.joined(separator: "\n")
                    + "\nmove them away, or run again with --force to replace them"
            case .unreadableManifest(let path):
                return "\(path):1:1: the manifest is not valid; delete it and run with --force to regenerate"
            case .unsafeManifest(let path, let entry):
                return "\(path):1:1: the manifest lists '\(entry)', which is not a path inside the output directory; "
                    + "xrayctl will not touch it (delete the manifest and run with --force to regenerate)"
            case .blocked(let problems):
                return "nothing was written; these paths are in the way:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
            case .io(let message):
                return message
            }
        }
    }

    private var tree: ContainedTree { ContainedTree(root: directory.path) }

    /// What differs between the directory and the files: empty when nothing would change.
    public func drift(_ files: [GeneratedFile]) throws(WriteError) -> [String] {
        try checkPaths(files)
        let manifest = try readManifest()
        var drift: [String] = []
        for file in files {
            switch tree.entry(file.path) {
            case .failure(let problem): drift.append("blocked: \(problem.message)")
            case .success(.absent): drift.append("missing: \(file.path)")
            case .success(.file): if !tree.holds(file.path, exactly: Data(file.contents.utf8)) { drift.append("differs: \(file.path)") }
            }
        }
        let produced = Set(files.map(\.path))
        for path in (manifest?.files.keys.sorted() ?? []) where !produced.contains(path) && tree.size(path) != nil {
            drift.append("no longer generated: \(path)")
        }
        if manifest != makeManifest(files) && drift.isEmpty {
            drift.append("differs: \(Self.manifestName)")
        }
        return drift
    }

    /// Unified diffs from what is on disk to what would be generated, for every file that differs,
    /// is missing, or would be removed (read without following links, like everything here). A
    /// file on disk larger than `UnifiedDiff.maximumBytes` is named with its size, never read.
    public func diffs(_ files: [GeneratedFile]) throws(WriteError) -> String {
        try checkPaths(files)
        let manifest = try readManifest()
        var output = ""
        for file in files.sorted(by: { $0.path < $1.path }) {
            // The size is compared first: a file of another size is never read to find it differs.
            guard !tree.holds(file.path, exactly: Data(file.contents.utf8)) else { continue }
            let size = tree.size(file.path)
            if let size, size > UnifiedDiff.maximumBytes {
                output += "\(file.path) differs (\(size) bytes; too large to diff)\n"
                continue
            }
            let disk = size == nil ? "" : tree.read(file.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            output += UnifiedDiff.render(old: disk, new: file.contents, path: file.path)
        }
        let produced = Set(files.map(\.path))
        for path in (manifest?.files.keys.sorted() ?? []) where !produced.contains(path) {
            guard let size = tree.size(path) else { continue }
            if size > UnifiedDiff.maximumBytes {
                output += "\(path) is no longer generated (\(size) bytes; too large to diff)\n"
            } else if let disk = tree.read(path) {
                output += UnifiedDiff.render(old: String(decoding: disk, as: UTF8.self), new: "", path: path)
            }
        }
        return output
    }

    /// Writes the files, all or nothing: every path is checked first; the new contents go to
    /// temporary files that are synced together and then renamed into place; the manifest comes
    /// last. Without `force` it refuses, writing nothing, when it would replace or remove a file
    /// it did not write or that was edited since it wrote it. One run at a time per directory.
    public func write(_ files: [GeneratedFile], force: Bool) throws(WriteError) -> Report {
        try checkPaths(files)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .io("\(directory.path):1:1: cannot create the output directory: \(error.localizedDescription)")
        }
        let lock: DirectoryLock
        do { lock = try DirectoryLock(directory.path) } catch { throw .io(error.message) }
        defer { withExtendedLifetime(lock) {} }

        let manifest = try readManifest()
        let owned = manifest?.files ?? [:]
        var report = Report()
        var conflicts: [String] = []
        var blocked: [String] = []
        var toWrite: [GeneratedFile] = []

        for file in files {
            switch tree.entry(file.path) {
            case .failure(let problem): blocked.append(problem.message)
            case .success(.absent): toWrite.append(file)
            case .success(.file):
                if tree.holds(file.path, exactly: Data(file.contents.utf8)) { report.unchanged.append(file.path); continue }
                if owned[file.path] != tree.sha256(file.path) && !force { conflicts.append(file.path) }
                toWrite.append(file)
            }
        }
        let produced = Set(files.map(\.path))
        var toRemove: [String] = []
        for (path, hash) in owned.sorted(by: { $0.key < $1.key }) where !produced.contains(path) {
            switch tree.entry(path) {
            case .failure(let problem): blocked.append(problem.message)
            case .success(.absent): continue
            case .success(.file):
                if hash != tree.sha256(path) && !force { conflicts.append(path) }
                toRemove.append(path)
            }
        }
        if case .failure(let problem) = tree.entry(Self.manifestName) { blocked.append(problem.message) }
        guard blocked.isEmpty else { throw .blocked(blocked.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }) }
        guard conflicts.isEmpty else { throw .wouldOverwrite(conflicts.sorted()) }

        let newManifest = makeManifest(files)
        var staged = toWrite.map { (path: $0.path, data: Data($0.contents.utf8)) }
        if newManifest != manifest { staged.append((Self.manifestName, encode(newManifest))) }
        try commit(staged, removing: toRemove, previous: owned, report: &report)
        return report
    }

    /// Stages every file as a temporary, syncs once, renames each into place, removes what is no
    /// longer generated, then syncs each folder touched. A failure while staging leaves the
    /// directory as it was; a failure while renaming leaves a manifest that matches the disk.
    private func commit(_ staged: [(path: String, data: Data)], removing toRemove: [String], previous: [String: String],
                        report: inout Report) throws(WriteError) {
        var temporaries: [(path: String, temporary: String)] = []
        var createdFolders: [String] = []
        var knownFolders: Set<String> = []
        do {
            for file in staged {
                createdFolders += try tree.makeFolders(above: file.path, known: &knownFolders)
                temporaries.append((file.path, try tree.writeTemporary(file.data, for: file.path)))
            }
        } catch {
            temporaries.forEach { unlink($0.temporary) }
            createdFolders.reversed().forEach { rmdir($0) }
            throw .io(error.message)
        }
        tree.syncWrites()
        var folders: Set<String> = [directory.path]
        var settled = previous
        for (index, item) in temporaries.enumerated() {
            let target = tree.absolute(item.path)
            guard rename(item.temporary, target) == 0 else {
                let message = "\(target): cannot replace: \(ContainedTree.errorText())"
                temporaries[index...].forEach { unlink($0.temporary) }
                if item.path != Self.manifestName { recordPartial(settled) }
                throw .io(message)
            }
            folders.insert((target as NSString).deletingLastPathComponent)
            if item.path != Self.manifestName {
                settled[item.path] = Self.sha256(staged[index].data)
                report.written.append(item.path)
            }
        }
        for path in toRemove {
            let target = tree.absolute(path)
            guard unlink(target) == 0 else { throw .io("\(target): cannot remove: \(ContainedTree.errorText())") }
            report.removed.append(path)
            // Its folder goes too when that leaves it empty (rmdir fails harmlessly otherwise).
            let folder = (target as NSString).deletingLastPathComponent
            if folder != directory.path, rmdir(folder) == 0 {
                folders.insert((folder as NSString).deletingLastPathComponent)
            } else {
                folders.insert(folder)
            }
        }
        ContainedTree.syncFolders(folders)
    }

    /// After a failed rename: a manifest naming exactly what is on disk now, so the next run
    /// neither loses track of a file nor mistakes an old one for an edit.
    private func recordPartial(_ files: [String: String]) {
        let manifest = Manifest(generator: "xrayctl \(XRayKit.version)", files: files)
        if let temporary = try? tree.writeTemporary(encode(manifest), for: Self.manifestName) {
            rename(temporary, tree.absolute(Self.manifestName))
        }
    }

    /// Generated paths must be unique and stay inside the directory; anything else is a bug
    /// upstream, reported before a single byte is written.
    private func checkPaths(_ files: [GeneratedFile]) throws(WriteError) {
        var seen: Set<String> = []
        for file in files {
            guard ContainedTree.isContained(file.path), file.path != Self.manifestName else {
                throw .io("internal error: the generated path '\(file.path)' is not a file inside the output directory; nothing was written")
            }
            guard seen.insert(file.path).inserted else {
                throw .io("internal error: two generated files share the path '\(file.path)'; nothing was written")
            }
        }
    }

    private func encode(_ manifest: Manifest) -> Data {
        Data(CanonicalJSON.encode(manifest).utf8)
    }

    private func makeManifest(_ files: [GeneratedFile]) -> Manifest {
        Manifest(generator: "xrayctl \(XRayKit.version)",
                 files: Dictionary(files.map { ($0.path, Self.sha256(Data($0.contents.utf8))) }, uniquingKeysWith: { first, _ in first }))
    }

    private func readManifest() throws(WriteError) -> Manifest? {
        if case .failure(let problem) = tree.entry(Self.manifestName) { throw .blocked([problem.message]) }
        guard let data = tree.read(Self.manifestName) else { return nil }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            throw .unreadableManifest(tree.absolute(Self.manifestName))
        }
        for path in manifest.files.keys.sorted() where !ContainedTree.isContained(path) || path == Self.manifestName {
            throw .unsafeManifest(tree.absolute(Self.manifestName), entry: path)
        }
        return manifest
    }

    package static func sha256(_ data: Data) -> String {
        // Two hex digits a byte, without String(format:), which costs more than the hash itself.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
