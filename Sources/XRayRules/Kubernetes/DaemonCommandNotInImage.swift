import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonCommandNotInImage: LintRule {
    package static let description = RuleDescription(
        id: "XR917", name: "daemon-command-not-in-image", severity: .error,
        summary: "A container of `public.ecr.aws/xray/aws-xray-daemon` replaces the image's ENTRYPOINT (Kubernetes `command`, ECS `entryPoint`) with a program the image does not have: anything but `/xray`, such as `/usr/bin/xray` or a shell.",
        rationale: "The public ECR daemon image is built FROM scratch and holds one program, `/xray`, with no shell and no `/usr/bin`; the container runtime cannot start `/usr/bin/xray` or `sh` (\"no such file or directory\"), so the pod or task never runs and no segment is received. The Docker Hub image `amazon/aws-xray-daemon` is built on Amazon Linux and links `/usr/bin/xray` to `/xray`, so commands copied from samples written for it break only on the ECR image.",
        sources: [.daemonDockerfile, .daemonAmazonLinuxDockerfile, .daemonChangelog, .kubernetesCommand, .ecsContainerDefinitionAPI],
        examples: [
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
                          image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          command: [↓"/usr/bin/xray", "-c", "/aws/xray/config.yaml"]

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "entryPoint": [↓"sh", "-c"], "command": ["/xray -o -n us-east-1"]}]}

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
                          image: amazon/aws-xray-daemon:3.6.6
                          command: ["/usr/bin/xray", "-c", "/aws/xray/config.yaml"]
                        - name: xray-daemon-ecr
                          image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          command: ["/xray", "-c", "/aws/xray/config.yaml"]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let kubernetes = run.kubernetes.workloads.flatMap(\.containers).map { ($0.image, $0.node["command"]?.items?.first, "command") }
        let ecs = run.taskDefinitions.flatMap(\.containers).map { ($0.image, $0.node.field("entryPoint")?.items?.first, "entryPoint") }
        return (kubernetes + ecs).compactMap { image, first, field -> Finding? in
            guard let image, KubernetesView.repository(of: image) == KubernetesView.scratchDaemonRepository,
                  let first, let program = first.text?.split(separator: " ").first.map(String.init),
                  program != "/xray", !DaemonAddress.isPlaceholder(program) else { return nil }
            return finding(first, "'\(program)' does not exist in \(image), which is built from scratch and holds only /xray (no shell): the container cannot start",
                           fix: "Start \"/xray\" in \(field) (or drop \(field) and pass flags as args), or use amazon/aws-xray-daemon, which has a shell and /usr/bin/xray")
        }
    }
}
