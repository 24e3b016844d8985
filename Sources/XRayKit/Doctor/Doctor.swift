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
        /// With `aws`: send a trace along the project's path and look for it again (`--verify`).
        public var verify = false
        /// With `verify`: send straight to X-Ray instead of through the local agent (`--direct`).
        public var direct = false
        /// With `verify`: how long to keep looking, in seconds (`--wait`).
        public var wait = 60.0
        /// With `verify`: the first pause between looks (each next one doubles); tests make it short.
        public var firstLookDelay = 1.0
        /// With `aws`: compare the service graph of the last `since` seconds with the model (`--seen`).
        public var seen = false
        public var since = 3600.0

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
        /// `--seen`'s comparison, for the JSON output.
        package var serviceGraph: ServiceGraphComparison.Result?
        /// `--verify`'s journey, for the JSON output.
        package var verification: TraceVerification.Result?

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
            var report = Report(layers: layers, files: project.files)
            if options.verify || options.seen {
                await liveChecks(options, export: export, earlier: probe.findings + account.findings, into: &report)
            }
            return report
        }
        return Report(layers: layers, files: project.files)
    }

    /// `--verify` and `--seen`, with the credentials and region the account checks used.
    private static func liveChecks(_ options: Options, export: TracesSpec.Export, earlier: [Finding], into report: inout Report) async {
        guard let resolved = await AccountChecks.client(.init(environment: options.environment, endpoint: options.endpoint, role: nil,
                                                              timeout: options.timeout, today: options.today)) else { return }
        let (client, redact) = resolved
        let enabled = { (finding: Finding) in options.lintOptions.isEnabled(finding.rule) }
        if options.verify {
            let address = DaemonProbe.address(flag: options.daemonAddress, environment: options.environment).text
            let parsed = try? DaemonAddress.parse(address).get()
            let host = parsed?.udpHost ?? "127.0.0.1"
            let bracketed = host.contains(":") ? "[\(host)]" : host
            let verifyOptions = TraceVerification.Options(
                path: export == .otlp ? .otlp : .xraySDK, direct: options.direct, daemonHost: host, daemonPort: parsed?.udpPort ?? 2000,
                collectorURL: URL(string: "http://\(bracketed):\(OTLPProbe.defaultPorts.http)/v1/traces"), wait: options.wait,
                firstDelay: options.firstLookDelay, timeout: options.timeout)
            var result = await TraceVerification.run(client, options: verifyOptions, earlier: earlier)
            // Steps and causes quote AWS's errors and answer bodies, which may echo what was signed:
            // redacted here, before the text, the findings or the JSON (`verification`) use them.
            result.steps = result.steps.map { step in
                var step = step
                step.detail = redact.text(step.detail)
                return step
            }
            result.causes = result.causes.map(redact.text)
            report.verification = result
            report.layers.append(Layer(name: "trace verification (\(result.path.rawValue)\(options.direct ? ", direct" : ""))",
                                       findings: TraceVerification.findings(result).map { redact($0) }.filter(enabled),
                                       notes: TraceVerification.notes(result).map(redact.text)))
        }
        if options.seen {
            let model = ProjectScan.projectModel(options.directory).map(ServiceGraphComparison.modelServices) ?? []
            do {
                let result = try await ServiceGraphComparison.run(client, model: model, since: options.since)
                report.serviceGraph = result
                report.layers.append(Layer(name: "service graph", findings: ServiceGraphComparison.findings(result).map { redact($0) }.filter(enabled),
                                           notes: ServiceGraphComparison.table(result).map(redact.text)
                                               + (model.isEmpty ? ["no xray.yaml with services in \(options.directory): nothing to compare with"] : [])))
            } catch {
                report.layers.append(Layer(name: "service graph", findings: [], notes: [redact.text("xray:GetServiceGraph failed: \(error)")]))
            }
        }
    }

    /// The findings in `format`; JSON adds `--verify`'s journey and `--seen`'s comparison beside them.
    public static func render(_ report: Report, _ format: ReportFormat) -> String {
        let rendered = format.render(report.lintReport)
        guard format == .json, report.verification != nil || report.serviceGraph != nil else { return rendered }
        var extra: [String: JSONValue] = [:]
        if let graph = report.serviceGraph { extra["serviceGraph"] = ServiceGraphComparison.json(graph) }
        if let result = report.verification { extra["verification"] = TraceVerification.json(result) }
        let trimmed = rendered.trimmingCharacters(in: .whitespacesAndNewlines)
        return "{\"report\":" + trimmed + "," + String(CanonicalJSON.compact(JSONValue.object(extra)).dropFirst()) + "\n"
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
