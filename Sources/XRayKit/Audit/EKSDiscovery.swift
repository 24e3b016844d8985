import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// EKS clusters of one account+region with their add-ons (`ListAddons`, `DescribeAddon`) and EKS Pod
/// Identity associations (`ListPodIdentityAssociations`, `DescribePodIdentityAssociation`), written
/// into the region's CloudFormation-shaped template as `AWS::EKS::Cluster`, `AWS::EKS::Addon` and
/// `AWS::EKS::PodIdentityAssociation`: the Kubernetes rules read associations from templates, and
/// the inventory names a cluster's agent from its add-ons (ADOT, CloudWatch Observability).
package enum EKSDiscovery {
    package static func run(_ client: AuditClient, scope: AuditScope, into template: inout AuditTemplate) async throws(AWSClient.Failure) {
        let clusters = try await names(client, "/clusters", key: "clusters")
        for cluster in clusters.sorted() where AWSNames.isPathSegment(cluster) {
            let clusterARN = "arn:\(scope.partition):eks:\(scope.region):\(scope.account):cluster/\(cluster)"
            template.add(type: "AWS::EKS::Cluster", name: cluster, properties: ["Name": cluster], address: AuditAddress(clusterARN))
            for addon in try await names(client, "/clusters/\(cluster)/addons", key: "addons").sorted() where AWSNames.isPathSegment(addon) {
                let answer = try await client.rest("eks", "/clusters/\(cluster)/addons/\(addon)")
                guard let described = answer["addon"] as? [String: Any] else { continue }
                var properties: [String: Any] = ["ClusterName": cluster, "AddonName": addon]
                if let version = described["addonVersion"] { properties["AddonVersion"] = version }
                if let role = described["serviceAccountRoleArn"] { properties["ServiceAccountRoleArn"] = role }
                template.add(type: "AWS::EKS::Addon", name: "\(cluster)\(addon)", properties: properties,
                             address: AuditAddress(described["addonArn"] as? String ?? "\(clusterARN) addon \(addon)"))
            }
            let associations = try await AuditClient.pages({ token async throws(AWSClient.Failure) in
                try await client.rest("eks", "/clusters/\(cluster)/pod-identity-associations" + (token.map { "?nextToken=" + SigV4.encode($0) } ?? ""))
            }, next: { $0["nextToken"] as? String }).flatMap { $0["associations"] as? [[String: Any]] ?? [] }
            for summary in associations.sorted(by: { ($0["associationId"] as? String ?? "") < ($1["associationId"] as? String ?? "") }) {
                guard let id = summary["associationId"] as? String, AWSNames.isPathSegment(id) else { continue }
                // The summary has no role: the description does.
                let answer = try await client.rest("eks", "/clusters/\(cluster)/pod-identity-associations/\(id)")
                guard let association = answer["association"] as? [String: Any],
                      let namespace = association["namespace"] as? String, let account = association["serviceAccount"] as? String else { continue }
                var properties: [String: Any] = ["ClusterName": cluster, "Namespace": namespace, "ServiceAccount": account]
                if let role = association["roleArn"] { properties["RoleArn"] = role }
                template.add(type: "AWS::EKS::PodIdentityAssociation", name: "\(cluster)\(namespace)\(account)", properties: properties,
                             address: AuditAddress(association["associationArn"] as? String ?? "\(clusterARN) pod-identity-association \(id)"))
            }
        }
    }

    /// Every page of a list of names (`clusters`, `addons`).
    private static func names(_ client: AuditClient, _ path: String, key: String) async throws(AWSClient.Failure) -> [String] {
        try await AuditClient.pages({ token async throws(AWSClient.Failure) in
            try await client.rest("eks", path + (token.map { "?nextToken=" + SigV4.encode($0) } ?? ""))
        }, next: { $0["nextToken"] as? String }).flatMap { $0[key] as? [String] ?? [] }
    }
}
