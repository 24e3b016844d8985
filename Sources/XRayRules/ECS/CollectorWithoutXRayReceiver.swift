import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct CollectorWithoutXRayReceiver: LintRule {
    package static let description = RuleDescription(
        id: "XR120", name: "collector-without-xray-receiver", severity: .warning, also: [.info],
        summary: "An ADOT collector whose configuration has no `awsxray` receiver (such as the bundled `ecs-xray.yaml`, which takes OTLP only) while an app that sends X-Ray segments (it sets an `AWS_XRAY_*` variable) is in sight.",
        rationale: "X-Ray SDKs send segments over UDP to port 2000; only the collector's awsxray receiver listens there (and serves the sampling proxy). The bundled ecs-xray.yaml receives OTLP only, so X-Ray SDK apps lose every segment, and console sampling rules are ignored. OpenTelemetry apps send OTLP and need no awsxray receiver, so the rule speaks only when an app configured for the X-Ray SDK (`AWS_XRAY_DAEMON_ADDRESS`, `AWS_XRAY_TRACING_NAME` and the other `AWS_XRAY_*` variables) sends to the collector: in its task, or anywhere in the files linted for a configuration file on its own.",
        sources: [.otelXRayReceiver, .cloudWatchAgentXRayReceiver, .issue("aws-observability/aws-otel-collector", 2698), .issue("aws-observability/aws-otel-collector", 529)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "AWS_XRAY_TRACING_NAME", "value": "api"}]},
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
                   "command": [↓"--config=/etc/ecs/ecs-xray.yaml"]}]}

                """),
            // The same collector beside an OpenTelemetry app: OTLP is all it needs.
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "OTEL_SERVICE_NAME", "value": "api"}]},
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
                   "command": ["--config=/etc/ecs/ecs-xray.yaml"]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "aws-otel-collector", "image": "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0",
                   "command": ["--config=/etc/ecs/ecs-default-config.yaml"]}]}

                """),
        ])

    /// Bundled configurations (in the collector image) that have no awsxray receiver.
    package static let otlpOnlyConfigs = ["/etc/ecs/ecs-xray.yaml", "/etc/ecs/container-insights/otel-task-metrics-config.yaml"]

    package func check(_ run: LintRun) -> [Finding] {
        // Nothing to look at without a collector: no search for X-Ray SDK apps then.
        guard run.collectorConfigs.contains(where: { $0.task == nil })
            || run.taskDefinitions.contains(where: { $0.containers.contains { $0.imageKind == .adot } }) else { return [] }
        let senderInRun = Self.xraySenderInSight(run)
        return standaloneConfigs(run, senderInRun: senderInRun) + sidecars(run, senderInRun: senderInRun)
    }

    /// Whether a container's variables show the X-Ray SDK (its settings all start `AWS_XRAY_`;
    /// X-Ray SDK configuration pages for Java, Node.js, Python, Go, .NET and Ruby).
    package static func sendsXRaySegments(_ variableNames: [String]) -> Bool {
        variableNames.contains { $0.hasPrefix("AWS_XRAY_") }
    }

    /// An app anywhere in the run (ECS or Kubernetes) that is configured for the X-Ray SDK.
    package static func xraySenderInSight(_ run: LintRun) -> Bool {
        run.taskDefinitions.contains { $0.apps.contains { sendsXRaySegments($0.environment.map(\.name)) } }
            || run.kubernetes.workloads.contains { workload in
                workload.apps.contains { app in sendsXRaySegments((app.node["env"]?.items ?? []).compactMap { $0["name"]?.text }) }
            }
    }

    /// A collector configuration file on its own: said (at info level, since who sends to it is
    /// not certain) only when an X-Ray SDK app is among the files linted.
    package func standaloneConfigs(_ run: LintRun, senderInRun: Bool) -> [Finding] {
        guard senderInRun else { return [] }
        return run.collectorConfigs.filter { $0.task == nil }.compactMap { config in
            let traces = config.pipelines.filter { $0.name.hasPrefix("traces") }
            guard let first = traces.first, !traces.contains(where: { $0.value["receivers"]?.items?.contains { $0.text?.hasPrefix("awsxray") == true } == true })
            else { return nil }
            return finding(first.key, "this collector's traces pipeline has no awsxray receiver: apps instrumented with the X-Ray SDK cannot send to it (OpenTelemetry apps can)",
                           fix: "If X-Ray SDK apps send here, add receivers.awsxray (endpoint 0.0.0.0:2000, transport udp) to the traces pipeline",
                           severity: .info)
        }
    }

    package func sidecars(_ run: LintRun, senderInRun: Bool) -> [Finding] {
        let tasks = run.taskDefinitions.filter { task in
            // Bare container lists have no task: the run stands in for it.
            task.partial ? senderInRun : task.apps.contains { Self.sendsXRaySegments($0.environment.map(\.name)) }
        }
        return tasks.flatMap { task in task.containers.map { (task, $0) } }.filter { $0.1.imageKind == .adot }.compactMap { task, collector in
            if let inline = collector.variable("AOT_CONFIG_CONTENT")?.value, let text = inline.text {
                guard !text.containsBytes("awsxray:") || !(CollectorConfigView.traceReceivers(in: text, writtenAt: inline, in: task.document)?.contains("awsxray") ?? true) else { return nil }
                return finding(inline, "the collector's inline configuration has no awsxray receiver: X-Ray SDK segments sent to 2000/udp are dropped",
                               fix: "Add receivers.awsxray (endpoint 0.0.0.0:2000, transport udp) to the traces pipeline")
            }
            let arguments = (collector.node.field("command")?.items ?? []) + (collector.node.field("entryPoint")?.items ?? [])
            guard let argument = arguments.first(where: { node in Self.otlpOnlyConfigs.contains { node.text?.hasSuffix($0) == true } }) else {
                // A configuration xrayctl cannot see (from SSM, or a file of the image's not bundled
                // with the collector): treated as receiving X-Ray segments, and said so.
                let custom = arguments.first { node in
                    node.text.map { $0.containsBytes("--config") && !$0.containsBytes("/etc/ecs/") } ?? false
                }
                let fromSSM = (collector.node.field("secrets")?.items ?? []).first { $0.field("name")?.text == "AOT_CONFIG_CONTENT" }
                guard let unseen = fromSSM ?? custom else { return nil }
                return finding(unseen, "the collector's configuration is not in this file, so whether it has an awsxray receiver is unknown; the X-Ray rules assume it does",
                               fix: "Make sure its traces pipeline includes receivers.awsxray (0.0.0.0:2000, udp) if X-Ray SDK apps send to it", severity: .info)
            }
            return finding(argument, "\(argument.text ?? "") receives OTLP only: X-Ray SDK segments sent to 2000/udp are dropped and console sampling rules are ignored",
                           fix: "Use --config=/etc/ecs/ecs-default-config.yaml, which includes the awsxray receiver, or instrument the app with OpenTelemetry")
        }
    }
}
