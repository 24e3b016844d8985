import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct KubernetesLoopbackAddress: LintRule {
    package static let description = RuleDescription(
        id: "XR903", name: "kubernetes-loopback-address", severity: .error, also: [.warning],
        summary: "A Kubernetes app sends segments to 127.0.0.1 while the agent runs in other pods (a DaemonSet in the linted files), not beside it (error); or configures an X-Ray or OpenTelemetry SDK through its environment (`AWS_XRAY_*`, `OTEL_*`) without naming an agent (`AWS_XRAY_DAEMON_ADDRESS`, `OTEL_EXPORTER_OTLP_ENDPOINT`), so it sends to the SDK's default on its own loopback, while the agent runs in other pods (warning).",
        rationale: "Every pod has its own network namespace: 127.0.0.1 is the pod itself, not the node, even when the agent uses hostNetwork or a hostPort. A DaemonSet agent is reached through its Service or the node's IP (`status.hostIP` through the downward API, with a hostPort); 127.0.0.1 works only for an agent container in the same pod, or from a pod on the host network. The SDKs default to 127.0.0.1:2000 (X-Ray) and localhost:4317/4318 (OTLP). Without an address variable the app may still set one in code, or from variables the linted files do not show (envFrom), so that case is a warning, and pods whose agent an operator injects (sidecar or instrumentation annotations) are left alone. Nothing is said when the files hold no agent (a sidecar may be injected).",
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
            RuleExample("tracing.yaml", """
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
                            - {name: ↓AWS_XRAY_TRACING_NAME, value: api}

                """),
            RuleExample("tracing.yaml", """
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
                            - {name: AWS_XRAY_TRACING_NAME, value: api}
                            - name: HOST_IP
                              valueFrom: {fieldRef: {fieldPath: status.hostIP}}
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: "$(HOST_IP):2000"}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let daemonSets = run.kubernetes.agentWorkloads.filter(\.isDaemonSet)
        guard let agent = daemonSets.first else { return [] }
        let defaults = run.kubernetes.defaultAddressUses.map { use in
            finding(use.evidence, "\(use.container.name ?? "?") in \(use.workload.object.label) configures the \(use.sdk) (\(use.evidence.text ?? "")) but names no agent, so it sends to \(use.defaultAddress), the pod itself, while the agent runs in other pods (\(agent.object.label)): spans are lost",
                    fix: use.sdk == "X-Ray SDK"
                        ? "Set AWS_XRAY_DAEMON_ADDRESS to the agent's Service (such as \(agent.object.name ?? "xray-daemon").\(agent.object.namespace):2000), or to $(HOST_IP):2000 from status.hostIP with a hostPort on the agent"
                        : "Set OTEL_EXPORTER_OTLP_ENDPOINT to the agent's Service (such as http://\(agent.object.name ?? "collector").\(agent.object.namespace):4317)",
                    severity: .warning)
        }
        return defaults + run.kubernetes.daemonAddresses.compactMap { use in
            guard case .success(let address) = DaemonAddress.parse(use.text), DaemonAddress.isLoopback(address.udpHost),
                  use.workload.agents.isEmpty, !use.workload.hostNetwork else { return nil }
            return finding(use.value, "AWS_XRAY_DAEMON_ADDRESS '\(use.text)' in \(use.workload.object.label) is the pod itself, but the agent runs in other pods (\(agent.object.label)): segments are lost",
                           fix: "Send to the agent's Service (such as \(agent.object.name ?? "xray-daemon").\(agent.object.namespace):2000), or to the node's IP from status.hostIP with a hostPort on the agent")
        }
    }
}
