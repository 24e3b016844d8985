import Foundation

/// Walks a folder tree without recursion: the one walk behind `lint`'s folder arguments and
/// doctor's project scan.
enum FolderWalk {
    /// Visits every file below `root`, a folder's entries in name order, entering only folders
    /// whose name `enter` accepts. `visit` gets the folder, the file's name and its path, and
    /// returns false to stop the walk.
    static func visit(_ root: String, enter: (String) -> Bool, _ visit: (_ folder: String, _ name: String, _ path: String) -> Bool) {
        var stack = [root]
        while let folder = stack.popLast() {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for entry in entries.sorted() {
                let path = folder.hasSuffix("/") ? folder + entry : folder + "/" + entry
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if enter(entry) { stack.append(path) }
                } else if !visit(folder, entry, path) {
                    return
                }
            }
        }
    }
}
