import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UnpinnedAgentImage: LintRule {
    package static let description = RuleDescription(
        id: "XR110", name: "unpinned-agent-image", severity: .warning,
        summary: "The agent image (an ECS container, or a container of a Kubernetes pod) has no tag or uses `:latest`.",
        rationale: "A floating tag changes under a running setup: image 3.3.0 dropped the TCP bind and broke sampling, and removed /usr/bin/true, breaking health checks, for everyone on latest; ADOT v0.42.0 removed the logging exporter, so a collector on :latest stopped starting with configurations that still named it. On Kubernetes an untagged image is pulled with imagePullPolicy Always, so every node that restarts the pod may run another version.",
        sources: [.daemonGuide, .daemonChangelog, .daemonIssue(119), .kubernetesImages, .adotReleases],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": ↓"amazon/aws-xray-daemon:latest"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}

                """),
            RuleExample("daemonset.yaml", """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      containers:
                        - name: xray-daemon
                          image: ↓amazon/aws-xray-daemon

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
                        - {name: api, image: "api:latest"}
                        - {name: aws-otel-collector, image: "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1"}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let ecs = run.taskDefinitions.flatMap(\.agents).compactMap { $0.node.field("image") }
        let kubernetes = run.kubernetes.workloads.flatMap(\.agents).compactMap { $0.node["image"] }
        return (ecs + kubernetes).compactMap(check)
    }

    private func check(_ node: LocatedNode) -> Finding? {
        guard let image = node.text, !image.containsBytes("@") else { return nil }
        let last = image.split(separator: "/").last.map(String.init) ?? image
        // A repository still waiting for a template engine (<repository_uri>) is not ours to judge.
        guard !DaemonAddress.isPlaceholder(last) else { return nil }
        let tag = last.containsBytes(":") ? String(last.split(separator: ":").last ?? "") : nil
        guard tag == nil || tag == "latest" else { return nil }
        // The fix names the same image, pinned: never another agent.
        let repository = tag == nil ? image : String(image.dropLast(tag!.count + 1))
        let example = repository == "public.ecr.aws/xray/aws-xray-daemon" ? "\(repository):3.6.6" : "\(repository):VERSION"
        return finding(node, "agent image '\(image)' is not pinned to a version (\(tag == nil ? "no tag means latest" : ":latest"))",
                       fix: "Pin the version you tested, such as \(example)")
    }
}
