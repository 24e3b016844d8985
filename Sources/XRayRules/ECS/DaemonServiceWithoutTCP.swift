import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonServiceWithoutTCP: LintRule {
    package static let description = RuleDescription(
        id: "XR115", name: "daemon-service-without-tcp", severity: .warning,
        summary: "The agent of a DAEMON service publishes 2000/udp but not 2000/tcp; or a Kubernetes Service in front of an X-Ray daemon publishes 2000 only for UDP.",
        rationale: "The SDKs fetch centralized sampling rules from the agent's TCP proxy at the same address; without 2000/tcp on the host, or on the Service apps address, they log 'Connection refused' and fall back to local rules. A headless Service (`clusterIP: None`) resolves to the pods themselves, so its port list routes nothing and is not judged.",
        sources: [.daemonGuide, .daemonReadme, .daemonIssue(135), .daemonOnECS, .kubernetesServices, .kubernetesHeadlessServices],
        examples: [
            RuleExample("xray-daemon/task-definition.json", """
                {"family": "xray-daemon", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "memoryReservation": 256, "portMappings": [↓{"containerPort": 2000, "hostPort": 2000, "protocol": "udp"}]}]}

                """, with: [("xray-daemon/service.json", "{\"serviceName\": \"xray-daemon\", \"taskDefinition\": \"xray-daemon\", \"schedulingStrategy\": \"DAEMON\"}\n")]),
            RuleExample("xray-daemon/task-definition.json", """
                {"family": "xray-daemon", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6",
                  "memoryReservation": 256, "portMappings": [{"containerPort": 2000, "hostPort": 2000, "protocol": "udp"}]}]}

                """),
            RuleExample("xray-daemon.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: xray-service}
                spec:
                  selector: {app: xray-daemon}
                  ports:
                    - ↓{name: xray-udp, port: 2000, protocol: UDP}
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
                          ports: [{containerPort: 2000, protocol: UDP}, {containerPort: 2000, protocol: TCP}]

                """),
            // Headless: the name resolves to the pods, which listen on both.
            RuleExample("xray-daemon.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: xray-service}
                spec:
                  selector: {app: xray-daemon}
                  clusterIP: None
                  ports:
                    - {name: xray-udp, port: 2000, protocol: UDP}
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
                          ports: [{containerPort: 2000, protocol: UDP}, {containerPort: 2000, protocol: TCP}]

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        let daemons = view.agentWorkloads.filter { $0.agents.contains { $0.agentKind == .xrayDaemon } }
        let services = view.services.filter { !KubernetesView.isHeadless($0) && daemons.contains(where: $0.selects) }.compactMap { service -> Finding? in
            let ports = service.ports.filter { $0.port == 2000 }
            guard let udp = ports.first(where: { $0.transport == "UDP" }), !ports.contains(where: { $0.transport == "TCP" }) else { return nil }
            return finding(udp.node, "\(service.object.label) publishes 2000 only for UDP: apps addressing it cannot reach the daemon's sampling proxy (TCP) and fall back to local rules",
                           fix: "Add a port with port: 2000 and protocol: TCP to the Service")
        }
        return services + run.taskDefinitions.filter { $0.networkMode == "bridge" && !run.daemonServices(running: $0).isEmpty }.flatMap(\.agents).compactMap { agent in
            let mappings = agent.portMappings
            guard let udp = mappings.first(where: { $0.containerPort == 2000 && $0.transport == "udp" }),
                  !mappings.contains(where: { $0.containerPort == 2000 && $0.transport == "tcp" }) else { return nil }
            return finding(udp.node, "the DAEMON service's agent publishes 2000/udp but not 2000/tcp, so the SDKs cannot reach its sampling proxy and fall back to local rules",
                           fix: "Add {\"containerPort\": 2000, \"hostPort\": 2000, \"protocol\": \"tcp\"}")
        }
    }
}
