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
            commandName: "lint",
            abstract: "Lint X-Ray setups: task definitions, CloudFormation/SAM, Terraform (.tf and plans), Kubernetes, .ebextensions, IAM, agent configs, sampling rules, segments.",
            discussion: """
                File kinds are detected by content. Folders are walked recursively (skipping .git, .build, \
                node_modules, .terraform); '-' reads standard input. Each folder's .tf files are one Terraform \
                module, evaluated statically: what only Terraform knows when it runs stays unknown (listed with -v). \
                Suppress a finding with a YAML comment '# xrayctl:disable=XR104' on its line or the line above, or \
                in .xrayctl.yaml (disable: [XR104]). Kinds read: \(DocumentKind.linted.map(\.rawValue).joined(separator: "; ")).
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

        @Flag(name: [.short, .long], help: "List the files a folder walk skipped (JSON or YAML of no kind xrayctl lints), what .tf modules left unknown, and name the configuration file read (on standard error).")
        var verbose = false

        @Option(name: [.short, .long], help: "Write the report to this file instead of standard output ('-': standard output).")
        var output: String?

        @Option(help: "The configuration file (default: for each path, the nearest .xrayctl.yaml from the path up to the repository root; outside a repository, the path's own folder's).")
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

        /// Each linted path with its configuration: `--config` for all, else the nearest
        /// `.xrayctl.yaml` from the path upwards (`LintConfigFile.find(forLinted:)`), each read once.
        func configurations() throws(Diagnostic) -> [(path: String, file: LintConfigFile?)] {
            if let config { return try LintConfigFile.load(path: config).map { file in paths.map { ($0, file) } } ?? [] }
            var loaded: [String: LintConfigFile] = [:]
            return try paths.map { path throws(Diagnostic) in
                guard let found = LintConfigFile.find(forLinted: path) else { return (path, nil) }
                if loaded[found] == nil { loaded[found] = try LintConfigFile.load(path: found) }
                return (path, loaded[found])
            }
        }

        /// The configuration of the linted path a file was found under (the longest that holds it).
        static func configuration(of file: String, in configurations: [(path: String, file: LintConfigFile?)]) -> LintConfigFile? {
            let holding = configurations.filter { entry in
                file == entry.path || file.hasPrefix(entry.path.hasSuffix("/") ? entry.path : entry.path + "/")
            }
            guard let nearest = holding.max(by: { $0.path.count < $1.path.count }) else { return configurations.first?.file }
            return nearest.file
        }

        func run() throws {
            let configurations: [(path: String, file: LintConfigFile?)]
            do {
                configurations = try self.configurations()
            } catch {
                throw CLIFailure.unusable(error.description)
            }
            // --enable-only replaces a file's list; its `disable` still holds.
            let files = configurations.compactMap(\.file).reduce(into: [LintConfigFile]()) { files, file in
                if !files.contains(where: { $0.path == file.path }) {
                    var file = file
                    if !Self.ids(enableOnly).isEmpty { file.enableOnly = nil }
                    files.append(file)
                }
            }
            let several = Set(configurations.map { $0.file?.path ?? "" }).count > 1
            if verbose {
                for file in files { printError("xrayctl: configuration \(file.path)\(several ? " (for \(configurations.filter { $0.file?.path == file.path }.map(\.path).joined(separator: ", ")))" : "")") }
                if configurations.contains(where: { $0.file == nil }) {
                    let paths = several ? " for \(configurations.filter { $0.file == nil }.map(\.path).joined(separator: ", "))" : ""
                    printError("xrayctl: no \(LintConfigFile.name) read\(paths) (looked from each linted path up to the repository root; outside a repository, in the linted folder only)")
                }
            }
            for file in files { if let warning = file.everyCheckOffWarning { printError(warning.description) } }
            let documents: [SourceDocument]
            let skipped: [String]
            do {
                (documents, skipped) = try FileCollector.gather(paths)
            } catch {
                throw CLIFailure.unusable(error.description)
            }
            if verbose {
                // What `.tf` modules left unknown, so a silent rule is not taken for a clean setup.
                for document in documents where !document.terraformUnknowns.isEmpty {
                    for line in document.terraformUnknowns { printError("xrayctl: \(document.path): unknown: \(line)") }
                }
            }
            // One configuration for every path: the rules it turns off do not run. Several: every rule
            // the flags leave on runs, and each file's configuration decides on its findings.
            var options = LintOptions(disabled: Set(Self.ids(disable)), enabledOnly: Self.ids(enableOnly).isEmpty ? nil : Set(Self.ids(enableOnly)),
                                      today: Self.today())
            if !several, let only = files.first {
                options.disabled.formUnion(only.options.disabled)
                options.enabledOnly = options.enabledOnly ?? only.options.enabledOnly
            }
            let result = Linter.run(documents, options: options)
            var findings: [Finding] = []
            var suppressed = result.suppressed
            for finding in result.findings {
                var file = Self.configuration(of: finding.location.file, in: configurations)
                if !Self.ids(enableOnly).isEmpty { file?.enableOnly = nil }
                switch file?.verdict(finding) ?? .kept {
                case .kept: findings.append(finding)
                case .off: break
                case .suppressed: suppressed += 1
                }
            }
            let report = LintReport(findings: findings, fileCount: Set(documents.map(\.path)).count,
                                    skipped: skipped, listSkipped: verbose, suppressed: suppressed)
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
            // The threshold of each finding's own configuration, unless --fail-on says.
            if findings.contains(where: { $0.severity >= failOn ?? Self.configuration(of: $0.location.file, in: configurations)?.failOn ?? .error }) {
                throw CLIFailure.findings
            }
        }
    }
}
