import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentBoundToClusterAdmin: LintRule {
    package static let description = RuleDescription(
        id: "XR916", name: "agent-bound-to-cluster-admin", severity: .warning,
        summary: "A ClusterRoleBinding or RoleBinding grants `cluster-admin` to the ServiceAccount a tracing agent runs as (an agent workload's in the linted files, or one named like an agent).",
        rationale: "The X-Ray daemon never calls the Kubernetes API, and a collector's k8sattributes processor needs only get, list and watch on pods, namespaces and replica sets; yet old X-Ray samples bound the daemon's account to cluster-admin, which lets anyone who can exec into or compromise a node's agent pod do anything in the cluster. Kubernetes' RBAC good practices ask for least privilege and for cluster-admin only where it is needed.",
        sources: [.kubernetesRBACGoodPractices, .kubernetesRBAC, .xrayKubernetesSample],
        examples: [
            RuleExample("xray-daemon.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: xray-daemon}
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: ↓cluster-admin
                subjects:
                  - {kind: ServiceAccount, name: xray-daemon, namespace: default}
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
            RuleExample("collector-rbac.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: adot-collector}
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: ClusterRole
                  name: adot-collector-k8sattributes
                subjects:
                  - {kind: ServiceAccount, name: adot-collector, namespace: observability}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        var agentAccounts: Set<String> = []
        var usedAccounts: Set<String> = []
        for workload in view.workloads {
            let account = workload.object.namespace + "/" + workload.serviceAccountName
            usedAccounts.insert(account)
            if !workload.agents.isEmpty && workload.apps.isEmpty { agentAccounts.insert(account) }
        }
        return view.bindings.compactMap { binding in
            guard binding.roleKind == "ClusterRole", binding.roleName.text == "cluster-admin" else { return nil }
            let agents = binding.serviceAccounts.filter { account in
                // Accounts no linted workload runs as are judged by their name (xray-daemon, adot-collector, …).
                agentAccounts.contains(account)
                    || (!usedAccounts.contains(account) && ContainerView.agentKind(of: String(account.split(separator: "/").last ?? "")) != nil)
            }
            guard let account = agents.first else { return nil }
            let label = binding.object.kind == "ClusterRoleBinding" ? "ClusterRoleBinding \(binding.object.name ?? "?")" : binding.object.label
            return finding(binding.roleName, "\(label) grants cluster-admin to the ServiceAccount \(account), which a tracing agent runs as: the agent needs no Kubernetes API access (a collector's k8sattributes only get/list/watch)",
                           fix: "Remove the binding for the X-Ray daemon; for a collector, bind a ClusterRole with get, list and watch on pods, namespaces and replicasets")
        }
    }
}
