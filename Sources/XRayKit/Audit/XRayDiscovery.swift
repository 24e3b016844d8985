import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// X-Ray's settings in one account+region: the sampling rules (linted as `get-sampling-rules`
/// output), the encryption configuration and the groups (reported as notes).
package enum XRayDiscovery {
    package static func samplingRules(_ client: AuditClient, scope: AuditScope) async throws(AWSClient.Failure) -> AuditDocument? {
        let records = try await AuditClient.pages({ token async throws(AWSClient.Failure) in
            try await client.rest("xray", "/GetSamplingRules", post: token.map { ["NextToken": $0] } ?? [:])
        }, next: { $0["NextToken"] as? String }).flatMap { $0["SamplingRuleRecords"] as? [[String: Any]] ?? [] }
        guard !records.isEmpty else { return nil }
        let arns = records.map { (($0["SamplingRule"] as? [String: Any])?["RuleARN"] as? String) }
        return AuditDocument.make(path: scope.path("xray/sampling-rules.json"), object: ["SamplingRuleRecords": records],
                                  whole: AuditAddress("arn:\(scope.partition):xray:\(scope.region):\(scope.account):sampling-rule/*")) { root in
            (root["SamplingRuleRecords"]?.items ?? []).enumerated().compactMap { index, node in
                arns[index].map { (node.pointer, AuditAddress($0)) }
            }
        }
    }

    /// `Type` and key of the encryption configuration, as a note.
    package static func encryption(_ client: AuditClient) async throws(AWSClient.Failure) -> String {
        let config = try await client.rest("xray", "/EncryptionConfig", post: [:])["EncryptionConfig"] as? [String: Any]
        let type = config?["Type"] as? String ?? "NONE"
        return "encryption: \(type)\((config?["KeyId"] as? String).map { " with \($0)" } ?? "")"
    }

    /// The groups' names, as a note.
    package static func groups(_ client: AuditClient) async throws(AWSClient.Failure) -> String {
        let groups = try await AuditClient.pages({ token async throws(AWSClient.Failure) in
            try await client.rest("xray", "/Groups", post: token.map { ["NextToken": $0] } ?? [:])
        }, next: { $0["NextToken"] as? String }).flatMap { $0["Groups"] as? [[String: Any]] ?? [] }
        let names = groups.compactMap { $0["GroupName"] as? String }.sorted()
        return "groups: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
    }
}
