import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct CollectorReceiverOnLoopback: LintRule {
    package static let description = RuleDescription(
        id: "XR511", name: "collector-receiver-on-loopback", severity: .error, also: [.info],
        summary: "A collector receiver listens on localhost (written, or by omitting `endpoint`, the default since ADOT 0.41) where other containers or tasks must reach it.",
        rationale: "A receiver bound to loopback accepts only its own network namespace. In a bridge-mode task each container has its own loopback, and a DAEMON service's collector serves other tasks, so their spans never arrive; in awsvpc and host mode the task shares one namespace and loopback works. Since ADOT 0.41 (collector 0.104) receivers default to localhost when endpoint is omitted. It is an error when the task's apps show they send to the collector (a link to it, X-Ray or OpenTelemetry settings) or it runs as a DAEMON service; otherwise, and in a configuration file alone, who sends to it is not known: reported as info.",
        sources: [.issue("aws-observability/aws-otel-collector", 2510), .otelLocalhostDefault, .adotReleases],
        examples: [
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "bridge", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "links": ["aws-otel-collector"]},
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
                   "environment": [{"name": "AOT_CONFIG_CONTENT", "value": ↓"receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 127.0.0.1:4317\nexporters:\n  awsxray: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [awsxray]\n"}]}]}

                """#),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: ↓localhost:4318
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]

                """),
            // awsvpc: the containers of a task share one network namespace, loopback reaches the collector.
            RuleExample("taskdef.json", #"""
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1"},
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
                   "environment": [{"name": "AOT_CONFIG_CONTENT", "value": "receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 127.0.0.1:4317\nexporters:\n  awsxray: {}\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [awsxray]\n"}]}]}

                """#),
            RuleExample("collector.yaml", """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 0.0.0.0:4317
                exporters:
                  awsxray: {}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [awsxray]

                """),
        ])

    package static let loopbackHosts: Set<String> = ["localhost", "127.0.0.1", "::1", "[::1]"]

    package func check(_ run: LintRun) -> [Finding] {
        run.collectorConfigs.flatMap { config -> [Finding] in
            // Inline: only where another namespace must reach it. A file: said as info.
            let severity: Severity
            if let task = config.task {
                let servesOthers = task.networkMode == "bridge" || !run.daemonServices(running: task).isEmpty
                guard servesOthers else { return [] }
                // Certain when apps show they send to it (a link, X-Ray or OpenTelemetry settings, or a
                // DAEMON service, which exists to serve other tasks); a collector of its own is said as info.
                let name = config.container?.name ?? ""
                let senders = task.apps.contains { app in
                    app.links.contains(name) || app.environment.contains { $0.name.hasPrefix("AWS_XRAY_") || $0.name.hasPrefix("OTEL_") }
                }
                severity = senders || !run.daemonServices(running: task).isEmpty ? .error : .info
            } else {
                severity = .info
            }
            let whom = config.task == nil ? "only from the collector's own network namespace" : "by no other container or task"
            return Self.listeners(config).compactMap { listener -> Finding? in
                if let endpoint = listener.endpoint {
                    guard let host = endpoint.text.map(Self.host), Self.loopbackHosts.contains(host.lowercased()) else { return nil }
                    return finding(endpoint, "receiver \(listener.id) listens on \(endpoint.text ?? ""), reachable \(whom)",
                                   fix: "Listen on 0.0.0.0 (endpoint: 0.0.0.0:\(Self.port(endpoint.text ?? "") ?? listener.defaultPort))",
                                   severity: severity)
                }
                // The OpenTelemetry operator fills omitted endpoints with 0.0.0.0 (it turns the
                // localhost default off), so an OpenTelemetryCollector resource may leave them out.
                if config.source == .operatorResource { return nil }
                return finding(listener.anchor, "receiver \(listener.id) sets no endpoint, so ADOT 0.41 and later listen on localhost:\(listener.defaultPort), reachable \(whom)",
                               fix: "Set endpoint: 0.0.0.0:\(listener.defaultPort)", severity: severity)
            }
        }
    }

    package struct Listener {
        package var id: String
        package var anchor: LocatedNode
        package var endpoint: LocatedNode?
        package var defaultPort: Int
    }

    /// The listening sockets of the receivers xrayctl knows: awsxray (and its sampling proxy) and otlp's two protocols.
    package static func listeners(_ config: CollectorConfigView) -> [Listener] {
        config.components("receivers").flatMap { id, key, value -> [Listener] in
            switch CollectorConfigView.type(id) {
            case "awsxray":
                var found = [Listener(id: id, anchor: key, endpoint: value["endpoint"], defaultPort: 2000)]
                if let proxy = value["proxy_server"] {
                    found.append(Listener(id: id + " proxy_server", anchor: value.keyNode("proxy_server") ?? key,
                                          endpoint: proxy["endpoint"], defaultPort: 2000))
                }
                return found
            case "otlp":
                let protocols = value["protocols"]
                return [("grpc", 4317), ("http", 4318)].compactMap { name, port -> Listener? in
                    guard let anchor = protocols?.keyNode(name) else { return nil }
                    return Listener(id: "\(id) \(name)", anchor: anchor, endpoint: protocols?[name]?["endpoint"], defaultPort: port)
                }
            default:
                return []
            }
        }
    }

    /// `host:port`, `[::1]:4317` or `:4317` → the host.
    package static func host(_ endpoint: String) -> String {
        if endpoint.hasPrefix("[") { return String(endpoint.prefix { $0 != "]" }) + "]" }
        return String(endpoint.split(separator: ":", omittingEmptySubsequences: false).first ?? "")
    }

    package static func port(_ endpoint: String) -> Int? {
        endpoint.split(separator: ":").last.flatMap { Int($0) }
    }
}
