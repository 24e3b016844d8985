struct IRSAAnnotationIgnored: LintRule {
    static let description = RuleDescription(
        id: "XR907", name: "irsa-annotation-ignored", severity: .error,
        summary: "`eks.amazonaws.com/role-arn` is written on a workload or its pod template, where EKS ignores it: IRSA reads it from the ServiceAccount only.",
        rationale: "EKS's pod identity webhook injects the web identity token and role for pods whose ServiceAccount carries the annotation; on a Deployment, DaemonSet, Pod or pod template it does nothing, and the pod silently runs with the node's role.",
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
            RuleExample("serviceaccount.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: xray-daemon
                  annotations:
                    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/xray

                """),
        ])

    func check(_ run: LintRun) -> [Finding] {
        run.kubernetes.workloads.flatMap { workload -> [Finding] in
            [workload.object.metadata, workload.templateMetadata].compactMap { metadata -> Finding? in
                guard let annotations = metadata?["annotations"], let key = annotations.keyNode(KubernetesView.roleAnnotation) else { return nil }
                return finding(key, "\(KubernetesView.roleAnnotation) on \(workload.object.label)\(metadata?.pointer == workload.templateMetadata?.pointer ? "'s pod template" : "") is ignored: EKS reads it from the ServiceAccount (\(workload.serviceAccountName)) only, so the pods run with the node's role",
                               fix: "Move the annotation to the ServiceAccount \(workload.serviceAccountName) in \(workload.object.namespace)")
            }
        }
    }
}
