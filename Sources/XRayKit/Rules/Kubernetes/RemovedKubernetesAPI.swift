struct RemovedKubernetesAPI: LintRule {
    static let description = RuleDescription(
        id: "XR909", name: "removed-kubernetes-api", severity: .error, also: [.info],
        summary: "A manifest uses an API version current EKS versions no longer serve (`extensions/v1beta1` DaemonSets, `apps/v1beta2`, `rbac.authorization.k8s.io/v1beta1`, …): error; or one still served but deprecated (an `OpenTelemetryCollector` in `opentelemetry.io/v1alpha1`): info.",
        rationale: "Kubernetes 1.16 stopped serving DaemonSets and Deployments from `extensions/v1beta1`, `apps/v1beta1` and `apps/v1beta2`, and 1.22 RBAC's `v1beta1`; every EKS version supported today rejects them, so `kubectl apply` fails and the agent never runs. Old X-Ray daemon samples still carry them. The OpenTelemetry Operator reconciles `OpenTelemetryCollector` in `v1beta1` since v0.99.0 (its `config` a mapping, not a string) and announced that `v1alpha1` will be removed: it still works, so that is information.",
        sources: [.kubernetesDeprecations, .xrayKubernetesSample, .otelOperatorV1beta1],
        examples: [
            RuleExample("xray-daemon.yaml", """
                apiVersion: ↓extensions/v1beta1
                kind: DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      containers:
                        - {name: xray-daemon, image: "amazon/aws-xray-daemon:3.3.7"}

                """),
            RuleExample("xray-daemon.yaml", """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      containers:
                        - {name: xray-daemon, image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}

                """),
            RuleExample("collector.yaml", """
                apiVersion: ↓opentelemetry.io/v1alpha1
                kind: OpenTelemetryCollector
                metadata: {name: adot}
                spec:
                  mode: deployment
                  config: |
                    receivers: {otlp: {protocols: {grpc: {endpoint: "0.0.0.0:4317"}}}}

                """),
        ])

    /// apiVersion → (kinds it no longer serves, where nil means every kind; the version that removed it; the replacement).
    static let removed: [String: (kinds: Set<String>?, release: String, replacement: String)] = [
        "extensions/v1beta1": (["DaemonSet", "Deployment", "ReplicaSet", "NetworkPolicy", "PodSecurityPolicy"], "1.16", "apps/v1"),
        "apps/v1beta1": (nil, "1.16", "apps/v1"),
        "apps/v1beta2": (nil, "1.16", "apps/v1"),
        "rbac.authorization.k8s.io/v1beta1": (nil, "1.22", "rbac.authorization.k8s.io/v1"),
        "rbac.authorization.k8s.io/v1alpha1": (nil, "1.22", "rbac.authorization.k8s.io/v1"),
        "batch/v1beta1": (["CronJob"], "1.25", "batch/v1"),
        "policy/v1beta1": (["PodDisruptionBudget", "PodSecurityPolicy"], "1.25", "policy/v1"),
        "autoscaling/v2beta1": (nil, "1.25", "autoscaling/v2"),
        "autoscaling/v2beta2": (["HorizontalPodAutoscaler"], "1.26", "autoscaling/v2"),
    ]

    /// apiVersion → (kinds still served from it but deprecated, the replacement).
    static let deprecated: [String: (kinds: Set<String>, replacement: String)] = [
        "opentelemetry.io/v1alpha1": (["OpenTelemetryCollector"], "opentelemetry.io/v1beta1"),
    ]

    func check(_ run: LintRun) -> [Finding] {
        run.kubernetes.objects.compactMap { object in
            if let deprecation = Self.deprecated[object.apiVersion], deprecation.kinds.contains(object.kind), let node = object.node["apiVersion"] {
                return finding(node, "\(object.kind) in \(object.apiVersion) is deprecated (\(object.label)); the OpenTelemetry Operator reconciles \(deprecation.replacement) and will stop serving \(object.apiVersion)",
                               fix: "Move to apiVersion: \(deprecation.replacement) (spec.config becomes a mapping instead of a string)", severity: .info)
            }
            guard let removal = Self.removed[object.apiVersion], removal.kinds?.contains(object.kind) ?? true,
                  let node = object.node["apiVersion"] else { return nil }
            let replacement = object.apiVersion == "extensions/v1beta1" && object.kind == "NetworkPolicy" ? "networking.k8s.io/v1" : removal.replacement
            return finding(node, "Kubernetes \(removal.release) stopped serving \(object.kind) from \(object.apiVersion); every EKS version supported today rejects \(object.label)",
                           fix: "Use apiVersion: \(replacement)\(object.kind == "DaemonSet" || object.kind == "Deployment" ? " (which requires spec.selector matching the template's labels)" : "")")
        }
    }
}
