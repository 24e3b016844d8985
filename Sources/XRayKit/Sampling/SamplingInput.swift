import Foundation

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
                                           "no sampling rules here: expected CreateSamplingRule input, get-sampling-rules output, an AWS::XRay::SamplingRule template, an SDK local rules file or xray.yaml")])
        }
        return set
    }

    static let requestKeys = ["service", "service_type", "host", "method", "path"]

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
            guard let rps = rpsNode.text.flatMap(Double.init), rps >= 0, rps.isFinite else {
                diagnostics.append(.error(at: rpsNode.location, "rps must be a number of requests per second from 0"))
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
