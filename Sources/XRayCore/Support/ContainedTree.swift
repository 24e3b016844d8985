import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File operations confined to one directory: every path stays below the root, and no symbolic
/// link below the root is followed, so a link planted in an output folder (`iam -> ../victim`)
/// or a path in a tampered manifest can never make xrayctl write or delete elsewhere.
package struct ContainedTree {
    package let root: String

    package init(root: String) { self.root = root }

    package enum Entry: Equatable { case absent, file }

    /// A relative path as generators make them and manifests record them: not absolute, no
    /// empty, `.` or `..` part, no NUL byte.
    package static func isContained(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.containsBytes("\0"), !path.containsBytes("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    package func absolute(_ path: String) -> String { root.hasSuffix("/") ? root + path : root + "/" + path }

    /// What is at `path`, checked one part at a time with lstat: `.failure` names a symbolic
    /// link, a file where a folder must go, or a folder where the file must go.
    package func entry(_ path: String) -> Result<Entry, WriteProblem> {
        guard Self.isContained(path) else { return .failure(.init("\(path) is not a path inside the output directory")) }
        let parts = path.split(separator: "/").map(String.init)
        var current = root
        for (index, part) in parts.enumerated() {
            current = current.hasSuffix("/") ? current + part : current + "/" + part
            var info = stat()
            guard lstat(current, &info) == 0 else {
                return errno == ENOENT ? .success(.absent) : .failure(.init("\(current): cannot inspect: \(Self.errorText())"))
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK {
                return .failure(.init("\(current) is a symbolic link; xrayctl never follows links inside the output directory (remove it)"))
            }
            if index < parts.count - 1, type != S_IFDIR {
                return .failure(.init("\(current) is a file where a folder must go"))
            }
            if index == parts.count - 1, type != S_IFREG {
                return .failure(.init("\(current) is \(type == S_IFDIR ? "a folder" : "not a regular file") where a file must go"))
            }
        }
        return .success(.file)
    }

    /// The file's bytes, read without following a link; nil when it is absent or unreadable.
    package func read(_ path: String) -> Data? {
        guard case .success(.file) = entry(path) else { return nil }
        let descriptor = open(absolute(path), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).readDataToEndOfFile()
    }

    /// The file's size in bytes (lstat, no link followed); nil when it is no regular file.
    package func size(_ path: String) -> Int? {
        guard case .success(.file) = entry(path) else { return nil }
        var info = stat()
        return lstat(absolute(path), &info) == 0 ? Int(info.st_size) : nil
    }

    /// Whether the file holds exactly `data`: the size first, so a file of another size (a huge
    /// one put in the output folder) is never read.
    package func holds(_ path: String, exactly data: Data) -> Bool {
        size(path) == data.count && read(path) == data
    }

    /// The file's SHA-256 in hexadecimal, read in chunks so a file of any size costs one chunk of
    /// memory; nil when it is absent or unreadable.
    package func sha256(_ path: String) -> String? {
        guard case .success(.file) = entry(path) else { return nil }
        let descriptor = open(absolute(path), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var hash = SHA256()
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            hash.update(data: chunk)
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Creates the missing folders above `path`, returning those it created (deepest last).
    /// `known` holds the folders this run has already made sure of, so a folder holding many
    /// files costs one mkdir, not one per file.
    package func makeFolders(above path: String, known: inout Set<String>) throws(WriteProblem) -> [String] {
        var created: [String] = []
        var current = root
        for part in path.split(separator: "/").dropLast() {
            current += "/" + part
            guard known.insert(current).inserted else { continue }
            if mkdir(current, 0o755) == 0 { created.append(current); continue }
            var info = stat()
            guard errno == EEXIST, lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                throw WriteProblem("\(current): cannot create the folder: \(Self.errorText())")
            }
        }
        return created
    }

    /// Writes `data` to a new temporary file beside `path` (never following a link) and returns
    /// the temporary's absolute path.
    package func writeTemporary(_ data: Data, for path: String, mode: mode_t = 0o644) throws(WriteProblem) -> String {
        let target = absolute(path)
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        // The process's own name first (no system call to make it); a fresh random one only when
        // that is taken, by a temporary a crashed run left or another writer in this process.
        var temporary = folder + "/.\(name).xrayctl-\(Self.processTag).tmp"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        while descriptor < 0 && errno == EEXIST {
            temporary = folder + "/.\(name).xrayctl-\(Self.processTag)-\(UInt32.random(in: 0...UInt32.max)).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        }
        guard descriptor >= 0 else { throw WriteProblem("\(target): cannot write: \(Self.errorText())") }
        defer { close(descriptor) }
        let ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue }; return false }
                offset += written
            }
            return true
        }
        guard ok else {
            let text = Self.errorText()
            unlink(temporary)
            throw WriteProblem("\(target): cannot write: \(text)")
        }
        return temporary
    }

    /// This process's part of temporary names, made once: its id and a random number.
    private static let processTag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    /// Makes everything written so far durable with one call, instead of one fsync per file.
    package func syncWrites() {
        #if os(Linux)
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 { _ = linuxSyncFS(descriptor); close(descriptor) }
        #else
        sync()
        #endif
    }

    /// Syncs each folder once, so the renames in it survive a crash.
    package static func syncFolders(_ folders: Set<String>) {
        for folder in folders.sorted() {
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if descriptor >= 0 { fsync(descriptor); close(descriptor) }
        }
    }

    package static func errorText() -> String { String(cString: strerror(errno)) }
}

/// A write that cannot be done, with a message naming the path.
public struct WriteProblem: Error, Equatable {
    public var message: String
    package init(_ message: String) { self.message = message }
}

#if os(Linux)
/// glibc's syncfs(2), which the Glibc module hides behind _GNU_SOURCE: one call flushes every
/// file written on the output's file system.
@_silgen_name("syncfs")
private func linuxSyncFS(_ descriptor: Int32) -> Int32
#endif

/// An exclusive advisory lock on a directory for one run, so two runs writing the same folder
/// take turns instead of leaving a mix of both.
package final class DirectoryLock {
    private let descriptor: Int32

    /// Waits up to `timeout` seconds for another run to finish.
    package init(_ path: String, timeout: Double = 60) throws(WriteProblem) {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteProblem("\(path): cannot open the output directory: \(ContainedTree.errorText())") }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw WriteProblem("\(path): another xrayctl run has been writing here for \(Int(timeout)) s; try again when it has finished")
            }
            usleep(20_000)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Replaces a file the user named (`instrument --in-place`) the way an editor would: through a
/// symbolic link to its target, atomically, keeping the target's mode and owner, and never over a
/// change saved since it was read (a lost update: the user's edit silently replaced).
public enum InPlaceFile {
    /// The file as it was read, which `replace` finds unchanged before it renames over it.
    public struct Snapshot: Sendable {
        public let path: String
        public let data: Data
        /// The link's target when it was read.
        package let target: String
        package let identity: Identity
    }

    /// What changes when the file is saved: an editor writes in place (size, mtime) or renames a
    /// new file over it (device and inode).
    package struct Identity: Equatable, Sendable {
        package var device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int

        package init(_ info: stat) {
            #if os(Linux)
            let modified = info.st_mtim
            #else
            let modified = info.st_mtimespec
            #endif
            device = UInt64(info.st_dev); inode = UInt64(info.st_ino); size = Int64(info.st_size)
            seconds = Int(modified.tv_sec); nanoseconds = Int(modified.tv_nsec)
        }
    }

    public static func read(_ path: String) throws(WriteProblem) -> Snapshot {
        let target = try resolve(path)
        let descriptor = open(target, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteProblem("\(path): cannot read: \(ContainedTree.errorText())") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw WriteProblem("\(path): not a regular file")
        }
        let data = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).readDataToEndOfFile()
        return Snapshot(path: path, data: data, target: target, identity: Identity(info))
    }

    /// `beforeRename` runs between writing the new content and checking the file: the tests save
    /// an edit there, as a user's editor could while xrayctl works.
    public static func replace(_ snapshot: Snapshot, with data: Data, beforeRename: () -> Void = {}) throws(WriteProblem) {
        let path = snapshot.path
        let target = try resolve(path)
        var info = stat()
        guard stat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw WriteProblem("\(path): not a regular file")
        }
        let folder = (target as NSString).deletingLastPathComponent
        let tree = ContainedTree(root: folder)
        let temporary = try tree.writeTemporary(data, for: (target as NSString).lastPathComponent, mode: info.st_mode & 0o7777)
        // open(2) applies the umask; set the exact mode and owner the file had.
        if chmod(temporary, info.st_mode & 0o7777) != 0 || (chown(temporary, info.st_uid, info.st_gid) != 0 && getuid() == 0) {
            let text = ContainedTree.errorText()
            unlink(temporary)
            throw WriteProblem("\(path): cannot keep the file's mode or owner: \(text)")
        }
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 { fsync(descriptor); close(descriptor) }
        beforeRename()
        // Last look before the rename (the window left is the rename itself): the same link
        // target, file, size, modification time and bytes as when it was read.
        guard let now = try? read(path), now.target == snapshot.target, now.identity == snapshot.identity, now.data == snapshot.data else {
            unlink(temporary)
            throw WriteProblem("\(path) changed while xrayctl was working on it; nothing was written and the change is kept: run xrayctl again on the new version")
        }
        guard rename(temporary, target) == 0 else {
            let text = ContainedTree.errorText()
            unlink(temporary)
            throw WriteProblem("\(path): cannot replace: \(text)")
        }
        ContainedTree.syncFolders([folder])
    }

    private static func resolve(_ path: String) throws(WriteProblem) -> String {
        guard let resolved = realpath(path, nil) else {
            throw WriteProblem("\(path): cannot read: \(ContainedTree.errorText())")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
