import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct KubernetesAddressWithoutService: LintRule {
    package static let description = RuleDescription(
        id: "XR902", name: "kubernetes-address-without-service", severity: .error, also: [.warning],
        summary: "A Kubernetes app sends segments to a Service that publishes its port only for TCP (error), or to a Service the linted files, which hold the agent, do not define (warning).",
        rationale: "A Service port is TCP unless it says `protocol: UDP`, and the SDKs send segments over UDP: with 2000/TCP alone they reach nothing, while sampling (TCP) still works, so the app looks healthy. A Service name that resolves to nothing fails silently too. When the files hold no agent at all, the Service may be defined elsewhere and nothing is said. A headless Service (`clusterIP: None`) resolves to the pods' own addresses, so its port list routes nothing and is not judged.",
        sources: [.kubernetesServices, .kubernetesHeadlessServices, .kubernetesDNS, .xrayKubernetesSample, .daemonGuide],
        examples: [
            RuleExample("tracing.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: xray-service, namespace: default}
                spec:
                  selector: {app: xray-daemon}
                  ports:
                    - {name: xray-tcp, port: 2000}
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
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: ↓"xray-service.default:2000"}

                """),
            RuleExample("tracing.yaml", """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon, namespace: xray}
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
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: ↓"xray-daemon.xray:2000"}

                """),
            RuleExample("tracing.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: xray-service, namespace: default}
                spec:
                  selector: {app: xray-daemon}
                  ports:
                    - {name: xray-udp, port: 2000, protocol: UDP}
                    - {name: xray-tcp, port: 2000, protocol: TCP}
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
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: "xray-service.default.svc.cluster.local:2000"}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        let agentsHere = !view.agentWorkloads.isEmpty
        return view.daemonAddresses.compactMap { use in
            guard case .success(let address) = DaemonAddress.parse(use.text),
                  let target = view.service(named: address.udpHost, from: use.workload.object.namespace) else { return nil }
            guard let service = target.service else {
                guard agentsHere else { return nil }
                return finding(use.value, "AWS_XRAY_DAEMON_ADDRESS names the Service '\(target.name)' in namespace '\(target.namespace)', which the linted files (they hold the agent) do not define: the name resolves to nothing",
                               fix: "Point it at the agent's Service (NAME.NAMESPACE:2000), or define that Service", severity: .warning)
            }
            // A headless Service's name resolves to the pods' own addresses: its ports route nothing.
            guard !KubernetesView.isHeadless(service) else { return nil }
            let ports = service.ports.filter { $0.port == address.udpPort }
            guard !ports.isEmpty, !ports.contains(where: { $0.transport == "UDP" }) else { return nil }
            return finding(use.value, "\(service.object.label) publishes \(address.udpPort) only for TCP (a Service port is TCP unless it says UDP); segments go over UDP and are lost",
                           fix: "Add a port with protocol: UDP for \(address.udpPort) to the Service (keep the TCP one for sampling)")
        }
    }
}
