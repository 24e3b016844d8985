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
    public static func simulationText(_ result: SamplingSimulator.Result, baseline: SamplingSimulator.Result? = nil,
                                      transactionSearch: TransactionSearchCost.Pricing? = nil) -> String {
        func number(_ value: Double) -> String {
            value >= 100 ? grouped(value) : String(format: "%.3f", value)
        }
        // Boosted rules add a column: traces per second while X-Ray holds the rule at its MaxRate.
        let boosts = result.boostedTracesPerMonth != nil
        let header = ["rule", "requests/s", "traces/s", "traces/month"] + (boosts ? ["boosted traces/s"] : [])
        var rows = result.rules.map { figures in
            [figures.rule.name, number(figures.requestsPerSecond), number(figures.tracesPerSecond), grouped(figures.tracesPerMonth)]
                + (boosts ? [figures.boostedTracesPerSecond.map(number) ?? "-"] : [])
        }
        let boostedPeak = result.rules.map { $0.boostedTracesPerSecond ?? $0.tracesPerSecond }.reduce(0, +)
        rows.append(["total", number(result.requestsPerSecond), number(result.tracesPerSecond), grouped(result.tracesPerMonth)]
                        + (boosts ? [number(boostedPeak)] : []))
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
        if let traces = result.boostedTracesPerMonth, let cost = result.boostedCostPerMonth {
            lines.append("with adaptive sampling, at most (every boost at its MaxRate for \(String(format: "%g", SamplingSimulator.boostMinutes)) minute in each cooldown window): \(grouped(traces)) traces, \(String(format: "$%.2f", cost)) a month")
        }
        if let baseline {
            let traces = result.tracesPerMonth - baseline.tracesPerMonth, cost = result.costPerMonth - baseline.costPerMonth
            lines.append("compared with the Default rule alone (\(grouped(baseline.tracesPerMonth)) traces, \(String(format: "$%.2f", baseline.costPerMonth))): \(traces >= 0 ? "+" : "")\(grouped(traces)) traces, \(cost >= 0 ? "+" : "-")\(String(format: "$%.2f", abs(cost))) a month")
        }
        if let pricing = transactionSearch {
            lines += [""] + transactionSearchLines(result, pricing)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same month's traces priced both ways, side by side.
    package static func transactionSearchLines(_ result: SamplingSimulator.Result, _ pricing: TransactionSearchCost.Pricing) -> [String] {
        let search = TransactionSearchCost.figures(tracesPerMonth: result.tracesPerMonth, pricing: pricing)
        let dollars = { (value: Double) in String(format: "$%.2f", value) }
        let xrayBillable = max(0, result.tracesPerMonth - result.pricing.freeTraces)
        let rows: [[String]] = [
            ["", "X-Ray traces", "Transaction Search"],
            ["recorded", "\(grouped(result.tracesPerMonth)) traces",
             "\(grouped(search.spansPerMonth)) spans, \(String(format: "%.2f", search.gigabytesPerMonth)) GB"],
            ["indexed", "every trace", "\(String(format: "%g", min(max(pricing.indexingPercent, 0), 100)))%: \(grouped(search.indexedSpansPerMonth)) spans"],
            ["billed", "\(grouped(xrayBillable)) traces x \(dollars(result.pricing.pricePerMillion))/million",
             "\(String(format: "%.2f", search.gigabytesPerMonth)) GB x \(dollars(pricing.ingestionPricePerGB)) + \(grouped(search.billableIndexedSpansPerMonth)) spans x \(dollars(pricing.indexingPricePerMillion))/million"],
            ["a month", dollars(result.costPerMonth), "\(dollars(search.costPerMonth)) (\(dollars(search.ingestionCost)) ingestion + \(dollars(search.indexingCost)) indexing)"],
        ]
        let widths = (0..<2).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = ["the same traffic with Transaction Search: \(String(format: "%g", pricing.spansPerTrace)) span(s) per trace of \(grouped(pricing.spanBytes)) bytes, ingested as CloudWatch Logs; the first \(String(format: "%g", TransactionSearchCost.freeIndexingPercent))% indexed free"]
        lines += rows.map { row in
            row.enumerated().map { index, cell in
                index < 2 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }
        lines.append("(the CloudWatch Logs free tier, 5 GB a month shared with all the account's logs, is not subtracted)")
        return lines
    }

    public static func simulationJSON(_ result: SamplingSimulator.Result, baseline: SamplingSimulator.Result? = nil,
                                      transactionSearch: TransactionSearchCost.Pricing? = nil) -> String {
        var object: [String: JSONValue] = [
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
                var rule: [String: JSONValue] = [
                    "rule": .string(figures.rule.name), "requests_per_second": .double(figures.requestsPerSecond),
                    "traces_per_second": .double(figures.tracesPerSecond), "traces_per_month": .double(figures.tracesPerMonth)]
                if let perSecond = figures.boostedTracesPerSecond, let perMonth = figures.boostedTracesPerMonth {
                    rule["boosted_traces_per_second"] = .double(perSecond)
                    rule["boosted_traces_per_month_at_most"] = .double(perMonth)
                }
                return .object(rule)
            }),
        ]
        if let traces = result.boostedTracesPerMonth, let cost = result.boostedCostPerMonth {
            object["boosted_traces_per_month_at_most"] = .double(traces)
            object["boosted_cost_per_month_usd_at_most"] = .double(cost)
        }
        if let pricing = transactionSearch {
            let search = TransactionSearchCost.figures(tracesPerMonth: result.tracesPerMonth, pricing: pricing)
            object["transaction_search"] = [
                "spans_per_trace": .double(pricing.spansPerTrace), "span_bytes": .double(pricing.spanBytes),
                "ingestion_price_per_gb_usd": .double(pricing.ingestionPricePerGB),
                "indexing_percent": .double(pricing.indexingPercent),
                "indexing_price_per_million_usd": .double(pricing.indexingPricePerMillion),
                "spans_per_month": .double(search.spansPerMonth), "gigabytes_per_month": .double(search.gigabytesPerMonth),
                "indexed_spans_per_month": .double(search.indexedSpansPerMonth),
                "billable_indexed_spans_per_month": .double(search.billableIndexedSpansPerMonth),
                "ingestion_cost_usd": .double(search.ingestionCost), "indexing_cost_usd": .double(search.indexingCost),
                "cost_per_month_usd": .double(search.costPerMonth),
            ]
        }
        return CanonicalJSON.encode(JSONValue.object(object))
    }
}
