import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct RemovedKubernetesAPI: LintRule {
    package static let description = RuleDescription(
        id: "XR909", name: "removed-kubernetes-api", severity: .error,
        summary: "A manifest uses an API version current EKS versions no longer serve (`extensions/v1beta1` DaemonSets, `apps/v1beta2`, `rbac.authorization.k8s.io/v1beta1`, …). (A deprecated but served `OpenTelemetryCollector` version is XR522's.)",
        rationale: "Kubernetes 1.16 stopped serving DaemonSets and Deployments from `extensions/v1beta1`, `apps/v1beta1` and `apps/v1beta2`, and 1.22 RBAC's `v1beta1`; every EKS version supported today rejects them, so `kubectl apply` fails and the agent never runs. Old X-Ray daemon samples still carry them.",
        sources: [.kubernetesDeprecations, .xrayKubernetesSample],
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
        ])

    /// apiVersion → (kinds it no longer serves, where nil means every kind; the version that removed it; the replacement).
    package static let removed: [String: (kinds: Set<String>?, release: String, replacement: String)] = [
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

    package func check(_ run: LintRun) -> [Finding] {
        run.kubernetes.objects.compactMap { object in
            guard let removal = Self.removed[object.apiVersion], removal.kinds?.contains(object.kind) ?? true,
                  let node = object.node["apiVersion"] else { return nil }
            let replacement = object.apiVersion == "extensions/v1beta1" && object.kind == "NetworkPolicy" ? "networking.k8s.io/v1" : removal.replacement
            return finding(node, "Kubernetes \(removal.release) stopped serving \(object.kind) from \(object.apiVersion); every EKS version supported today rejects \(object.label)",
                           fix: "Use apiVersion: \(replacement)\(object.kind == "DaemonSet" || object.kind == "Deployment" ? " (which requires spec.selector matching the template's labels)" : "")")
        }
    }
}
