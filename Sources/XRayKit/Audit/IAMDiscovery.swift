import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// The account's roles and their policies, once per account (IAM is global): every page of
/// `GetAccountAuthorizationDetails` for roles and customer managed policies, in the shape
/// `aws iam get-account-authorization-details` prints, which lint reads as a file.
package enum IAMDiscovery {
    /// Elements that are lists even when IAM sends them empty.
    private static let lists: Set<String> = ["RoleDetailList", "Policies", "RolePolicyList", "AttachedManagedPolicies",
                                             "PolicyVersionList", "InstanceProfileList", "Tags", "Roles"]
    /// Elements that hold a URL-encoded policy document.
    private static let documents: Set<String> = ["AssumeRolePolicyDocument", "PolicyDocument", "Document"]

    package static func run(_ client: AuditClient, scope: AuditScope) async throws(AWSClient.Failure) -> AuditDocument? {
        var roles: [[String: Any]] = [], policies: [[String: Any]] = []
        var marker: String?
        var pages = 0
        repeat {
            var parameters = [("Filter.member.1", "Role"), ("Filter.member.2", "LocalManagedPolicy"), ("MaxItems", "1000")]
            if let marker { parameters.append(("Marker", marker)) }
            let answer = try await client.query("iam", action: "GetAccountAuthorizationDetails", version: "2010-05-08", parameters)
            guard let result = answer.find("GetAccountAuthorizationDetailsResult") else {
                throw AWSClient.Failure(code: "UnreadableAnswer", message: "the answer to iam:GetAccountAuthorizationDetails has no result")
            }
            let value = decoded(result.value(lists: lists)) as? [String: Any] ?? [:]
            roles += value["RoleDetailList"] as? [[String: Any]] ?? []
            policies += value["Policies"] as? [[String: Any]] ?? []
            marker = result["IsTruncated"]?.text == "true" ? result["Marker"]?.text : nil
            pages += 1
        } while marker != nil && pages < 1000
        roles.sort { ($0["Arn"] as? String ?? "") < ($1["Arn"] as? String ?? "") }
        policies.sort { ($0["Arn"] as? String ?? "") < ($1["Arn"] as? String ?? "") }
        let object: [String: Any] = ["RoleDetailList": roles, "Policies": policies, "UserDetailList": [Any](), "GroupDetailList": [Any]()]
        let whole = AuditAddress("arn:\(scope.partition):iam::\(scope.account):root")
        return AuditDocument.make(path: scope.globalPath("iam/authorization-details.json"), object: object, whole: whole) { root in
            let roleParts = (root["RoleDetailList"]?.items ?? []).enumerated().compactMap { index, node in
                (roles[index]["Arn"] as? String).map { (node.pointer, AuditAddress($0)) }
            }
            let policyParts = (root["Policies"]?.items ?? []).enumerated().compactMap { index, node in
                (policies[index]["Arn"] as? String).map { (node.pointer, AuditAddress($0)) }
            }
            return roleParts + policyParts
        }
    }

    /// Policy documents come URL-encoded (RFC 3986) in query answers; each becomes the JSON object it
    /// holds, and stays text when it is not one (XR211 then says so).
    private static func decoded(_ value: Any, key: String? = nil) -> Any {
        if let object = value as? [String: Any] {
            return object.reduce(into: [String: Any]()) { $0[$1.key] = decoded($1.value, key: $1.key) }
        }
        if let list = value as? [Any] { return list.map { decoded($0, key: nil) } }
        if let text = value as? String, let key, documents.contains(key) {
            let plain = text.removingPercentEncoding ?? text
            if let object = try? JSONSerialization.jsonObject(with: Data(plain.utf8)) as? [String: Any] { return object }
            return plain
        }
        return value
    }
}
