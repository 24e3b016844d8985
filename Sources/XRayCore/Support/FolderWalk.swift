import Foundation

/// Walks a folder tree without recursion: the one walk behind `lint`'s folder arguments and
/// doctor's project scan.
package enum FolderWalk {
    /// Visits every file below `root`, a folder's entries in name order, entering only folders
    /// whose name `enter` accepts. `visit` gets the folder, the file's name and its path, and
    /// returns false to stop the walk.
    ///
    /// Symbolic links are followed, but every folder and file is visited once, known by its
    /// device and inode: a link back up the tree (`a/b -> ../a`) would otherwise be walked for ever.
    /// What is reached without a link comes first, so a file is named by its own path, not by a
    /// link's; linked folders and files are taken only once nothing else is left.
    package static func visit(_ root: String, enter: (String) -> Bool, _ visit: (_ folder: String, _ name: String, _ path: String) -> Bool) {
        var seen = Set<FileIdentity>()
        guard let rootIdentity = FileIdentity(path: root) else { return }
        seen.insert(rootIdentity)
        var folders = [root]
        var linkedFolders: [String] = []
        var linkedFiles: [(folder: String, name: String, path: String)] = []
        while true {
            let folder: String
            if let next = folders.popLast() {
                folder = next
            } else if let next = linkedFolders.popLast() {
                // Entered only when no path walked so far (or queued) reached the same folder.
                guard let identity = FileIdentity(path: next), seen.insert(identity).inserted else { continue }
                folder = next
            } else {
                break
            }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for entry in entries.sorted() {
                let path = folder.hasSuffix("/") ? folder + entry : folder + "/" + entry
                guard let entryStatus = FileIdentity.status(path, followingLinks: false) else { continue }
                let isLink = entryStatus.st_mode & S_IFMT == S_IFLNK
                // What a link names (nothing, for a dangling one).
                guard let target = isLink ? FileIdentity.status(path, followingLinks: true) : entryStatus else { continue }
                if target.st_mode & S_IFMT == S_IFDIR {
                    guard enter(entry) else { continue }
                    if isLink {
                        linkedFolders.append(path)
                    } else if seen.insert(FileIdentity(target)).inserted {
                        folders.append(path)
                    }
                } else if target.st_mode & S_IFMT != S_IFREG {
                    continue // a pipe or a device: reading it could wait for ever
                } else if isLink {
                    linkedFiles.append((folder, entry, path))
                } else if seen.insert(FileIdentity(target)).inserted, !visit(folder, entry, path) {
                    return
                }
            }
        }
        for file in linkedFiles {
            guard let identity = FileIdentity(path: file.path), seen.insert(identity).inserted else { continue }
            if !visit(file.folder, file.name, file.path) { return }
        }
    }
}

/// A file or folder as the file system knows it, whatever path leads there.
package struct FileIdentity: Hashable {
    package let device: UInt64
    package let inode: UInt64

    package init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// The identity of what `path` names, following links; nil when it names nothing.
    package init?(path: String) {
        guard let status = Self.status(path, followingLinks: true) else { return nil }
        self.init(status)
    }

    package static func status(_ path: String, followingLinks: Bool) -> stat? {
        var status = stat()
        return (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 ? status : nil
    }
}
