import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonTooOldForPodIdentity: LintRule {
    package static let description = RuleDescription(
        id: "XR910", name: "daemon-too-old-for-pod-identity", severity: .error,
        summary: "An X-Ray daemon older than 3.6.0 runs on EKS under EKS Pod Identity: the linted files associate its ServiceAccount with a role (a CloudFormation `AWS::EKS::PodIdentityAssociation`, or the same in a Terraform plan). Without that evidence nothing is said.",
        rationale: "EKS Pod Identity hands credentials through the container credentials provider (AWS_CONTAINER_CREDENTIALS_FULL_URI with a token file), which the daemon's AWS SDK for Go v1 (v1.44.298) did not read (aws-xray-daemon #215); daemon 3.6.0 moved to the SDK for Go v2, whose default chain does (its CHANGELOG, PR #247). An older daemon under Pod Identity falls back to the node's role or has no credentials.",
        sources: [.daemonIssue(215), .daemonChangelog, .eksPodIdentitySDKs, .eksPodIdentity],
        examples: [
            RuleExample("daemonset.yaml", """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon, namespace: xray}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      serviceAccountName: xray-daemon
                      containers:
                        - name: xray-daemon
                          image: ↓public.ecr.aws/xray/aws-xray-daemon:3.3.14

                """, with: [("template.yaml", """
                Resources:
                  Association:
                    Type: AWS::EKS::PodIdentityAssociation
                    Properties:
                      ClusterName: shop
                      Namespace: xray
                      ServiceAccount: xray-daemon
                      RoleArn: arn:aws:iam::123456789012:role/xray-daemon

                """)]),
            RuleExample("daemonset.yaml", """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: xray-daemon, namespace: xray}
                spec:
                  selector: {matchLabels: {app: xray-daemon}}
                  template:
                    metadata: {labels: {app: xray-daemon}}
                    spec:
                      serviceAccountName: xray-daemon
                      containers:
                        - name: xray-daemon
                          image: public.ecr.aws/xray/aws-xray-daemon:3.6.6

                """),
        ])

    package static let firstSupporting: SemanticVersion = [3, 6, 0]

    package func check(_ run: LintRun) -> [Finding] {
        let view = run.kubernetes
        guard !view.agentWorkloads.isEmpty else { return [] }
        let associated = PodIdentityAssociations.serviceAccounts(in: run)
        return view.agentWorkloads.flatMap { workload -> [Finding] in
            let accountKey = workload.object.namespace + "/" + workload.serviceAccountName
            return workload.agents.compactMap { agent -> Finding? in
                guard associated.contains(accountKey), agent.agentKind == .xrayDaemon, let text = agent.image,
                      let image = ImageReference(text), let version = image.semanticVersion, version < Self.firstSupporting,
                      let node = agent.node["image"] else { return nil }
                return finding(node, "\(workload.object.label) runs the X-Ray daemon \(image.tag ?? "") under an EKS Pod Identity association of \(accountKey), but daemons before 3.6.0 cannot read Pod Identity credentials: uploads fail or use the node's role",
                               fix: "Use public.ecr.aws/xray/aws-xray-daemon:3.6.6 or later (or IRSA)")
            }
        }
    }
}
