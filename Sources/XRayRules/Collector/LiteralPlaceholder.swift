import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct LiteralPlaceholder: LintRule {
    package static let description = RuleDescription(
        id: "XR520", name: "literal-placeholder", severity: .error, also: [.warning],
        summary: "A region, endpoint or ARN holds a placeholder written as text (`region: <YOUR_AWS_REGION>`, `region: AWS_REGION`, `endpoint: OTEL_ENDPOINT`) in a collector configuration, or in an agent's or app's `AWS_REGION` or `OTEL_EXPORTER_OTLP_*ENDPOINT`.",
        rationale: "The collector reads an environment variable only when asked (`${env:AWS_REGION}`); `region: AWS_REGION` is the region named \"AWS_REGION\", and `<YOUR_AWS_REGION>` is what a sample asked to replace. The exporter then sends to a host that does not exist and drops every span, and a receiver cannot listen on such an endpoint, so in a component the collector loads it is an error (a warning in one no pipeline uses). In a container's environment the SDK's calls to AWS or to the collector fail: a warning. Template placeholders that a tool fills before anything runs (`${var}`, `{{ var }}`, `$VAR`) are not placeholders left behind, and are never reported.",
        sources: [.otelConfigEnvironment, .adotXRayExporter, .awsSDKRegion, .otelExporterEnvironment],
        examples: [
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  awsxray:
                    region: ↓<YOUR_AWS_REGION>
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  otlphttp:
                    endpoint: ↓OTEL_ENDPOINT
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlphttp]

                """),
            RuleExample("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                        - name: api
                          image: api:1
                          env:
                            - name: AWS_REGION
                              value: ↓<YOUR_AWS_REGION>

                """),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  awsxray:
                    region: ${env:AWS_REGION}
                  awsemf:
                    region: '${region}'
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]
                    metrics:
                      receivers: [otlp]
                      exporters: [awsemf]

                """),
        ])

    /// Keys whose value is a region, an endpoint or an ARN, anywhere inside a component.
    package static func isValueKey(_ key: String) -> Bool {
        key == "region" || key == "endpoint" || key.hasSuffix("_endpoint") || key == "role_arn" || key == "arn" || key == "resource_arn"
    }

    /// Environment variables whose value is a region or the address spans are sent to.
    package static let variables: Set<String> = ["AWS_REGION", "AWS_DEFAULT_REGION", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]

    /// A placeholder left as text: `<…>` around a word, or (for a region, or with an underscore,
    /// which no host name has) an upper-case identifier. Expansions and template variables are not.
    package static func isPlaceholder(_ text: String, key: String) -> Bool {
        guard !text.containsBytes("$"), !text.containsBytes("{{"), !text.containsBytes("%{") else { return false }
        if let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">"),
           text[text.index(after: open)..<close].first?.isLetter == true,
           text[text.index(after: open)..<close].allSatisfy({ $0.isLetter || $0.isNumber || "_- ".contains($0) }) {
            return true
        }
        let identifier = !text.isEmpty && text.first!.isUppercase
            && text.allSatisfy { ($0.isUppercase || $0.isNumber || $0 == "_") && $0.isASCII }
        let regionKey = key.lowercased().containsBytes("region")
        return identifier && (regionKey ? text.count >= 4 : text.containsBytes("_"))
    }

    package func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        for config in run.collectorConfigs {
            let used = Self.usedComponents(config)
            for section in ["receivers", "processors", "exporters", "extensions", "connectors"] {
                for component in config.components(section) {
                    let inUse = used.contains(section + "#" + component.id)
                    for (key, value) in Self.values(in: component.value) where Self.isPlaceholder(value.text ?? "", key: key) {
                        findings.append(finding(value, "\(section.dropLast()) \(component.id) has \(key): \(value.text ?? ""), a placeholder left as text: the collector does not substitute it, so \(section == "receivers" ? "the receiver cannot start" : "the component reaches no real \(key == "region" ? "region" : "address")")",
                                                fix: "Write the value, or read it from the environment: \(key): ${env:\(key == "region" ? "AWS_REGION" : "NAME")}",
                                                severity: inUse ? .error : .warning))
                    }
                }
            }
        }
        var environments: [(label: String, name: String, value: LocatedNode)] = []
        for task in run.taskDefinitions {
            for container in task.containers {
                environments += container.environment.compactMap { variable in variable.value.map { (container.name ?? "container", variable.name, $0) } }
            }
        }
        for workload in run.kubernetes.workloads {
            for container in workload.containers {
                environments += (container.node["env"]?.items ?? []).compactMap { entry in
                    guard let name = entry["name"]?.text, let value = entry["value"] else { return nil }
                    return ("\(workload.object.label) container \(container.name ?? "?")", name, value)
                }
            }
        }
        for (label, name, value) in environments where Self.variables.contains(name) {
            guard let text = value.text, Self.isPlaceholder(text, key: name) else { continue }
            findings.append(finding(value, "\(label) sets \(name)=\(text), a placeholder left as text: \(name.containsBytes("REGION") ? "the SDK's calls to AWS fail" : "the SDK sends spans to an address that does not exist")",
                                    fix: "Set \(name) to the real \(name.containsBytes("REGION") ? "region (for example us-east-1)" : "endpoint (for example http://localhost:4318)")",
                                    severity: .warning))
        }
        return findings
    }

    /// `section#id` of each component a pipeline or `service.extensions` names.
    package static func usedComponents(_ config: CollectorConfigView) -> Set<String> {
        var used = Set<String>()
        for pipeline in config.pipelines {
            for (key, sections) in CollectorUndefinedComponent.roles {
                for id in pipeline.value[key]?.items?.compactMap(\.text) ?? [] {
                    sections.forEach { used.insert($0 + "#" + id) }
                }
            }
        }
        for id in config.root["service"]?["extensions"]?.items?.compactMap(\.text) ?? [] { used.insert("extensions#" + id) }
        return used
    }

    /// The scalar values under region, endpoint and ARN keys, at any depth of a component.
    package static func values(in node: LocatedNode, depth: Int = 0) -> [(key: String, value: LocatedNode)] {
        guard depth < 8, let pairs = node.pairs else { return [] }
        return pairs.flatMap { pair -> [(key: String, value: LocatedNode)] in
            guard let key = pair.key.text else { return [] }
            if pair.value.scalar != nil { return isValueKey(key) ? [(key, pair.value)] : [] }
            return values(in: pair.value, depth: depth + 1)
        }
    }
}
