import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct KubernetesMalformedDaemonAddress: LintRule {
    package static let description = RuleDescription(
        id: "XR901", name: "kubernetes-malformed-daemon-address", severity: .error,
        summary: "A Kubernetes app's `AWS_XRAY_DAEMON_ADDRESS` is malformed: most often a Service name without the port.",
        rationale: "The SDKs accept only `host:port` or `tcp:host:port udp:host:port`; AWS's own Kubernetes sample set `xray-service.default` without a port, and the SDKs refuse it at startup (Node throws 'Invalid Daemon Address', Python raises InvalidDaemonAddressException, Go panics).",
        sources: [.pythonSDKDaemonConfig, .issue("aws-samples/aws-xray-kubernetes", 6), .xrayKubernetesSample],
        examples: [
            RuleExample("deployment.yaml", """
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
                            - name: AWS_XRAY_DAEMON_ADDRESS
                              value: ↓xray-service.default

                """),
            RuleExample("deployment.yaml", """
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
                            - name: AWS_XRAY_DAEMON_ADDRESS
                              value: xray-service.default:2000

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.kubernetes.daemonAddresses.compactMap { use in
            guard case .failure(let problem) = DaemonAddress.parse(use.text) else { return nil }
            return finding(use.value, "AWS_XRAY_DAEMON_ADDRESS '\(use.text)' in \(use.workload.object.label) \(MalformedDaemonAddress.explain(problem)); the SDK will refuse it",
                           fix: problem == .missingPort ? "Add the port: '\(use.text):2000'" : "Use host:port, such as xray-service.NAMESPACE:2000")
        }
    }
}
