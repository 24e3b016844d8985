import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct ShellHealthCheckOnScratchImage: LintRule {
    package static let description = RuleDescription(
        id: "XR111", name: "shell-health-check-on-scratch-image", severity: .error,
        summary: "A `CMD-SHELL` health check on the `public.ecr.aws/xray/aws-xray-daemon` image, which is built from scratch and has no shell.",
        rationale: "The public ECR daemon image is FROM scratch, so a shell health check can never run and the container is marked unhealthy forever; on Fargate one unhealthy essential container stops the task.",
        sources: [.daemonGuide, .daemonChangelog, .daemonDockerfile, .daemonIssue(119)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "healthCheck": {"command": [↓"CMD-SHELL", "curl -f http://localhost:2000 || exit 1"]}}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": "amazon/aws-xray-daemon:3.6.6",
                  "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:2000 || exit 1"]}}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap(\.agents).compactMap { agent in
            guard agent.image?.hasPrefix("public.ecr.aws/xray/aws-xray-daemon") == true,
                  let first = agent.node.field("healthCheck")?.field("command")?.items?.first,
                  first.text?.uppercased() == "CMD-SHELL" else { return nil }
            return finding(first, "the public ECR X-Ray daemon image has no shell (it is built from scratch), so this CMD-SHELL health check always fails",
                           fix: "Remove the health check, or use the Docker Hub image amazon/aws-xray-daemon, which has a shell")
        }
    }
}
