import XRayCore
import XRayViews

package struct CloudWatchAgentOpenTelemetryTooOld: LintRule {
    package static let description = RuleDescription(
        id: "XR527", name: "cloudwatch-agent-opentelemetry-too-old", severity: .error,
        summary: "A CloudWatch agent container whose image is pinned below 1.300070.0 gets a configuration (`CW_CONFIG_CONTENT`) with the `opentelemetry` section, which that version does not have.",
        rationale: "The curated opentelemetry section, in which the agent sets its OTLP receivers, region and signing itself, arrived with agent 1.300070.0. Older agents do not translate it (their schema leaves unknown top-level sections alone), so the task starts, the apps export OTLP to the agent, and nothing listens for it.",
        sources: [.cloudWatchAgentOpenTelemetry, .cloudWatchAgentSchema],
        examples: [
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "cloudwatch-agent", "image": ↓"public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300062.0b1304", "memoryReservation": 128,
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": "{\\"opentelemetry\\": {\\"collect\\": {\\"otlp\\": {}}}, \\"traces\\": {\\"traces_collected\\": {\\"xray\\": {}}}}"}]}]}

                """),
            RuleExample("task.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "cloudwatch-agent", "image": "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300070.0b1400", "memoryReservation": 128,
                   "environment": [{"name": "CW_CONFIG_CONTENT", "value": "{\\"opentelemetry\\": {\\"collect\\": {\\"otlp\\": {}}}, \\"traces\\": {\\"traces_collected\\": {\\"xray\\": {}}}}"}]}]}

                """),
        ])

    /// The first agent version with the opentelemetry section (docs/xray-facts.md §13).
    static let minimum = [1, 300070, 0]

    /// The version in an image tag such as `1.300062.0b1304` (build suffix dropped); nil for `latest` or a digest.
    static func version(ofImage image: String) -> [Int]? {
        guard !image.containsBytes("@"), let tag = image.split(separator: "/").last?.split(separator: ":").dropFirst().first else { return nil }
        let parts = tag.split(separator: ".").prefix(3).map { part in Int(part.prefix { $0.isNumber }) }
        guard parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.map { $0! }
    }

    package func check(_ run: LintRun) -> [Finding] {
        run.cloudWatchAgentConfigs.compactMap { config -> Finding? in
            guard config.root["opentelemetry"] != nil, let task = config.task,
                  let agent = task.containers.first(where: { $0.imageKind == .cloudwatchAgent }),
                  let image = agent.image, let version = Self.version(ofImage: image),
                  version.lexicographicallyPrecedes(Self.minimum) else { return nil }
            return finding(agent.node.field("image") ?? agent.anchor,
                           "the CloudWatch agent \(version.map(String.init).joined(separator: ".")) predates the opentelemetry section (1.300070.0): it does not translate it, so nothing receives the OTLP it configures",
                           fix: "Pin the agent image to 1.300070.0 or later, or configure OTLP in the classic traces.traces_collected.otlp section")
        }
    }
}
