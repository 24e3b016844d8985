import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct KubernetesAgentBoundToLoopback: LintRule {
    package static let description = RuleDescription(
        id: "XR905", name: "kubernetes-agent-bound-to-loopback", severity: .error, also: [.warning],
        summary: "A Kubernetes agent that other pods send to listens on 127.0.0.1: its daemon flags, or the daemon or collector configuration in the ConfigMap it reads (error); or a daemon started by its own `command` whose mounted cfg.yaml leaves the TCP sampling proxy on its default 127.0.0.1:2000 (warning).",
        rationale: "A DaemonSet or a Deployment of agents is reached from other pods through a Service or the node's IP; a receiver bound to loopback accepts only its own pod, so every app's segments are refused. The official daemon images start `/xray -t 0.0.0.0:2000 -b 0.0.0.0:2000`, and those flags win over any cfg.yaml; `-b 127.0.0.1:2000`, or a `command` that replaces that ENTRYPOINT with a cfg.yaml binding 127.0.0.1 (the packaged default on hosts), undoes that. A config without `Socket.TCPAddress` (every Version 1 config) leaves the sampling proxy on 127.0.0.1:2000, the pod's own loopback, or the node's with hostNetwork: the SDKs cannot fetch sampling rules and fall back to their local ones.",
        sources: [.daemonConfiguration, .daemonDockerfile, .daemonMain, .kubernetesCommand, .otelXRayReceiver, .xrayKubernetesSample],
        examples: [
            RuleExample("xray.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: xray-config}
                data:
                  config.yaml: |
                    Version: 2
                    Socket:
                      UDPAddress: ↓127.0.0.1:2000
                      TCPAddress: 0.0.0.0:2000
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
                          command: ["/xray", ↓"-b", "127.0.0.1:2000", "-c", "/aws/xray/config.yaml"]
                          volumeMounts: [{name: config, mountPath: /aws/xray}]
                      volumes:
                        - {name: config, configMap: {name: xray-config}}

                """),
            RuleExample("xray.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: xray-config}
                data:
                  config.yaml: |
                    Version: 2
                    Socket:
                      UDPAddress: 0.0.0.0:2000
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
                      volumes:
                        - {name: config, configMap: {name: xray-config}}

                """),
            // The image's own ENTRYPOINT binds 0.0.0.0:2000 for UDP and TCP, and its flags win over the file.
            RuleExample("xray.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: xray-config}
                data:
                  config.yaml: |
                    Version: 2
                    Socket:
                      UDPAddress: 127.0.0.1:2000
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
                          volumeMounts: [{name: config, mountPath: /aws/xray}]
                      volumes:
                        - {name: config, configMap: {name: xray-config}}

                """),
            RuleExample("xray.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: xray-config}
                data:
                  config.yaml: |
                    Version: 2
                    ↓Socket:
                      UDPAddress: 0.0.0.0:2000
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      hostNetwork: true
                      containers:
                        - name: xray-daemon
                          image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          command: ["/xray", "-c", "/aws/xray/config.yaml"]
                          volumeMounts: [{name: config, mountPath: /aws/xray}]
                      volumes:
                        - {name: config, configMap: {name: xray-config}}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        for workload in run.kubernetes.agentWorkloads {
            for agent in workload.agents {
                for (flag, found, value) in agent.flags.loopbackBinds {
                    findings.append(finding(found.node, "\(workload.object.label) runs the daemon with --\(flag) \(value): other pods cannot reach it",
                                            fix: "Remove the flag (the image binds 0.0.0.0:2000) or bind 0.0.0.0:2000"))
                }
            }
            // Daemons that keep the image's ENTRYPOINT binds ignore the file's Socket addresses.
            let bindsFromImage = workload.agents.contains(where: KubernetesView.keepsEntrypointBinds)
            for name in Set(workload.configMapNames).sorted() {
                guard let map = run.kubernetes.configMap(name, namespace: workload.object.namespace) else { continue }
                for (key, value) in map.node["data"]?.pairs ?? [] {
                    guard let tree = EmbeddedDocument.yaml(value, in: map.document) else { continue }
                    let loopback = Self.loopbackListeners(tree, daemonSocket: !bindsFromImage)
                    findings += loopback.map { node in
                        finding(node, "\(map.label) key '\(key.text ?? "")', read by \(workload.object.label), makes the agent listen on \(node.text ?? ""): other pods cannot reach it",
                                fix: "Listen on 0.0.0.0 (the Service and node IP deliver to the pod's own address)")
                    }
                }
            }
            findings += defaultProxyListeners(workload, run.kubernetes)
        }
        return findings
    }

    /// Daemons started by their own `command` (no ENTRYPOINT binds) whose mounted config names no TCPAddress.
    private func defaultProxyListeners(_ workload: KubernetesView.Workload, _ view: KubernetesView) -> [Finding] {
        workload.agents.compactMap { agent -> Finding? in
            guard agent.agentKind == .xrayDaemon, KubernetesView.commandRunsDaemon(agent), agent.flags["bind-tcp"] == nil,
                  let config = view.daemonConfig(of: workload, agent), config.tree["Socket"]?["TCPAddress"] == nil else { return nil }
            let whose = workload.hostNetwork ? "the node's (hostNetwork)" : "the pod's own"
            return finding(config.tree.keyNode("Socket") ?? config.key,
                           "\(config.map.label) key '\(config.key.text ?? "")', read by \(workload.object.label) whose command replaces the image's binds, sets no Socket.TCPAddress and no -t: the sampling proxy listens on 127.0.0.1:2000, \(whose) loopback, so apps cannot fetch sampling rules and fall back to local rules",
                           fix: "Add Socket.TCPAddress: 0.0.0.0:2000 (Version: 2), or \"-t\", \"0.0.0.0:2000\" to the command", severity: .warning)
        }
    }

    /// The daemon's socket addresses (unless flags override them), and the collector's awsxray receiver and
    /// its proxy, bound to loopback.
    package static func loopbackListeners(_ tree: LocatedNode, daemonSocket: Bool = true) -> [LocatedNode] {
        var nodes: [LocatedNode] = []
        if daemonSocket, let socket = tree["Socket"] {
            nodes += ["UDPAddress", "TCPAddress"].compactMap { socket[$0] }
        }
        for (key, receiver) in tree["receivers"]?.pairs ?? [] where key.text.map(CollectorConfigView.type) == "awsxray" {
            nodes += [receiver["endpoint"], receiver["proxy_server"]?["endpoint"]].compactMap { $0 }
        }
        return nodes.filter { node in
            guard let text = node.text else { return false }
            return DaemonAddress.isLoopback(String(text.split(separator: ":").first ?? ""))
        }
    }
}
