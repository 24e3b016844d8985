/// `traces:`: OTLP export and Transaction Search (facts §10).
extension ModelReader {
    static let tracesKeys = ["export", "transaction_search"]

    func traces(_ node: LocatedNode, agent: AgentSpec?, agentNode: LocatedNode?) -> TracesSpec? {
        guard let fields = reader.fields(node, "traces", keys: Self.tracesKeys) else { return nil }
        var spec = TracesSpec()
        if let exportNode = fields["export"],
           let text = reader.choice(exportNode, "traces export", from: TracesSpec.Export.allCases.map(\.rawValue)) {
            spec.export = TracesSpec.Export(rawValue: text)!
            if spec.export == .otlp, let agent, agent.kind == .xrayDaemon {
                // The daemon speaks only the X-Ray API; OTLP needs a collector.
                reader.error(exportNode, "traces export otlp needs an agent that sends OTLP: set agent kind to adot or cloudwatch-agent (the X-Ray daemon only calls PutTraceSegments)")
            }
        }
        if let searchNode = fields["transaction_search"] {
            // `transaction_search:` with nothing under it turns it on with the defaults.
            let isEmpty = searchNode.scalar?.kind == .null
            let searchFields = isEmpty ? nil : reader.fields(searchNode, "transaction_search", keys: ["indexing_percentage"])
            let percentage = searchFields?["indexing_percentage"].flatMap { reader.double($0, "transaction_search indexing_percentage", in: 0...100) } ?? 1
            spec.transactionSearch = TransactionSearchSpec(indexingPercentage: percentage, location: searchNode.location)
        } else if spec.export == .otlp, let exportNode = fields["export"] {
            reader.warning(exportNode, "X-Ray's OTLP endpoint drops every span, without an error, unless Transaction Search is on in the account: add traces: {transaction_search: {}} to turn it on here, or make sure it is on already (xrayctl doctor --aws checks)")
        }
        return spec
    }
}
