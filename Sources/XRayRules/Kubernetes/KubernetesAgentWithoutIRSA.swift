import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct KubernetesAgentWithoutIRSA: LintRule {
    package static let description = RuleDescription(
        id: "XR906", name: "kubernetes-agent-without-irsa", severity: .warning,
        summary: "The agent's ServiceAccount has no `eks.amazonaws.com/role-arn` annotation while other ServiceAccounts in the same files use IRSA.",
        rationale: "With IRSA, a pod gets a role only through its ServiceAccount's annotation. When the files show IRSA is how this cluster hands out roles and the agent's account has none, the agent falls back to the node's role (often without X-Ray permissions, or blocked from instance metadata) and every upload is refused. EKS Pod Identity associations usually live outside the manifests, hence a warning; when a linted template or plan associates the agent's ServiceAccount, nothing is said.",
        sources: [.eksIRSA, .eksIRSAAnnotation, .eksPodIdentity],
        examples: [
            RuleExample("cluster.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: api
                  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/api"}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: ↓xray-daemon}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      serviceAccountName: xray-daemon
                      containers:
                        - {name: xray-daemon, image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}

                """),
            // The same files, with a template that associates the agent's ServiceAccount through Pod Identity.
            RuleExample("cluster.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: api
                  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/api"}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: xray-daemon}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      serviceAccountName: xray-daemon
                      containers:
                        - {name: xray-daemon, image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}

                """, with: [("pod-identity.yaml", """
                Resources:
                  Agent:
                    Type: AWS::EKS::PodIdentityAssociation
                    Properties: {ClusterName: shop, Namespace: default, ServiceAccount: xray-daemon, RoleArn: "arn:aws:iam::123456789012:role/xray"}

                """)]),
            RuleExample("cluster.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/xray"}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      serviceAccountName: xray-daemon
                      containers:
                        - {name: xray-daemon, image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}

                """),
        ])

    package static func roleAnnotation(_ account: KubernetesView.Object) -> LocatedNode? {
        account.metadata?["annotations"]?[KubernetesView.roleAnnotation]
    }

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        guard view.serviceAccounts.contains(where: { Self.roleAnnotation($0) != nil }) else { return [] }
        // A ServiceAccount that a linted template associates through EKS Pod Identity has its role.
        let associated = PodIdentityAssociations.serviceAccounts(in: run)
        var seen = Set<String>()
        return view.agentWorkloads.compactMap { workload in
            guard let account = view.serviceAccount(workload.serviceAccountName, namespace: workload.object.namespace),
                  Self.roleAnnotation(account) == nil, !associated.contains(workload.object.namespace + "/" + workload.serviceAccountName),
                  seen.insert(account.label).inserted else { return nil }
            return finding(account.metadata?["name"] ?? account.anchor,
                           "\(account.label), which \(workload.object.label) runs as, has no \(KubernetesView.roleAnnotation) annotation, while other ServiceAccounts here use IRSA: the agent gets no role of its own unless an EKS Pod Identity association gives it one",
                           fix: "Annotate the ServiceAccount with the agent's role (eks.amazonaws.com/role-arn: arn:aws:iam::ACCOUNT:role/NAME), or associate the role with EKS Pod Identity")
        }
    }
}
