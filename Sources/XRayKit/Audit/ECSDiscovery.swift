import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// ECS in one account+region: every cluster's services (DAEMON and REPLICA, with their network
/// mode and launch type) and the task definition revisions they and the running tasks use — not
/// the whole revision history, which no one runs.
package enum ECSDiscovery {
    private static let target = "AmazonEC2ContainerServiceV20141113."

    package static func run(_ client: AuditClient, scope: AuditScope) async throws(AWSClient.Failure) -> [AuditDocument] {
        let clusters = try await AuditClient.pages({ token async throws(AWSClient.Failure) in
            try await client.json("ecs", target: target + "ListClusters", token.map { ["nextToken": $0] } ?? [:])
        }, next: { $0["nextToken"] as? String }).flatMap { $0["clusterArns"] as? [String] ?? [] }

        var documents: [AuditDocument] = []
        var revisions: [String] = []
        for cluster in clusters.sorted() {
            let serviceARNs = try await AuditClient.pages({ token async throws(AWSClient.Failure) in
                try await client.json("ecs", target: target + "ListServices", ["cluster": cluster].merging(token.map { ["nextToken": $0] } ?? [:]) { $1 })
            }, next: { $0["nextToken"] as? String }).flatMap { $0["serviceArns"] as? [String] ?? [] }
            var services: [[String: Any]] = []
            for batch in serviceARNs.sorted().chunked(10) {
                let answer = try await client.json("ecs", target: target + "DescribeServices", ["cluster": cluster, "services": batch])
                services += answer["services"] as? [[String: Any]] ?? []
            }
            for service in services {
                // A service in a deployment runs two revisions: each deployment names its own.
                let deployments = (service["deployments"] as? [[String: Any]] ?? []).compactMap { $0["taskDefinition"] as? String }
                revisions += [service["taskDefinition"] as? String].compactMap { $0 } + deployments
            }
            let taskARNs = try await AuditClient.pages({ token async throws(AWSClient.Failure) in
                try await client.json("ecs", target: target + "ListTasks", ["cluster": cluster, "desiredStatus": "RUNNING"].merging(token.map { ["nextToken": $0] } ?? [:]) { $1 })
            }, next: { $0["nextToken"] as? String }).flatMap { $0["taskArns"] as? [String] ?? [] }
            for batch in taskARNs.sorted().chunked(100) {
                let answer = try await client.json("ecs", target: target + "DescribeTasks", ["cluster": cluster, "tasks": batch])
                revisions += (answer["tasks"] as? [[String: Any]] ?? []).compactMap { $0["taskDefinitionArn"] as? String }
            }
            guard !services.isEmpty else { continue }
            let object: [String: Any] = ["services": services]
            if let document = AuditDocument.make(path: scope.path("ecs/\(cluster.split(separator: "/").last ?? "")/services.json"), object: object,
                                                 whole: AuditAddress(cluster), addresses: { root in
                (root["services"]?.items ?? []).enumerated().compactMap { index, node in
                    (services[index]["serviceArn"] as? String).map { (node.pointer, AuditAddress($0)) }
                }
            }) {
                documents.append(document)
            }
        }
        for revision in Set(revisions).sorted() {
            let answer = try await client.json("ecs", target: target + "DescribeTaskDefinition", ["taskDefinition": revision])
            guard let definition = answer["taskDefinition"] as? [String: Any] else { continue }
            let arn = definition["taskDefinitionArn"] as? String ?? revision
            let containers = definition["containerDefinitions"] as? [[String: Any]] ?? []
            if let document = AuditDocument.make(path: scope.path("ecs/task-definitions/\(arn.split(separator: "/").last ?? "").json"),
                                                 object: ["taskDefinition": definition], whole: AuditAddress(arn), addresses: { root in
                (root["taskDefinition"]?["containerDefinitions"]?.items ?? []).enumerated().map { index, node in
                    (node.pointer, AuditAddress(arn, part: "container \(containers[index]["name"] as? String ?? "#\(index)")"))
                }
            }) {
                documents.append(document)
            }
        }
        return documents
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (APIs that take at most 10 or 100 names).
    package func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
