import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct KubernetesAgentWithoutAddress: LintRule {
    package static let description = RuleDescription(
        id: "XR913", name: "kubernetes-agent-without-address", severity: .warning, also: [.info],
        summary: "An agent DaemonSet has no stable address: no Service in the linted files selects its pods, and it publishes no hostPort and does not use hostNetwork. A warning when apps in the linted files send to an agent, information otherwise.",
        rationale: "Other pods reach a DaemonSet agent through a Service (its DNS name) or through the node's IP (`status.hostIP` from the downward API), which needs a hostPort or hostNetwork; with neither, only its pod IPs reach it, and they change with every restart, so no app can name it. The Service may be defined in a file not linted: when no app in the linted files needs the agent, this is information.",
        sources: [.kubernetesServices, .kubernetesDNS, .daemonGuide, .xrayKubernetesSample],
        examples: [
            RuleExample("tracing.yaml", """
                apiVersion: apps/v1
                kind: ↓DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      containers:
                        - name: xray-daemon
                          image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          ports: [{containerPort: 2000, protocol: UDP}, {containerPort: 2000, protocol: TCP}]
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
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: "xray-daemon:2000"}

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
                      containers:
                        - name: xray-daemon
                          image: public.ecr.aws/xray/aws-xray-daemon:3.6.6
                          ports:
                            - {containerPort: 2000, hostPort: 2000, protocol: UDP}
                            - {containerPort: 2000, hostPort: 2000, protocol: TCP}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        let appsSend = !view.daemonAddresses.isEmpty || !view.defaultAddressUses.isEmpty
            || view.workloads.contains { workload in
                workload.agents.isEmpty && workload.apps.contains { $0.variable("OTEL_EXPORTER_OTLP_ENDPOINT") != nil }
            }
        return view.agentWorkloads.filter(\.isDaemonSet).compactMap { workload in
            guard !workload.hostNetwork, !workload.agents.contains(where: { $0.ports.contains { $0.hostPort != nil } }),
                  !view.services.contains(where: { $0.selects(workload) }) else { return nil }
            return finding(workload.object.anchor, "\(workload.object.label) runs an agent that no Service of the linted files selects, with no hostPort and no hostNetwork: apps have no stable address to send to",
                           fix: "Add a Service selecting its pods (2000/UDP and 2000/TCP, 4317/4318 for OTLP), or hostPort: 2000 on its ports for apps that send to status.hostIP",
                           severity: appsSend ? .warning : .info)
        }
    }
}
