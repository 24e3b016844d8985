import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct NetworkPolicyBlocksAgent: LintRule {
    package static let description = RuleDescription(
        id: "XR914", name: "network-policy-blocks-agent", severity: .warning,
        summary: "A NetworkPolicy in the linted files blocks an app's traces on their way to the agent: the app addresses the agent's Service (`AWS_XRAY_DAEMON_ADDRESS`, `OTEL_EXPORTER_OTLP_ENDPOINT`), and a policy selecting the app pod for Egress, or the agent pod for Ingress, admits no rule for that port and protocol (2000/UDP for segments, 2000/TCP for sampling, 4317/4318 for OTLP).",
        rationale: "Once any policy selects a pod for a direction, only what some rule of those policies admits gets through; a default-deny with egress allow-lists that name the app's databases but not the agent drops every segment, and the SDKs send UDP without an answer, so nothing reports the loss. Ports are the agent pod's (a Service's targetPort), and an unset protocol means TCP, so allowing `port: 2000` alone lets sampling through but not segments. Only policies the files decide are judged (pod and namespace labels, ports by number, range or name); ipBlock peers and namespace labels the files do not show leave it unsaid. A warning: it holds where the cluster's network plugin enforces NetworkPolicy (on EKS, the VPC CNI with network policy enabled, or Calico/Cilium).",
        sources: [.kubernetesNetworkPolicies, .kubernetesServices, .daemonGuide, .otelExporterEnvironment],
        examples: [
            RuleExample("apps.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-egress, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  policyTypes: [Egress]
                  egress:
                    - to: [{podSelector: {matchLabels: {app: db}}}]
                      ports: [{port: 5432}]
                    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: tracing}}}]
                      ports: [{port: 2000}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                        - name: api
                          image: api:1.0
                          env:
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: ↓"xray-service.tracing:2000"}

                """, with: [("tracing.yaml", Self.agent)]),
            RuleExample("apps.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-egress, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  policyTypes: [Egress]
                  egress:
                    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: tracing}}, podSelector: {matchLabels: {app: xray-daemon}}}]
                      ports: [{port: 2000, protocol: UDP}, {port: 2000, protocol: TCP}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: shop}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                        - name: api
                          image: api:1.0
                          env:
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: "xray-service.tracing:2000"}

                """, with: [("tracing.yaml", Self.agent)]),
        ])

    package static let agent = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: xray-daemon, namespace: tracing}
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
        apiVersion: v1
        kind: Service
        metadata: {name: xray-service, namespace: tracing}
        spec:
          selector: {app: xray-daemon}
          ports:
            - {name: udp, port: 2000, protocol: UDP}
            - {name: tcp, port: 2000, protocol: TCP}

        """

    /// One address an app sends to: the variable's value, the host and port, and what travels there.
    private struct Target {
        let value: LocatedNode
        let host: String
        let port: Int
        let transport: String
        let what: String
    }

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        guard !view.networkPolicies.isEmpty else { return [] }
        var findings: [Finding] = []
        for workload in view.workloads where workload.agents.isEmpty {
            for container in workload.apps {
                // One finding per variable, naming every port and protocol its traffic is refused on.
                var blocked: [(value: LocatedNode, flow: String, policies: [String], what: String, agent: String)] = []
                for target in Self.targets(container) {
                    guard let named = view.service(named: target.host, from: workload.object.namespace), let service = named.service else { continue }
                    for agent in view.agentWorkloads where service.selects(agent) {
                        guard let port = Self.podPort(service, target, agent) else { continue }
                        let flow = KubernetesView.Flow(from: workload, to: agent, port: port.number, portName: port.name, transport: target.transport)
                        guard case .blocked(let policies) = view.verdict(flow) else { continue }
                        blocked.append((target.value, "\(port.number)/\(target.transport)", policies, target.what, "\(agent.object.label) behind \(service.object.label)"))
                        break
                    }
                }
                var seen: Set<String> = []
                for entry in blocked where seen.insert(entry.value.pointer).inserted {
                    let same = blocked.filter { $0.value.pointer == entry.value.pointer }
                    let policies = Array(Set(same.flatMap(\.policies))).sorted()
                    let what = same.map { "\($0.flow): \($0.what)" }.joined(separator: "; ")
                    findings.append(finding(entry.value, "NetworkPolicy \(policies.joined(separator: ", ")) lets no traffic from \(workload.object.label) reach \(entry.agent) on \(what)",
                                            fix: "Allow egress from the app (and ingress to the agent, if a policy selects it) to the agent's pods on \(same.map(\.flow).joined(separator: " and "))"))
                }
            }
        }
        return findings
    }

    private static func targets(_ container: KubernetesView.Container) -> [Target] {
        var targets: [Target] = []
        if let value = container.variable("AWS_XRAY_DAEMON_ADDRESS"), let text = value.literalText,
           case .success(let address) = DaemonAddress.parse(text) {
            targets.append(Target(value: value, host: address.udpHost, port: address.udpPort, transport: "UDP",
                                  what: "segments are dropped"))
            targets.append(Target(value: value, host: address.tcpHost, port: address.tcpPort, transport: "TCP",
                                  what: "the SDK cannot fetch sampling rules and falls back to local rules"))
        }
        for name in ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"] {
            guard let value = container.variable(name), let text = value.literalText, !DaemonAddress.isPlaceholder(text) else { continue }
            let rest = text.range(of: "://").map { String(text[$0.upperBound...]) } ?? text
            let authority = rest.split(separator: "/").first.map(String.init) ?? rest
            let pieces = authority.split(separator: ":").map(String.init)
            guard pieces.count == 2, let port = Int(pieces[1]) else { continue }
            targets.append(Target(value: value, host: pieces[0], port: port, transport: "TCP", what: "spans are dropped"))
            break
        }
        return targets
    }

    /// The agent pod's port the Service sends `target` to; a headless Service's name resolves to the pods themselves.
    private static func podPort(_ service: KubernetesView.Service, _ target: Target, _ agent: KubernetesView.Workload) -> (number: Int, name: String?)? {
        let containerPorts = agent.agents.flatMap(\.ports)
        func named(_ number: Int) -> String? {
            containerPorts.first { $0.containerPort == number && $0.transport == target.transport }?.node["name"]?.text
        }
        if KubernetesView.isHeadless(service) { return (target.port, named(target.port)) }
        guard let port = service.ports.first(where: { $0.port == target.port && $0.transport == target.transport }) else { return nil }
        guard let targetPort = port.targetPort else { return (target.port, named(target.port)) }
        if let number = Int(targetPort) { return (number, named(number)) }
        guard let number = containerPorts.first(where: { $0.node["name"]?.text == targetPort })?.containerPort else { return nil }
        return (number, targetPort)
    }
}
