import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct KubernetesAgentWithoutUDP: LintRule {
    package static let description = RuleDescription(
        id: "XR904", name: "kubernetes-agent-without-udp", severity: .error,
        summary: "A Kubernetes agent publishes 2000 only for TCP (its container or the Service in front of it), or gives TCP a hostPort that UDP lacks.",
        rationale: "Kubernetes ports are TCP unless they say `protocol: UDP`, and segments travel over UDP: an agent reached through 2000/TCP alone answers sampling requests and receives no traces. A hostPort on the TCP port only leaves node-IP senders without the UDP one. A headless Service (`clusterIP: None`) resolves to the pods themselves, so only their container ports count there.",
        sources: [.kubernetesServices, .kubernetesHeadlessServices, .xrayKubernetesSample, .daemonGuide],
        examples: [
            RuleExample("xray.yaml", """
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
                            - ↓{containerPort: 2000, hostPort: 2000}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: xray-service}
                spec:
                  selector: {app: xray-daemon}
                  ports:
                    - ↓{port: 2000, targetPort: 2000}

                """),
            RuleExample("xray.yaml", """
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
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: xray-service}
                spec:
                  selector: {app: xray-daemon}
                  ports:
                    - {name: udp, port: 2000, protocol: UDP}
                    - {name: tcp, port: 2000, protocol: TCP}

                """),
        ])

    package static let port = ModelReader.agentPort

    package func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        for workload in run.kubernetes.agentWorkloads {
            for agent in workload.agents {
                let ports = agent.ports.filter { $0.containerPort == Self.port }
                guard let tcp = ports.first(where: { $0.transport == "TCP" }) else { continue }
                if let udp = ports.first(where: { $0.transport == "UDP" }) {
                    if tcp.hostPort != nil && udp.hostPort == nil {
                        findings.append(finding(udp.node, "\(workload.object.label) gives 2000/TCP a hostPort but not 2000/UDP: apps sending to the node's IP reach sampling, not the segment port",
                                                fix: "Add hostPort: 2000 to the UDP port as well"))
                    }
                } else {
                    findings.append(finding(tcp.node, "\(workload.object.label) publishes 2000 only for TCP (a container port is TCP unless it says UDP): the agent receives no segments through it",
                                            fix: "Add a port with containerPort: 2000 and protocol: UDP (keep the TCP one for sampling)"))
                }
            }
        }
        // A headless Service's name resolves to the pods' own addresses: its ports route nothing.
        for service in run.kubernetes.services where !KubernetesView.isHeadless(service) && run.kubernetes.selectsAnAgent(service) {
            let ports = service.ports.filter { $0.port == Self.port }
            guard let tcp = ports.first, !ports.contains(where: { $0.transport == "UDP" }) else { continue }
            findings.append(finding(tcp.node, "\(service.object.label) sends 2000 to the agent only for TCP (a Service port is TCP unless it says UDP): segments sent to it are lost",
                                    fix: "Add a port with port: 2000 and protocol: UDP to the Service"))
        }
        return findings
    }
}
