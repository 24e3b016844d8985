struct KubernetesLoopbackAddress: LintRule {
    static let description = RuleDescription(
        id: "XR903", name: "kubernetes-loopback-address", severity: .error,
        summary: "A Kubernetes app sends segments to 127.0.0.1 while the agent runs in other pods (a DaemonSet in the linted files), not beside it.",
        rationale: "Every pod has its own network namespace: 127.0.0.1 is the pod itself, not the node. A DaemonSet agent is reached through its Service or the node's IP (`status.hostIP` through the downward API, with a hostPort); 127.0.0.1 works only for an agent container in the same pod. Nothing is said when the files hold no agent (a sidecar may be injected).",
        sources: [.kubernetesDNS, .xrayKubernetesSample, .daemonGuide],
        examples: [
            RuleExample("tracing.yaml", """
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
                          image: amazon/aws-xray-daemon:3.3.7
                          ports: [{containerPort: 2000, protocol: UDP}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                        - name: api
                          image: api:1.0
                          env:
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: ↓"127.0.0.1:2000"}

                """),
            RuleExample("sidecar.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                        - name: api
                          image: api:1.0
                          env:
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: "127.0.0.1:2000"}
                        - name: xray-daemon
                          image: amazon/aws-xray-daemon:3.3.7

                """),
        ])

    func check(_ run: LintRun) -> [Finding] {
        let daemonSets = run.kubernetes.agentWorkloads.filter(\.isDaemonSet)
        guard let agent = daemonSets.first else { return [] }
        return run.kubernetes.daemonAddresses.compactMap { use in
            guard case .success(let address) = DaemonAddress.parse(use.text), DaemonAddress.isLoopback(address.udpHost),
                  use.workload.agents.isEmpty, !use.workload.hostNetwork else { return nil }
            return finding(use.value, "AWS_XRAY_DAEMON_ADDRESS '\(use.text)' in \(use.workload.object.label) is the pod itself, but the agent runs in other pods (\(agent.object.label)): segments are lost",
                           fix: "Send to the agent's Service (such as \(agent.object.name ?? "xray-daemon").\(agent.object.namespace):2000), or to the node's IP from status.hostIP with a hostPort on the agent")
        }
    }
}
