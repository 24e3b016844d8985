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
