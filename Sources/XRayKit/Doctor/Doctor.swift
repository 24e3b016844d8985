import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// `xrayctl doctor`: the project, the running daemon and (with --aws) the account, in that order.
public enum Doctor {
    public struct Options: Sendable {
        public var directory: String
        public var daemonAddress: String?
        public var timeout: Double
        public var aws: Bool
        public var endpoint: URL?
        public var role: String?
        public var environment: [String: String]
        public var today: Date
        public var lintOptions: LintOptions
        /// How the project's agents send traces; nil: what the project's xray.yaml says (else the X-Ray API).
        public var export: TracesSpec.Export?

        public init(directory: String = ".", daemonAddress: String? = nil, timeout: Double = 3, aws: Bool = false,
                    endpoint: URL? = nil, role: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                    today: Date = Date(), lintOptions: LintOptions = LintOptions(), export: TracesSpec.Export? = nil) {
            self.directory = directory
            self.daemonAddress = daemonAddress
            self.timeout = timeout
            self.aws = aws
            self.endpoint = endpoint
            self.role = role
            self.environment = environment
            self.today = today
            self.lintOptions = lintOptions
            self.export = export
        }
    }

    public struct Layer: Sendable {
        public var name: String
        public var findings: [Finding]
        public var notes: [String]
    }

    public struct Report: Sendable {
        public var layers: [Layer]
        public var files: Int

        public var lintReport: LintReport {
            LintReport(findings: layers.flatMap(\.findings).sorted(by: Finding.ordered), fileCount: files)
        }
    }

    public static func run(_ options: Options) async -> Report {
        let project = ProjectScan.scan(options.directory, today: options.today, options: options.lintOptions)
        var layers = [Layer(name: "project \(options.directory)", findings: project.findings,
                            notes: ["\(project.files) file(s) checked, \(ProjectScan.applications(under: options.directory).count) application(s) found"])]
        let probe = await DaemonProbe.run(flag: options.daemonAddress, environment: options.environment, timeout: options.timeout)
        layers.append(Layer(name: "local daemon", findings: probe.findings.filter { options.lintOptions.isEnabled($0.rule) }, notes: probe.notes))
        if options.aws {
            let export = options.export ?? ProjectScan.projectModel(options.directory)?.traces.export ?? .xrayAPI
            let account = await AccountChecks.run(.init(environment: options.environment, endpoint: options.endpoint, role: options.role,
                                                        timeout: options.timeout, today: options.today, sendsOTLP: export == .otlp))
            layers.append(Layer(name: "AWS account", findings: account.findings.filter { options.lintOptions.isEnabled($0.rule) }, notes: account.notes))
        }
        return Report(layers: layers, files: project.files)
    }

    /// Text grouped by layer: what was checked (notes), then the findings with their fixes.
    public static func text(_ report: Report) -> String {
        var lines: [String] = []
        for layer in report.layers {
            lines.append("== \(layer.name)")
            lines += layer.notes.map { "   \($0)" }
            for finding in layer.findings {
                lines.append("\(finding.location): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]")
                if let fix = finding.fix { lines.append("    fix: \(fix)") }
            }
            if layer.findings.isEmpty { lines.append("   no problems found") }
            lines.append("")
        }
        let all = report.lintReport
        lines.append("\(all.count(.error)) error(s), \(all.count(.warning)) warning(s), \(all.count(.info)) info(s)")
        return lines.joined(separator: "\n") + "\n"
    }
}
