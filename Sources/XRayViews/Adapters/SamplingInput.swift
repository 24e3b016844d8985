import Foundation
import XRayCore
import XRaySampling

/// Reads the inputs of `xrayctl sampling`: a rules file in any format, JSON Lines requests, and
/// a traffic profile. Every problem is a located diagnostic.
public enum SamplingInput {
    public static func rules(path: String, data: Data) throws(DiagnosticsError) -> SamplingRuleSet {
        let document = DocumentLoader.load(path: path, data: data)
        if let problem = document.loadFindings.first {
            throw DiagnosticsError([.error(at: problem.location, problem.message)])
        }
        guard let set = SamplingRuleReader.read(document).first else {
            throw DiagnosticsError([.error(at: SourceLocation(file: path, line: 1, column: 1),
                                           "no sampling rules here: expected CreateSamplingRule input, get-sampling-rules output, a list of rules ([{\"RuleName\": …}, …]), an AWS::XRay::SamplingRule template, an SDK local rules file or xray.yaml")])
        }
        let errors = numberProblems(set).filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticsError(errors) }
        return set
    }

    /// Numbers in the rules that no arithmetic should see (errors: NaN, infinities, text,
    /// whole numbers beyond Int) and numbers X-Ray itself would reject (warnings: a rate above
    /// 1, a negative reservoir); `sampling` answers with the latter as written.
    public static func numberProblems(_ set: SamplingRuleSet) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let modelDefault = set.node?["default"]
        func check(_ node: LocatedNode?, _ rule: SamplingRule, _ what: String, whole: Bool, range: ClosedRange<Double>, accepted: String) {
            guard let node, let text = node.text else { return }
            let value = whole ? Int(text).map(Double.init) : Double(text).flatMap { $0.isFinite ? $0 : nil }
            guard let value else {
                problems.append(.error(at: node.location, "rule '\(rule.name)': the \(what) must be \(accepted), found \(text)"))
                return
            }
            if !range.contains(value) {
                problems.append(.warning(at: node.location, "rule '\(rule.name)': X-Ray accepts \(accepted) as the \(what), found \(text); the answer uses it as written"))
            }
        }
        for rule in set.rules + [set.defaultRule] {
            let node = rule.isDefault || rule.name == "default" ? (rule.node ?? modelDefault) : rule.node
            check(rule.fields["FixedRate"] ?? node?["rate"], rule, "rate", whole: false, range: 0...1, accepted: "a number from 0 to 1")
            check(rule.fields["ReservoirSize"] ?? node?["reservoir"] ?? node?["fixed_target"], rule, "reservoir", whole: true,
                  range: 0...Double(Int32.max), accepted: "a whole number from 0")
            check(rule.fields["Priority"] ?? node?["priority"], rule, "priority", whole: true,
                  range: 1...10_000, accepted: "a whole number from 1 to 9999 (10000 is Default's)")
        }
        return problems
    }

    package static let requestKeys = ["service", "service_type", "host", "method", "path"]

    /// One JSON object per line, with the request keys; blank lines are skipped.
    public static func requests(path: String, text: String) throws(DiagnosticsError) -> [SamplingRequest] {
        var requests: [SamplingRequest] = []
        var diagnostics: [Diagnostic] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                guard let node = try YAMLLoader.load(String(line), file: path) else { continue }
                if let request = request(node.shifted(byLines: index), extra: [], diagnostics: &diagnostics) { requests.append(request) }
            } catch {
                var diagnostic = error
                diagnostic.location.line = index + 1
                diagnostics.append(diagnostic)
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return requests
    }

    /// A billion requests a second is beyond any fleet; the bound keeps every figure finite.
    public static let maximumRPS = 1_000_000_000.0

    /// A traffic profile: a list of requests with `rps`.
    public static func traffic(path: String, text: String) throws(DiagnosticsError) -> [TrafficEntry] {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let root: LocatedNode?
        do { root = try YAMLLoader.load(text, file: path) } catch { throw DiagnosticsError([error]) }
        guard let items = root?.items, !items.isEmpty else {
            throw DiagnosticsError([.error(at: root?.location ?? start, "the traffic profile must be a non-empty list of {service, service_type, host, method, path, rps}")])
        }
        var diagnostics: [Diagnostic] = []
        var entries: [TrafficEntry] = []
        for item in items {
            guard let request = request(item, extra: ["rps"], diagnostics: &diagnostics) else { continue }
            guard let rpsNode = item["rps"] else {
                diagnostics.append(.error(at: item.location, "a traffic entry needs rps (requests per second across all hosts)"))
                continue
            }
            guard let rps = rpsNode.text.flatMap(Double.init), (0...maximumRPS).contains(rps) else {
                diagnostics.append(.error(at: rpsNode.location, "rps must be a number of requests per second from 0 to 1000000000"))
                continue
            }
            entries.append(TrafficEntry(request: request, rps: rps))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return entries
    }

    private static func request(_ node: LocatedNode, extra: [String], diagnostics: inout [Diagnostic]) -> SamplingRequest? {
        guard let pairs = node.pairs else {
            diagnostics.append(.error(at: node.location, "expected an object with \(requestKeys.joined(separator: ", ")), found \(node.typeName)"))
            return nil
        }
        let allowed = requestKeys + extra
        var values: [String: String] = [:]
        for (key, value) in pairs {
            guard let name = key.text, allowed.contains(name) else {
                diagnostics.append(.error(at: key.location, "unknown key '\(key.text ?? "")'\(Suggestion.didYouMean(key.text ?? "", in: allowed))"))
                continue
            }
            if name == "rps" { continue }
            guard value.scalar != nil else {
                diagnostics.append(.error(at: value.location, "\(name) must be a string, found \(value.typeName)"))
                continue
            }
            values[name] = value.text
        }
        return SamplingRequest(service: values["service"], serviceType: values["service_type"], host: values["host"],
                               method: values["method"], path: values["path"])
    }
}
