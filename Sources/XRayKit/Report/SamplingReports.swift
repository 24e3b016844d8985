import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// Text and JSON for `xrayctl sampling match` and `simulate`.
public enum SamplingReports {
    package static func describe(_ request: SamplingRequest) -> String {
        let parts = [("service", request.service), ("service_type", request.serviceType), ("host", request.host),
                     ("method", request.method), ("path", request.path)]
            .compactMap { name, value in value.map { "\(name)=\($0)" } }
        return parts.isEmpty ? "(no fields: every rule matches)" : parts.joined(separator: " ")
    }

    package static func percent(_ rate: Double) -> String {
        let value = rate * 100
        if let whole = Int(exactly: value) { return "\(whole)%" }
        return String(format: "%.2f%%", value)
    }

    /// Which rule applies, and why each earlier rule did not.
    public static func matchText(_ request: SamplingRequest, _ decision: SamplingMatcher.Decision) -> String {
        var lines = ["request: \(describe(request))"]
        for (index, attempt) in decision.attempts.enumerated() {
            let rule = attempt.rule
            // Local rule files have no priorities: their order is the file's.
            let order = decision.local ? "rule \(index + 1) in the file" : "priority \(rule.priority)"
            if let mismatch = attempt.mismatch {
                lines.append("  - \(rule.name) (\(order)): \(mismatch)")
            } else {
                lines.append("  + \(rule.name) (\(order)): matches")
            }
        }
        let rule = decision.rule
        if decision.attempts.last?.mismatch != nil || decision.attempts.isEmpty {
            lines.append("  no rule matches: the default applies")
        }
        lines.append("  => \(rule.name): reservoir \(rule.reservoir)/s, then \(percent(rule.fixedRate)) of the rest")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func matchJSON(_ request: SamplingRequest, _ decision: SamplingMatcher.Decision) -> String {
        var fields: [String: JSONValue] = [:]
        if let value = request.service { fields["service"] = .string(value) }
        if let value = request.serviceType { fields["service_type"] = .string(value) }
        if let value = request.host { fields["host"] = .string(value) }
        if let value = request.method { fields["method"] = .string(value) }
        if let value = request.path { fields["path"] = .string(value) }
        let object: JSONValue = [
            "request": .object(fields),
            "rule": .string(decision.rule.name),
            "priority": .int(decision.rule.priority),
            "fixed_rate": .double(decision.rule.fixedRate),
            "reservoir": .int(decision.rule.reservoir),
            "tried": .array(decision.attempts.map { attempt in
                ["rule": .string(attempt.rule.name), "matched": .bool(attempt.mismatch == nil),
                 "reason": attempt.mismatch.map(JSONValue.string) ?? .string("matches")]
            }),
        ]
        return CanonicalJSON.compact(object)
    }

    /// A whole number with thousands grouped (21,902,400), as people read counts.
    package static func grouped(_ value: Double) -> String {
        let digits = String(format: "%.0f", value.rounded())
        let negative = digits.hasPrefix("-")
        var body = Array(negative ? digits.dropFirst() : digits[...])
        var index = body.count - 3
        while index > 0 { body.insert(",", at: index); index -= 3 }
        return (negative ? "-" : "") + String(body)
    }

    /// `baseline`: the same traffic under the Default rule alone, to show what the rules change.
    public static func simulationText(_ result: SamplingSimulator.Result, baseline: SamplingSimulator.Result? = nil) -> String {
        func number(_ value: Double) -> String {
            value >= 100 ? grouped(value) : String(format: "%.3f", value)
        }
        let header = ["rule", "requests/s", "traces/s", "traces/month"]
        var rows = result.rules.map { [$0.rule.name, number($0.requestsPerSecond), number($0.tracesPerSecond), grouped($0.tracesPerMonth)] }
        rows.append(["total", number(result.requestsPerSecond), number(result.tracesPerSecond), grouped(result.tracesPerMonth)])
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == 0 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
        var lines = [format(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.dropLast().map(format)
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines.append(format(rows.last!))
        lines.append("")
        lines.append("\(result.hosts) host(s), \(String(format: "%g", result.days))-day month: \(grouped(result.tracesPerMonth)) traces, \(grouped(result.pricing.freeTraces)) free, \(String(format: "$%.2f", result.pricing.pricePerMillion)) per million recorded: \(String(format: "$%.2f", result.costPerMonth)) a month")
        if let baseline {
            let traces = result.tracesPerMonth - baseline.tracesPerMonth, cost = result.costPerMonth - baseline.costPerMonth
            lines.append("compared with the Default rule alone (\(grouped(baseline.tracesPerMonth)) traces, \(String(format: "$%.2f", baseline.costPerMonth))): \(traces >= 0 ? "+" : "")\(grouped(traces)) traces, \(cost >= 0 ? "+" : "-")\(String(format: "$%.2f", abs(cost))) a month")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func simulationJSON(_ result: SamplingSimulator.Result, baseline: SamplingSimulator.Result? = nil) -> String {
        let object: JSONValue = [
            "requests_per_second": .double(result.requestsPerSecond),
            "traces_per_second": .double(result.tracesPerSecond),
            "traces_per_month": .double(result.tracesPerMonth),
            "cost_per_month_usd": .double(result.costPerMonth),
            "hosts": .int(result.hosts),
            "days": .double(result.days),
            "price_per_million_usd": .double(result.pricing.pricePerMillion),
            "free_traces_per_month": .double(result.pricing.freeTraces),
            "baseline": baseline.map { ["traces_per_month": .double($0.tracesPerMonth), "cost_per_month_usd": .double($0.costPerMonth)] } ?? .null,
            "rules": .array(result.rules.map { figures in
                ["rule": .string(figures.rule.name), "requests_per_second": .double(figures.requestsPerSecond),
                 "traces_per_second": .double(figures.tracesPerSecond), "traces_per_month": .double(figures.tracesPerMonth)]
            }),
        ]
        return CanonicalJSON.encode(object)
    }
}
