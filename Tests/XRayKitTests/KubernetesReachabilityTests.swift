import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Cases the Kubernetes reachability rules must leave alone, or must find, beyond their examples.
@Suite struct KubernetesReachabilityTests {
    func lint(_ files: [(String, String)]) -> [String] {
        TestSupport.lint(files).map { "\($0.rule)@\($0.location.file):\($0.location.line)" }
    }

    static let agent = """
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
                  ports:
                    - {name: xray-udp, containerPort: 2000, protocol: UDP}
                    - {name: xray-tcp, containerPort: 2000, protocol: TCP}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: xray-service, namespace: tracing}
        spec:
          selector: {app: xray-daemon}
          ports:
            - {name: udp, port: 2000, protocol: UDP, targetPort: xray-udp}
            - {name: tcp, port: 2000, protocol: TCP, targetPort: xray-tcp}

        """

    static func app(_ env: String, annotations: String = "{}", extra: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}, annotations: \(annotations)}
            spec:
              containers:
                - name: api
                  image: api:1.0
        \(extra)          env:
        \(env)

        """
    }

    static let address = "            - {name: AWS_XRAY_DAEMON_ADDRESS, value: \"xray-service.tracing:2000\"}"

    static func policy(_ spec: String, namespace: String = "shop") -> String {
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: \(namespace)}
        spec:
        \(spec)

        """
    }

    @Test func defaultDenyEgressBlocksBothProtocols() {
        let findings = lint([("tracing.yaml", Self.agent), ("app.yaml", Self.app(Self.address)),
                             ("policy.yaml", Self.policy("  podSelector: {}\n  policyTypes: [Egress]"))])
        #expect(findings.filter { $0.hasPrefix("XR914") } == ["XR914@app.yaml:13"])
    }

    @Test func namedPortsAndNamespaceNamesAreEvaluated() {
        let spec = """
              podSelector: {matchLabels: {app: api}}
              policyTypes: [Egress]
              egress:
                - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: tracing}}}]
                  ports: [{port: xray-udp, protocol: UDP}, {port: xray-tcp}]
            """
        #expect(lint([("tracing.yaml", Self.agent), ("app.yaml", Self.app(Self.address)), ("policy.yaml", Self.policy(spec))])
            .filter { $0.hasPrefix("XR914") }.isEmpty)
    }

    @Test func whatTheFilesCannotDecideIsLeftAlone() {
        // An ipBlock peer, and namespace labels no linted Namespace object shows.
        for peer in ["{ipBlock: {cidr: 10.0.0.0/8}}", "{namespaceSelector: {matchLabels: {team: observability}}}"] {
            let spec = """
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                    - to: [\(peer)]
                """
            #expect(lint([("tracing.yaml", Self.agent), ("app.yaml", Self.app(Self.address)), ("policy.yaml", Self.policy(spec))])
                .filter { $0.hasPrefix("XR914") }.isEmpty, "\(peer)")
        }
    }

    @Test func anIngressPolicyOnTheAgentCounts() {
        let spec = """
              podSelector: {matchLabels: {app: xray-daemon}}
              ingress:
                - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]
            """
        #expect(lint([("tracing.yaml", Self.agent), ("app.yaml", Self.app(Self.address)),
                      ("policy.yaml", Self.policy(spec, namespace: "tracing"))]).filter { $0.hasPrefix("XR914") } == ["XR914@app.yaml:13"])
    }

    @Test func appsWithoutAnAddressAreJudgedOnlyWhenNothingElseMaySetIt() {
        let tracing = "            - {name: OTEL_SERVICE_NAME, value: api}"
        #expect(lint([("tracing.yaml", Self.agent), ("app.yaml", Self.app(tracing))]).filter { $0.hasPrefix("XR903") } == ["XR903@app.yaml:13"])
        // An operator injects the exporter settings, or a ConfigMap may hold the endpoint.
        #expect(lint([("tracing.yaml", Self.agent), ("app.yaml", Self.app(tracing, annotations: "{instrumentation.opentelemetry.io/inject-java: \"true\"}"))])
            .filter { $0.hasPrefix("XR903") }.isEmpty)
        #expect(lint([("tracing.yaml", Self.agent), ("app.yaml", Self.app(tracing, extra: "          envFrom: [{configMapRef: {name: otel}}]\n"))])
            .filter { $0.hasPrefix("XR903") }.isEmpty)
        // Metrics-only OpenTelemetry settings are no tracing.
        #expect(lint([("tracing.yaml", Self.agent), ("app.yaml", Self.app("            - {name: OTEL_METRICS_EXPORTER, value: otlp}"))])
            .filter { $0.hasPrefix("XR903") }.isEmpty)
    }

    @Test func headlessServicesAreNotJudgedByTheirPorts() {
        let headless = """
            apiVersion: v1
            kind: Service
            metadata: {name: xray-service, namespace: tracing}
            spec:
              selector: {app: xray-daemon}
              clusterIP: None
              ports:
                - {name: udp, port: 2000, protocol: UDP}

            """
        let daemon = Self.agent.components(separatedBy: "---")[0]
        let findings = lint([("tracing.yaml", daemon + "---\n" + headless), ("app.yaml", Self.app(Self.address))])
        #expect(findings.filter { ["XR115", "XR902", "XR904", "XR913"].contains(String($0.prefix(5))) }.isEmpty, "\(findings)")
    }

    @Test func memoryQuantitiesAreRead() {
        #expect(KubernetesView.mebibytes("24Mi") == 24)
        #expect(KubernetesView.mebibytes("1Gi") == 1024)
        #expect(KubernetesView.mebibytes("128M").map { ($0 * 100).rounded() / 100 } == 122.07)
        #expect(KubernetesView.mebibytes("67108864") == 64)
        #expect(KubernetesView.mebibytes("lots") == nil)
    }
}
