/// `traces:`: OTLP export and Transaction Search (docs/xray-facts.md §10).
extension ModelReader {
    package static let tracesKeys = ["export", "transaction_search"]

    package func traces(_ node: LocatedNode, agent: AgentSpec?) -> TracesSpec? {
        guard let fields = reader.fields(node, "traces", keys: Self.tracesKeys) else { return nil }
        var spec = TracesSpec()
        if let exportNode = fields["export"],
           let text = reader.choice(exportNode, "traces export", from: TracesSpec.Export.allCases.map(\.rawValue)) {
            spec.export = TracesSpec.Export(rawValue: text)!
            if spec.export == .otlp, let agent, !agent.kind.profile.otlp {
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

    /// `application_signals: true`: ECS services get it through the CloudWatch agent (docs/xray-facts.md §10),
    /// as a sidecar in awsvpc mode or as the DAEMON service on EC2.
    package func applicationSignals(_ node: LocatedNode, agent: AgentSpec?, services: [ServiceSpec]) -> Bool {
        guard let scalar = node.scalar, scalar.kind == .bool else {
            reader.error(node, "application_signals must be true or false, found \(node.typeName)")
            return false
        }
        guard scalar.text.lowercased() == "true" else { return false }
        let ecs = services.filter { $0.platform.isECS }
        if !ecs.isEmpty, let agent, !agent.kind.profile.applicationSignals {
            reader.error(node, "Application Signals on ECS runs through the CloudWatch agent: set agent kind to cloudwatch-agent (it is \(agent.kind.rawValue))")
        }
        for service in ecs where service.platform != .ecsEC2Daemon {
            if case .ecs(let spec) = service.target, spec.networkMode != .awsvpc {
                reader.error(at: service.location, "Application Signals sidecars run in awsvpc mode; service '\(service.name)' uses \(spec.networkMode.rawValue) (use network_mode: awsvpc, or platform ecs-ec2-daemon)")
            }
        }
        // The app side: the ADOT SDK agent of the service's language is injected (ADOTInstrumentation);
        // AWS publishes one for four languages only.
        if agent?.kind.profile.applicationSignals ?? false {
            for service in ecs {
                if let language = service.language {
                    if ADOTInstrumentation.of(language: language) == nil {
                        reader.error(at: service.languageLocation ?? service.location, "Application Signals on ECS injects the AWS Distro for OpenTelemetry SDK agent of the service's language, which exists for \(ADOTInstrumentation.languages.joined(separator: ", ")); service '\(service.name)' is \(language) (instrument it with OpenTelemetry yourself and remove language, or move it out of this model)")
                    }
                } else {
                    reader.warning(at: service.location, "service '\(service.name)' names no language, so Application Signals cannot inject its SDK agent: add language: java, python, node or dotnet, or run the ADOT SDK agent in the image yourself")
                }
            }
        }
        // Lambda functions take part through the AWS OpenTelemetry layer (instrumentation: adot).
        let others = services.filter { service in
            if service.platform.isECS { return false }
            if case .lambda(let spec) = service.target { return spec.instrumentation != .adot }
            return true
        }.map(\.name)
        if !others.isEmpty {
            reader.warning(node, "application_signals covers ECS services and Lambda functions with instrumentation: adot; \(others.joined(separator: ", ")) get X-Ray tracing only")
        }
        return true
    }
}
