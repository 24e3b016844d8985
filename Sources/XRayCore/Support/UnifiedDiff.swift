/// A unified diff of two texts (`--- a/PATH` / `+++ b/PATH`, hunks with three lines of context), as
/// `diff -u` prints it, so `generate --check` shows what differs, not only that something does.
public enum UnifiedDiff {
    /// The most lines compared; past that the diff is summarised (the LCS table is lines × lines).
    package static let maximumCells = 4_000_000

    /// The largest file on disk `generate --check` reads to diff; a larger one is named with its
    /// size (no generated file comes near 1 MB, so such a file differs whatever it holds).
    public static let maximumBytes = 1 << 20

    public static func render(old: String, new: String, path: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        guard a.count * b.count <= maximumCells else {
            return "--- a/\(path)\n+++ b/\(path)\n@@ \(a.count) lines -> \(b.count) lines (too large to show) @@\n"
        }
        // Longest common subsequence, from the end, then walked forward into edit operations.
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        enum Operation { case same(Int, Int), removed(Int), added(Int) }
        var operations: [Operation] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { operations.append(.same(i, j)); i += 1; j += 1 }
            // Removals before additions, as diff -u prints a changed line.
            else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] { operations.append(.removed(i)); i += 1 }
            else { operations.append(.added(j)); j += 1 }
        }
        // Hunks: runs of changes with up to `context` unchanged lines around them.
        let changed = operations.indices.filter { if case .same = operations[$0] { return false }; return true }
        guard !changed.isEmpty else { return "" }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(operations.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        var output = ["--- a/\(path)", "+++ b/\(path)"]
        for hunk in hunks {
            var body: [String] = []
            var oldStart: Int?, newStart: Int?, oldCount = 0, newCount = 0
            for operation in operations[hunk] {
                switch operation {
                case .same(let x, let y):
                    oldStart = oldStart ?? x; newStart = newStart ?? y
                    oldCount += 1; newCount += 1; body.append(" " + a[x])
                case .removed(let x):
                    oldStart = oldStart ?? x; oldCount += 1; body.append("-" + a[x])
                case .added(let y):
                    newStart = newStart ?? y; newCount += 1; body.append("+" + b[y])
                }
            }
            // diff -u numbers from 1, and an empty side starts at the line before it.
            let oldFrom = oldCount == 0 ? (oldStart ?? 0) : (oldStart ?? 0) + 1
            let newFrom = newCount == 0 ? (newStart ?? 0) : (newStart ?? 0) + 1
            output.append("@@ -\(oldFrom),\(oldCount) +\(newFrom),\(newCount) @@")
            output += body
        }
        return output.joined(separator: "\n") + "\n"
    }

    package static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
