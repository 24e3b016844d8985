import Crypto
import Foundation

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
    struct Manifest: Codable, Equatable {
        var generator: String
        var files: [String: String]
    }

    public enum WriteError: Error, CustomStringConvertible, Equatable {
        case wouldOverwrite([String])
        case unreadableManifest(String)
        case io(String)

        public var description: String {
            switch self {
            case .wouldOverwrite(let paths):
                return "refusing to overwrite files that xrayctl did not write or that were edited since:\n"
                    + paths.map { "  \($0)" }.joined(separator: "\n")
                    + "\nmove them away, or run again with --force to replace them"
            case .unreadableManifest(let path):
                return "\(path):1:1: the manifest is not valid; delete it and run with --force to regenerate"
            case .io(let message):
                return message
            }
        }
    }

    /// What differs between the directory and the files: empty when nothing would change.
    public func drift(_ files: [GeneratedFile]) throws(WriteError) -> [String] {
        let manifest = try readManifest()
        var drift: [String] = []
        for file in files where read(file.path) != Data(file.contents.utf8) {
            drift.append(read(file.path) == nil ? "missing: \(file.path)" : "differs: \(file.path)")
        }
        let produced = Set(files.map(\.path))
        for path in (manifest?.files.keys.sorted() ?? []) where !produced.contains(path) && read(path) != nil {
            drift.append("no longer generated: \(path)")
        }
        if manifest != makeManifest(files) && drift.isEmpty {
            drift.append("differs: \(Self.manifestName)")
        }
        return drift
    }

    /// Writes the files. Without `force` it refuses, writing nothing, when it would replace or
    /// remove a file it did not write or that was edited since it wrote it.
    public func write(_ files: [GeneratedFile], force: Bool) throws(WriteError) -> Report {
        let manifest = try readManifest()
        let owned = manifest?.files ?? [:]
        var report = Report()
        var conflicts: [String] = []
        var toWrite: [GeneratedFile] = []

        for file in files {
            let new = Data(file.contents.utf8)
            guard let disk = read(file.path) else { toWrite.append(file); continue }
            if disk == new { report.unchanged.append(file.path); continue }
            if owned[file.path] != Self.sha256(disk) && !force { conflicts.append(file.path) }
            toWrite.append(file)
        }
        let produced = Set(files.map(\.path))
        var toRemove: [String] = []
        for (path, hash) in owned.sorted(by: { $0.key < $1.key }) where !produced.contains(path) {
            guard let disk = read(path) else { continue }
            if hash != Self.sha256(disk) && !force { conflicts.append(path) }
            toRemove.append(path)
        }
        guard conflicts.isEmpty else { throw .wouldOverwrite(conflicts.sorted()) }

        for file in toWrite {
            try atomicWrite(Data(file.contents.utf8), to: file.path)
            report.written.append(file.path)
        }
        for path in toRemove {
            try remove(path)
            report.removed.append(path)
        }
        let newManifest = makeManifest(files)
        if newManifest != manifest {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(newManifest)) ?? Data()
            try atomicWrite(data + Data("\n".utf8), to: Self.manifestName)
        }
        return report
    }

    private func makeManifest(_ files: [GeneratedFile]) -> Manifest {
        Manifest(generator: "xrayctl \(XRayKit.version)",
                 files: Dictionary(uniqueKeysWithValues: files.map { ($0.path, Self.sha256(Data($0.contents.utf8))) }))
    }

    private func readManifest() throws(WriteError) -> Manifest? {
        guard let data = read(Self.manifestName) else { return nil }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            throw .unreadableManifest(url(Self.manifestName).path)
        }
        return manifest
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    private func read(_ path: String) -> Data? { try? Data(contentsOf: url(path)) }

    /// Foundation's atomic write goes to a temporary file beside the target, then renames it,
    /// so a reader (or a crash) never sees half a file.
    private func atomicWrite(_ data: Data, to path: String) throws(WriteError) {
        let target = url(path)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: target, options: .atomic)
        } catch {
            throw .io("\(target.path):1:1: cannot write: \(error.localizedDescription)")
        }
    }

    /// Removes a file, and its folder when that leaves it empty.
    private func remove(_ path: String) throws(WriteError) {
        let target = url(path)
        do {
            try FileManager.default.removeItem(at: target)
            let folder = target.deletingLastPathComponent()
            if folder.standardizedFileURL != directory.standardizedFileURL,
               (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try FileManager.default.removeItem(at: folder)
            }
        } catch {
            throw .io("\(target.path):1:1: cannot remove: \(error.localizedDescription)")
        }
    }
}
