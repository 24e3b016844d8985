import Foundation
import XRayCore
import XRaySampling

/// Reads `lint`'s input no further than one byte past the largest file it reads: anything larger is
/// refused by `DocumentLoader` with the same finding whatever its size, so reading the rest (500 MB
/// piped in, or a huge file in a walked folder) would only cost memory.
public enum BoundedRead {
    /// The most bytes kept: one more than `DocumentLoader.maximumSize`, enough to know it is too large.
    package static let limit = DocumentLoader.maximumSize + 1
    package static let chunkSize = 1 << 20

    /// Standard input up to the limit (what was read, should reading fail part way).
    public static func standardInput() -> Data {
        var data = Data()
        try? read(FileHandle.standardInput, limit: limit, into: &data)
        return data
    }

    /// The file's content up to the limit; nil when it cannot be opened or read.
    package static func file(_ path: String) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var data = Data()
        do { try read(handle, limit: limit, into: &data) } catch { return nil }
        return data
    }

    package static func read(_ handle: FileHandle, limit: Int, into data: inout Data) throws {
        while data.count < limit, let chunk = try handle.read(upToCount: min(chunkSize, limit - data.count)), !chunk.isEmpty {
            data.append(chunk)
        }
    }
}
