import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct IRSAAnnotationIgnored: LintRule {
    package static let description = RuleDescription(
        id: "XR907", name: "irsa-annotation-ignored", severity: .warning, also: [.info],
        summary: "`eks.amazonaws.com/role-arn` is written on a workload or its pod template, where EKS ignores it: IRSA reads it from the ServiceAccount only.",
        rationale: "EKS's pod identity webhook injects the web identity token and role for pods whose ServiceAccount carries the annotation; on a Deployment, DaemonSet, Pod or pod template it does nothing. It is dead configuration, not an error by itself: a warning, since the pods run with the node's role unless their ServiceAccount carries the annotation too, and information when the ServiceAccount linted beside it does.",
        sources: [.eksIRSAAnnotation, .eksIRSA],
        examples: [
            RuleExample("daemonset.yaml", """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata:
                      labels: {app: xray-daemon}
                      annotations:
                        ↓eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/xray
                    spec:
                      containers:
                        - {name: xray-daemon, image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}

                """),
            // Said again on the ServiceAccount, which is where EKS reads it: information only.
            RuleExample("daemonset.yaml", """
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
                    metadata:
                      labels: {app: xray-daemon}
                      annotations:
                        ↓eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/xray
                    spec:
                      serviceAccountName: xray-daemon
                      containers:
                        - {name: xray-daemon, image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}

                """),
            RuleExample("serviceaccount.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  annotations:
                    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/xray

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        return view.workloads.flatMap { workload -> [Finding] in
            let account = view.serviceAccount(workload.serviceAccountName, namespace: workload.object.namespace)
            let accountHasRole = account.flatMap(KubernetesAgentWithoutIRSA.roleAnnotation) != nil
            return [workload.object.metadata, workload.templateMetadata].compactMap { metadata -> Finding? in
                guard let annotations = metadata?["annotations"], let key = annotations.keyNode(KubernetesView.roleAnnotation) else { return nil }
                let place = "\(KubernetesView.roleAnnotation) on \(workload.object.label)\(metadata?.pointer == workload.templateMetadata?.pointer ? "'s pod template" : "")"
                if accountHasRole {
                    return finding(key, "\(place) is ignored; EKS reads the role from the ServiceAccount \(workload.serviceAccountName), which carries it, so only this copy is dead",
                                   fix: "Remove the annotation here; keep the ServiceAccount's", severity: .info)
                }
                return finding(key, "\(place) is ignored: EKS reads it from the ServiceAccount (\(workload.serviceAccountName)) only, so the pods run with the node's role",
                               fix: "Move the annotation to the ServiceAccount \(workload.serviceAccountName) in \(workload.object.namespace)")
            }
        }
    }
}
