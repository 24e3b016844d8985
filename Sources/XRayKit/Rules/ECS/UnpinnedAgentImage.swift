struct UnpinnedAgentImage: LintRule {
    static let description = RuleDescription(
        id: "XR110", name: "unpinned-agent-image", severity: .warning,
        summary: "The agent image has no tag or uses `:latest`.",
        rationale: "A floating tag changes under a running setup: image 3.3.0 dropped the TCP bind and broke sampling, and removed /usr/bin/true, breaking health checks, for everyone on latest.",
        sources: [.daemonGuide, .daemonChangelog, .daemonIssue(119)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": ↓"amazon/aws-xray-daemon:latest"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
        ])

    func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap(\.agents).compactMap { agent in
            guard let node = agent.node.field("image"), let image = node.text, !image.contains("@") else { return nil }
            let last = image.split(separator: "/").last.map(String.init) ?? image
            // A repository still waiting for a template engine (<repository_uri>) is not ours to judge.
            guard !DaemonAddress.isPlaceholder(last) else { return nil }
            let tag = last.contains(":") ? String(last.split(separator: ":").last ?? "") : nil
            guard tag == nil || tag == "latest" else { return nil }
            // The fix names the same image, pinned: never another agent.
            let repository = tag == nil ? image : String(image.dropLast(tag!.count + 1))
            let example = repository == "public.ecr.aws/xray/aws-xray-daemon" ? "\(repository):3.6.6" : "\(repository):VERSION"
            return finding(node, "agent image '\(image)' is not pinned to a version (\(tag == nil ? "no tag means latest" : ":latest"))",
                           fix: "Pin the version you tested, such as \(example)")
        }
    }
}
