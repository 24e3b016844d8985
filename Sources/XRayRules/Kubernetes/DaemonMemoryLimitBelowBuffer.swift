import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonMemoryLimitBelowBuffer: LintRule {
    package static let description = RuleDescription(
        id: "XR915", name: "daemon-memory-limit-below-buffer", severity: .warning,
        summary: "A Kubernetes X-Ray daemon container's memory limit cannot hold its segment buffer: the limit is at most the buffer set with `-m`/`--buffer-memory` or `TotalBufferSizeMB` in the mounted cfg.yaml, or, with neither (or 0), at most 1% of a 4 GiB node, the buffer the daemon then sizes from the node's memory.",
        rationale: "The daemon allocates its whole buffer pool at start (`-m` MB, or 1% of the memory the host reports, which inside a container is the node's) and fills it whenever uploads fall behind; the Go process itself needs memory on top. A limit at or below the buffer means the kernel OOM-kills the daemon exactly when it is holding segments, instead of the daemon dropping the overflow, and the pod restarts with its buffered segments lost. Untouched buffer pages cost nothing, so a quiet daemon may run for a while: a warning, not an error. Without an explicit buffer the node's size is unknown; only limits that the 1% of a 4 GiB node (the smallest usual EKS node) already fills are reported.",
        sources: [.daemonConfiguration, .daemonMain, .daemonBufferPool, .kubernetesResources, .xrayKubernetesSample],
        examples: [
            RuleExample("daemonset.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: xray-config}
                data:
                  config.yaml: |
                    Version: 2
                    TotalBufferSizeMB: 24
                ---
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
                          args: ["-c", "/aws/xray/config.yaml"]
                          resources:
                            limits:
                              memory: ↓24Mi
                          volumeMounts: [{name: config, mountPath: /aws/xray}]
                      volumes:
                        - {name: config, configMap: {name: xray-config}}

                """),
            // No buffer size: 1% of the node's memory, 40 MiB on a 4 GiB node already.
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
                          resources: {limits: {memory: ↓32Mi}}

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
                          image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          args: ["-m", "24"]
                          resources: {limits: {memory: 64Mi}}

                """),
        ])

    /// The node memory assumed when the daemon sizes its buffer itself: the smallest usual EKS node.
    package static let smallNodeMiB = 4096.0

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        return view.workloads.flatMap { workload in
            workload.agents.compactMap { agent -> Finding? in
                guard agent.agentKind == .xrayDaemon, let node = agent.node["resources"]?["limits"]?["memory"],
                      let text = node.text, let limit = KubernetesView.mebibytes(text) else { return nil }
                let config = view.daemonConfig(of: workload, agent)
                // A -c file the linted ConfigMaps do not hold may set the buffer: not judged.
                if agent.flags["config"] != nil, config == nil, agent.flags["buffer-memory"] == nil { return nil }
                let flag = agent.flags["buffer-memory"]?.value
                let configured = config?.tree["TotalBufferSizeMB"]?.text
                let written = flag ?? configured ?? "0"
                guard let buffer = Int(written), buffer >= 0 else { return nil }
                let source = flag != nil ? "--buffer-memory \(written)" : configured != nil ? "TotalBufferSizeMB: \(written) in \(config!.map.label)" : "no buffer size"
                if buffer > 0 {
                    guard limit <= Double(buffer) else { return nil }
                    return finding(node, "the memory limit \(text) of \(workload.object.label) is no more than the daemon's \(buffer) MB buffer (\(source)), and the process needs memory beyond the buffer: it is OOM-killed as soon as the buffer fills",
                                   fix: "Raise the limit to the buffer plus about 30 MiB (such as \(buffer + 32)Mi), or lower the buffer")
                }
                guard limit <= Self.smallNodeMiB / 100 else { return nil }
                return finding(node, "the memory limit \(text) of \(workload.object.label) is below the buffer the daemon sizes from the node (\(source == "no buffer size" ? "no -m and no TotalBufferSizeMB" : source + ": 1% of the node's memory"), already \(Int(Self.smallNodeMiB / 100)) MiB on a 4 GiB node): it is OOM-killed when the buffer fills",
                               fix: "Set the buffer explicitly (args: [\"-m\", \"16\"] or TotalBufferSizeMB) and a limit above it plus about 30 MiB")
            }
        }
    }
}
