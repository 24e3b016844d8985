import ArgumentParser
import Foundation
import XRayKit

extension ReportFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// auto: only on a terminal, and never when NO_COLOR is set (no-color.org).
    func enabled(writingToFile: Bool) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return !writingToFile && !noColor && isatty(STDOUT_FILENO) == 1
        }
    }
}

extension XRayCtl {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint X-Ray setups: task definitions, CloudFormation/SAM, .ebextensions, IAM, daemon config, sampling rules, segments.",
            discussion: """
                File kinds are detected by content. Folders are walked recursively (skipping .git, .build, \
                node_modules); '-' reads standard input. Suppress a finding with a YAML comment \
                '# xrayctl:disable=XR104' on its line or the line above, or in .xrayctl.yaml (disable: [XR104]).
                """)

        @Argument(help: "Files and folders to lint ('-' for standard input; default: the current folder).")
        var paths: [String] = ["."]

        @Option(name: [.short, .long], help: "Output format.")
        var format: ReportFormat = .text

        @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity (default: error).")
        var failOn: Severity?

        @Option(help: "Rule IDs to turn off, comma-separated.")
        var disable: String?

        @Option(name: .customLong("enable-only"), help: "Run only these rule IDs, comma-separated.")
        var enableOnly: String?

        @Flag(name: [.short, .long], help: "List the files a folder walk skipped (JSON or YAML of no kind xrayctl lints), and name the configuration file read (on standard error).")
        var verbose = false

        @Option(name: [.short, .long], help: "Write the report to this file instead of standard output ('-': standard output).")
        var output: String?

        @Option(help: "The configuration file (default: the nearest .xrayctl.yaml from here up to the repository root; outside a repository, this folder's own).")
        var config: String?

        @Option(help: "Colour the severities in text output: auto (a terminal, unless NO_COLOR is set), always or never.")
        var color: ColorChoice = .auto

        static func ids(_ list: String?) -> [String] {
            (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        }

        /// XRAYCTL_TODAY=YYYY-MM-DD pins the date rules see (XR805 turns into a warning at the end
        /// of support), for reproducible reports and tests.
        static func today() -> Date {
            guard let text = ProcessInfo.processInfo.environment["XRAYCTL_TODAY"] else { return Date() }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate]
            return formatter.date(from: text) ?? Date()
        }

        func validate() throws {
            for id in Self.ids(disable) + Self.ids(enableOnly) where RuleCatalog.rule(id) == nil {
                let known = RuleCatalog.descriptions.map(\.id)
                throw ValidationError("unknown rule '\(id)'\(Suggestion.didYouMean(id, in: known)); see 'xrayctl rules'")
            }
        }

        func run() throws {
            let config: LintConfigFile?
            do {
                config = try LintConfigFile.load(path: self.config)
            } catch {
                throw CLIFailure.unusable(error.description)
            }
            if verbose {
                printError(config.map { "xrayctl: configuration \($0.path)" }
                    ?? "xrayctl: no \(LintConfigFile.name) read (looked from the working directory up to the repository root; outside a repository, in the working directory only)")
            }
            // --enable-only replaces the file's list; its `disable` still holds.
            if let warning = (Self.ids(enableOnly).isEmpty ? config : config.map { var file = $0; file.enableOnly = nil; return file })?.everyCheckOffWarning {
                printError(warning.description)
            }
            let documents: [SourceDocument]
            let skipped: [String]
            do {
                (documents, skipped) = try FileCollector.gather(paths)
            } catch {
                throw CLIFailure.unusable(error.description)
            }
            let enabled = Self.ids(enableOnly).isEmpty ? config?.enableOnly.map { Set($0.map { $0.uppercased() }) } : Set(Self.ids(enableOnly))
            let options = LintOptions(disabled: Set(Self.ids(disable) + (config?.disable ?? []).map { $0.uppercased() }),
                                      enabledOnly: enabled, today: Self.today())
            let findings = Linter.lint(documents, options: options).filter { !(config?.ignores($0) ?? false) }
            let report = LintReport(findings: findings, fileCount: Set(documents.map(\.path)).count,
                                    skipped: skipped, listSkipped: verbose)
            let text = format.render(report, color: color.enabled(writingToFile: output != nil && output != "-"))
            if let output, output != "-" {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw CLIFailure.unusable("\(output):1:1: error: cannot write the report: \(error.localizedDescription)")
                }
            } else {
                print(text, terminator: "")
            }
            if report.fails(at: failOn ?? config?.failOn ?? .error) { throw CLIFailure.findings }
        }
    }
}
