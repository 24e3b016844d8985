import Foundation
import XRayCore
import XRaySampling

/// Where each line of a file's text starts, found once and shared by the documents of the file:
/// documents written as strings (a policy in a Terraform plan, a collector configuration in an
/// environment variable) are placed by the line they are written on, and splitting the whole file
/// into lines for each of them made a file of many policies quadratic.
package final class LineIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [String.Index]?

    /// Line `number` (1-based) of `text` without its line break, as `text.split(separator: "\n",
    /// omittingEmptySubsequences: false)` numbers lines; nil past the last. `text` must be the text
    /// the index was first asked about (documents share an index only with their own file's text).
    package func line(_ number: Int, of text: String) -> Substring? {
        let starts = self.starts(of: text)
        guard number >= 1, number <= starts.count else { return nil }
        let end = number < starts.count ? text.utf8.index(before: starts[number]) : text.endIndex
        return text[starts[number - 1]..<end]
    }

    private func starts(of text: String) -> [String.Index] {
        lock.lock()
        defer { lock.unlock() }
        if let starts { return starts }
        // A line feed ends a line unless a carriage return comes before it: "\r\n" is one Character,
        // which splitting on the Character "\n" does not split at.
        var found = [text.startIndex]
        var previous: UInt8 = 0
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { found.append(next) }
            previous = byte
            index = next
        }
        starts = found
        return found
    }
}
