import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct BridgeAppWithoutAgentRoute: LintRule {
    package static let description = RuleDescription(
        id: "XR106", name: "bridge-app-without-agent-route", severity: .error,
        summary: "In a bridge-mode task with an agent container, no app container links the agent or sets `AWS_XRAY_DAEMON_ADDRESS`, so they send to their own 127.0.0.1.",
        rationale: "Each bridge-mode container has its own loopback; the SDK default 127.0.0.1:2000 reaches nothing, and UDP loses the segments silently. When some app container is wired to the agent, the others are taken to be untraced (a web server in front, say) and left alone.",
        sources: [.daemonOnECS, .daemonIssue(43)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {↓"name": "api", "image": "api:1"},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "links": ["xray-daemon"], "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "xray-daemon:2000"}]},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap { task -> [Finding] in
            guard task.networkMode == "bridge", let agent = task.agents.first?.name else { return [] }
            let wired = task.apps.contains { $0.links.contains(agent) || $0.variable("AWS_XRAY_DAEMON_ADDRESS") != nil }
            guard !wired else { return [] }
            return task.apps.compactMap { app in
                guard !app.links.contains(agent), app.variable("AWS_XRAY_DAEMON_ADDRESS") == nil else { return nil }
                let key = app.node.keyNode("name") ?? app.node.keyNode("Name") ?? app.anchor
                return finding(key, "container '\(app.name ?? "?")' neither links '\(agent)' nor sets AWS_XRAY_DAEMON_ADDRESS; in bridge mode its segments go to its own 127.0.0.1",
                               fix: "Add \"links\": [\"\(agent)\"] and AWS_XRAY_DAEMON_ADDRESS=\(agent):2000")
            }
        }
    }
}
