import ArgumentParser
import Foundation
import XRayKit

extension XRayCtl {
    struct Sampling: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sampling",
            abstract: "Reason about sampling rules: which rule a request hits, and what a rule set records and costs.",
            subcommands: [Match.self, Simulate.self])
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// Reads a file for a sampling command; exits 2 with a located message when it cannot.
func readInput(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIFailure.unusable("\(path):1:1: error: cannot read this file (no such file, or not readable)")
    }
    return data
}

func loadRules(_ path: String) throws -> SamplingRuleSet {
    do {
        let set = try SamplingInput.rules(path: path, data: try readInput(path))
        SamplingInput.numberProblems(set).forEach { printError($0.description) }
        if case .centralized = set.kind {
            for rule in set.rules {
                if let reason = rule.ignoredBecause {
                    printError("warning: the X-Ray SDKs ignore rule '\(rule.name)' because \(reason); it is skipped")
                }
            }
        }
        return set
    } catch let error as DiagnosticsError {
        throw CLIFailure.unusable(error.diagnostics.map(\.description))
    }
}

extension XRayCtl.Sampling {
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "match",
            abstract: "Show which rule applies to a request, exactly as the X-Ray SDKs choose it.")

        @Option(help: "Sampling rules in any format the linter reads.")
        var rules: String
        @Option(help: "The request's service name (the segment's name).") var service: String?
        @Option(name: .customLong("service-type"), help: "The origin, such as AWS::ECS::Container or AWS::EC2::Instance.")
        var serviceType: String?
        @Option(help: "The request's Host header.") var host: String?
        @Option(help: "The HTTP method, such as GET.") var method: String?
        @Option(help: "The URL path, such as /health.") var path: String?
        @Option(help: "JSON Lines of requests ({service, service_type, host, method, path}), one per line.")
        var requests: String?
        @Option(name: [.short, .long], help: "Output format.") var format: OutputFormat = .text

        func run() throws {
            let set = try loadRules(rules)
            var list = [SamplingRequest(service: service, serviceType: serviceType, host: host, method: method, path: path)]
            if let requests {
                do {
                    list = try SamplingInput.requests(path: requests, text: String(decoding: try readInput(requests), as: UTF8.self))
                } catch let error as DiagnosticsError {
                    throw CLIFailure.unusable(error.diagnostics.map(\.description))
                }
            }
            for request in list {
                let decision = SamplingMatcher.match(request, in: set)
                switch format {
                case .text: print(SamplingReports.matchText(request, decision), terminator: "")
                case .json: print(SamplingReports.matchJSON(request, decision))
                }
            }
        }
    }

    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulate",
            abstract: "Expected traces per second and per month, per rule and in total, and the monthly cost.")

        @Option(help: "Sampling rules in any format the linter reads (default: none, the Default rule alone).")
        var rules: String?
        @Option(help: "Traffic profile (JSON or YAML): a list of {service, service_type, host, method, path, rps}.")
        var traffic: String
        @Option(help: "Hosts (or tasks) sharing the traffic; local rules' fixed_target applies on each.")
        var hosts = 1
        @Option(help: "Days in the month.")
        var days = 30.0
        @Option(name: .customLong("price-per-million"), help: "Dollars per million traces recorded.")
        var pricePerMillion = 5.0
        @Option(name: .customLong("free-traces"), help: "Traces recorded free each month.")
        var freeTraces = 100_000.0
        @Flag(name: .customLong("transaction-search"),
              help: "Also price the same traces as Transaction Search spans (CloudWatch Logs ingestion plus indexing), side by side.")
        var transactionSearch = false
        @Option(name: .customLong("spans-per-trace"), help: "With --transaction-search: spans in a recorded trace (an assumption: count yours).")
        var spansPerTrace = 1.0
        @Option(name: .customLong("span-bytes"),
                help: "With --transaction-search: bytes per span as stored in aws/spans (an assumption: the log group's IncomingBytes / IncomingLogEvents gives yours).")
        var spanBytes = 1_000.0
        @Option(name: .customLong("ingestion-price-per-gb"),
                help: "With --transaction-search: dollars per GB of spans ingested (CloudWatch Logs standard ingestion, us-east-1, AWS's CloudWatch pricing page as of 2026-12-06).")
        var ingestionPricePerGB = 0.50
        @Option(name: .customLong("indexing-percent"), help: "With --transaction-search: percent of spans indexed as trace summaries (the first 1% free).")
        var indexingPercent = 1.0
        @Option(name: .customLong("indexing-price-per-million"),
                help: "With --transaction-search: dollars per million spans indexed beyond the free 1% (default: X-Ray's 2026 price per million traces recorded, assumed for trace summaries: no separate figure was confirmed on AWS's pricing pages on 2026-12-06; set yours).")
        var indexingPricePerMillion = 5.0
        @Option(name: [.short, .long], help: "Output format.") var format: OutputFormat = .text

        func validate() throws {
            guard (0...100_000).contains(spansPerTrace), (0...10_000_000).contains(spanBytes) else {
                throw ValidationError("--spans-per-trace must be from 0 to 100000 and --span-bytes from 0 to 10000000")
            }
            guard (0...1_000_000).contains(ingestionPricePerGB), (0...1_000_000).contains(indexingPricePerMillion) else {
                throw ValidationError("--ingestion-price-per-gb and --indexing-price-per-million must be numbers of dollars from 0 to 1000000")
            }
            guard (0...100).contains(indexingPercent) else { throw ValidationError("--indexing-percent must be from 0 to 100") }
            guard hosts >= 1 else { throw ValidationError("--hosts must be at least 1") }
            guard (1...31).contains(days) else { throw ValidationError("--days must be from 1 to 31") }
            // The bounds keep every figure finite (no NaN or infinity reaches a report).
            guard hosts <= 1_000_000 else { throw ValidationError("--hosts must be from 1 to 1000000") }
            guard (0...1_000_000).contains(pricePerMillion) else {
                throw ValidationError("--price-per-million must be a number of dollars from 0 to 1000000")
            }
            guard (0...1e15).contains(freeTraces) else { throw ValidationError("--free-traces must be a number from 0 to 1000000000000000") }
        }

        func run() throws {
            // No rules: X-Ray's Default alone (1/s + 5%), the baseline every rule set is compared with.
            let set = try rules.map(loadRules) ?? SamplingRuleSet(kind: .centralized, rules: [])
            let entries: [TrafficEntry]
            do {
                entries = try SamplingInput.traffic(path: traffic, text: String(decoding: try readInput(traffic), as: UTF8.self))
            } catch let error as DiagnosticsError {
                throw CLIFailure.unusable(error.diagnostics.map(\.description))
            }
            let pricing = SamplingSimulator.Pricing(pricePerMillion: pricePerMillion, freeTraces: freeTraces)
            let result = SamplingSimulator.simulate(set, traffic: entries, hosts: hosts, days: days, pricing: pricing)
            let baseline = rules == nil ? nil : SamplingSimulator.simulate(SamplingRuleSet(kind: .centralized, rules: []), traffic: entries,
                                                                           hosts: hosts, days: days, pricing: pricing)
            let search = transactionSearch
                ? TransactionSearchCost.Pricing(spansPerTrace: spansPerTrace, spanBytes: spanBytes, ingestionPricePerGB: ingestionPricePerGB,
                                                indexingPercent: indexingPercent, indexingPricePerMillion: indexingPricePerMillion)
                : nil
            print(format == .json ? SamplingReports.simulationJSON(result, baseline: baseline, transactionSearch: search)
                                  : SamplingReports.simulationText(result, baseline: baseline, transactionSearch: search), terminator: "")
        }
    }
}
