import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// The accounts of an organisation and the credentials to read each: Organizations'
/// `ListAccounts` (active accounts only: a suspended or closing account answers nothing) and STS
/// `AssumeRole` into the audit role each member account holds.
package enum Organization {
    package static func activeAccounts(_ client: AuditClient) async throws(AWSClient.Failure) -> [String] {
        var global = client
        global.client.region = endpointRegion(Partition.of(region: client.client.region))
        let pages = try await AuditClient.pages({ token async throws(AWSClient.Failure) in
            try await global.json("organizations", target: "AWSOrganizationsV20161128.ListAccounts", token.map { ["NextToken": $0] } ?? [:])
        }, next: { $0["NextToken"] as? String })
        return pages.flatMap { $0["Accounts"] as? [[String: Any]] ?? [] }
            .filter { ($0["Status"] as? String ?? $0["State"] as? String) == "ACTIVE" }
            .compactMap { $0["Id"] as? String }.sorted()
    }

    /// Organizations has one endpoint per partition, signed for its region (botocore's endpoints.json:
    /// `organizations.us-east-1.amazonaws.com`, `organizations.cn-northwest-1.amazonaws.com.cn`,
    /// `organizations.us-gov-west-1.amazonaws.com`).
    package static func endpointRegion(_ partition: Partition) -> String {
        switch partition {
        case .aws: return "us-east-1"
        case .awsCN: return "cn-northwest-1"
        case .awsUSGov: return "us-gov-west-1"
        }
    }

    /// The caller's own account.
    package static func callerAccount(_ client: AuditClient) async throws(AWSClient.Failure) -> String {
        let answer = try await client.query("sts", action: "GetCallerIdentity", version: "2011-06-15")
        guard let account = answer.find("Account")?.text, !account.isEmpty else {
            throw AWSClient.Failure(code: "UnreadableAnswer", message: "sts:GetCallerIdentity answered without an account")
        }
        return account
    }

    /// Credentials of `role` in `account`, for an hour.
    package static func assume(_ client: AuditClient, account: String, role: String, partition: String) async throws(AWSClient.Failure) -> AWSCredentials {
        let arn = "arn:\(partition):iam::\(account):role/\(role)"
        let answer = try await client.query("sts", action: "AssumeRole", version: "2011-06-15",
                                            [("RoleArn", arn), ("RoleSessionName", "xrayctl-audit"), ("DurationSeconds", "3600")])
        guard let credentials = answer.find("Credentials"), let key = credentials["AccessKeyId"]?.text,
              let secret = credentials["SecretAccessKey"]?.text else {
            throw AWSClient.Failure(code: "UnreadableAnswer", message: "sts:AssumeRole answered without credentials")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: credentials["SessionToken"]?.text,
                              source: "role \(role) in \(account)")
    }
}
