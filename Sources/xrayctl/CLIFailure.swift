import ArgumentParser
import Foundation

/// Why a command stopped, carried to the root command, which prints it and exits with the code
/// (`XRayCtl.main`). Subcommands throw it instead of printing and exiting themselves.
struct CLIFailure: Error {
    /// Lines for standard error: located diagnostics (`file:line:column: error: …`) or messages.
    var lines: [String]
    var code: Int32

    /// Input xrayctl cannot use (exit 2): every line says where.
    static func unusable(_ lines: [String]) -> CLIFailure { CLIFailure(lines: lines, code: 2) }
    static func unusable(_ line: String) -> CLIFailure { unusable([line]) }
    /// Flags that do not make a request (exit 64), said in the flags' own words.
    static func usage(_ lines: [String]) -> CLIFailure { CLIFailure(lines: lines, code: 64) }
    /// Findings at the --fail-on threshold, or drift under `generate --check` (exit 1); already reported.
    static let findings = CLIFailure(lines: [], code: 1)
}

/// Messages that are not the command's output: warnings, notices, progress.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

enum HelpLayout {
    static let columns = 100

    /// argument-parser prints a command's usage on one line however long it is; wrap it between
    /// arguments, continuing under the first argument, so every help line fits `columns`.
    static func wrapUsage(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > columns, let prefix = ["USAGE: ", "Usage: "].first(where: { line.hasPrefix($0) }) else { return String(line) }
            let words = line.dropFirst(prefix.count).split(separator: " ")
            // The command path (`xrayctl generate model`) stays together on the first line.
            let pathLength = words.prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") && !$0.hasPrefix("-") }.count
            var lines = [prefix + words.prefix(pathLength).joined(separator: " ")]
            let indent = String(repeating: " ", count: lines[0].count + 1)
            // Group each bracketed argument (`[--format <format>]`) as one unit before wrapping.
            var units: [String] = [], depth = 0
            for word in words.dropFirst(pathLength) {
                if depth > 0 { units[units.count - 1] += " " + word } else { units.append(String(word)) }
                depth += word.filter { $0 == "[" || $0 == "<" }.count - word.filter { $0 == "]" || $0 == ">" }.count
            }
            for unit in units {
                if lines[lines.count - 1].count + 1 + unit.count <= columns {
                    lines[lines.count - 1] += " " + unit
                } else {
                    lines.append(indent + unit)
                }
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
