struct KubernetesAgentBoundToLoopback: LintRule {
    static let description = RuleDescription(
        id: "XR905", name: "kubernetes-agent-bound-to-loopback", severity: .error,
        summary: "A Kubernetes agent that other pods send to listens on 127.0.0.1: its daemon flags, or the daemon or collector configuration in the ConfigMap it reads.",
        rationale: "A DaemonSet or a Deployment of agents is reached from other pods through a Service or the node's IP; a receiver bound to loopback accepts only its own pod, so every app's segments are refused. The daemon's image binds 0.0.0.0:2000 unless told otherwise; `-b 127.0.0.1:2000` or a cfg.yaml with `UDPAddress: 127.0.0.1:2000` (the packaged default on hosts) undoes that.",
        sources: [.daemonConfiguration, .daemonDockerfile, .otelXRayReceiver, .xrayKubernetesSample],
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
                          args: [↓"-b", "127.0.0.1:2000", "-c", "/aws/xray/config.yaml"]
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
        ])

    func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        for workload in run.kubernetes.agentWorkloads {
            for agent in workload.agents {
                for (flag, found, value) in agent.flags.loopbackBinds {
                    findings.append(finding(found.node, "\(workload.object.label) runs the daemon with --\(flag) \(value): other pods cannot reach it",
                                            fix: "Remove the flag (the image binds 0.0.0.0:2000) or bind 0.0.0.0:2000"))
                }
            }
            for name in Set(workload.configMapNames).sorted() {
                guard let map = run.kubernetes.configMap(name, namespace: workload.object.namespace) else { continue }
                for (key, value) in map.node["data"]?.pairs ?? [] {
                    guard let tree = EmbeddedDocument.yaml(value, in: map.document) else { continue }
                    let loopback = Self.loopbackListeners(tree)
                    findings += loopback.map { node in
                        finding(node, "\(map.label) key '\(key.text ?? "")', read by \(workload.object.label), makes the agent listen on \(node.text ?? ""): other pods cannot reach it",
                                fix: "Listen on 0.0.0.0 (the Service and node IP deliver to the pod's own address)")
                    }
                }
            }
        }
        return findings
    }

    /// The daemon's socket addresses, and the collector's awsxray receiver and its proxy, bound to loopback.
    static func loopbackListeners(_ tree: LocatedNode) -> [LocatedNode] {
        var nodes: [LocatedNode] = []
        if let socket = tree["Socket"] {
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
