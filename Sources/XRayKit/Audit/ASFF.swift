import Crypto
import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// `audit --format asff`: the findings in the AWS Security Finding Format, as input for Security
/// Hub's `BatchImportFindings` (at most 100 findings a call, so one input per line). Each finding
/// belongs to the account and region it is about, under that account's default product
/// (`arn:PARTITION:securityhub:REGION:ACCOUNT:product/ACCOUNT/default`), which is what an account
/// may import into itself; its `Id` is a hash of the rule, the ARN, the part and the message, so a
/// rerun updates a finding instead of adding another, and two findings of one rule on one resource
/// stay two.
package enum ASFF {
    package static let batchSize = 100

    /// Lines of `{"Findings": [...]}`; `home` is the region for findings about global resources (IAM),
    /// `account` the account of findings whose ARN has none (API Gateway's: `arn:aws:apigateway:REGION::/restapis/…`).
    package static func render(_ findings: [Finding], home: String, account: String? = nil, now: Date) -> String {
        var seen = Set<String>()
        let entries = findings.compactMap { finding -> JSONValue? in
            let entry = self.entry(finding, home: home, account: account, now: now)
            guard case .object(let fields) = entry, case .string(let id)? = fields["Id"], seen.insert(id).inserted else { return nil }
            return entry
        }
        return entries.chunked(batchSize).map { CanonicalJSON.compact(JSONValue.object(["Findings": JSONValue.array($0)])) + "\n" }.joined()
    }

    package static func entry(_ finding: Finding, home: String, account pairAccount: String? = nil, now: Date) -> JSONValue {
        let arn = finding.address ?? finding.location.file
        let place = finding.location.file
        let (arnAccount, region) = owner(arn: arn, place: place, home: home)
        let account = arnAccount.isEmpty ? pairAccount ?? "" : arnAccount
        let partition = Partition.of(region: region).rawValue
        let id = "xrayctl/\(finding.rule)/" + SHA256.hash(data: Data("\(finding.rule)|\(arn)|\(place)|\(finding.message)".utf8)).map { String(format: "%02x", $0) }.joined()
        let time = ISO8601DateFormatter().string(from: now)
        let summary = RuleCatalog.rule(finding.rule)?.description.summary ?? finding.rule
        var fields: [String: JSONValue] = [
            "SchemaVersion": "2018-10-08",
            "Id": .string(id),
            "ProductArn": .string("arn:\(partition):securityhub:\(region):\(account):product/\(account)/default"),
            "GeneratorId": .string("xrayctl-\(finding.rule)"),
            "AwsAccountId": .string(account),
            "Types": ["Software and Configuration Checks/AWS Security Best Practices"],
            "CreatedAt": .string(time),
            "UpdatedAt": .string(time),
            "Severity": ["Label": .string(label(finding.severity))],
            "Title": .string(clipped("\(finding.rule): \(summary)", 256)),
            "Description": .string(clipped(finding.message, 1024)),
            "Resources": [.object(resource(arn: arn, place: place, partition: partition, region: region))],
            "ProductFields": ["xrayctl/Rule": .string(finding.rule), "xrayctl/Location": .string(clipped(place, 1024))],
            "RecordState": "ACTIVE",
        ]
        if let fix = finding.fix { fields["Remediation"] = ["Recommendation": ["Text": .string(clipped(fix, 512))]] }
        return .object(fields)
    }

    private static func label(_ severity: Severity) -> String {
        switch severity {
        case .error: return "HIGH"
        case .warning: return "MEDIUM"
        case .info: return "INFORMATIONAL"
        }
    }

    /// The account and region a finding is about: from its ARN (IAM's have no region: `home`), or from
    /// `AWS::::Account:ID` and the region its part starts with.
    package static func owner(arn: String, place: String, home: String) -> (account: String, region: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if arn.hasPrefix("arn:"), parts.count > 4 {
            return (parts[4], parts[3].isEmpty ? home : parts[3])
        }
        let account = parts.last ?? ""
        let rest = place.hasPrefix(arn) ? place.dropFirst(arn.count).split(separator: " ").first.map(String.init) : nil
        return (account, rest.flatMap { Region.isWellFormed($0) ? $0 : nil } ?? home)
    }

    /// The resource as Security Hub types it.
    private static func resource(arn: String, place: String, partition: String, region: String) -> [String: JSONValue] {
        let type: String
        switch true {
        case arn.contains(":task-definition/"): type = "AwsEcsTaskDefinition"
        case arn.hasPrefix("arn:") && arn.contains(":ecs:") && arn.contains(":service/"): type = "AwsEcsService"
        case arn.contains(":ecs:") && arn.contains(":cluster/"): type = "AwsEcsCluster"
        case arn.contains(":lambda:") && arn.contains(":function:"): type = "AwsLambdaFunction"
        case arn.contains(":iam::") && arn.contains(":role/"): type = "AwsIamRole"
        case arn.contains(":iam::") && arn.contains(":policy/"): type = "AwsIamPolicy"
        case arn.contains(":apigateway:") && arn.contains("/stages/"): type = "AwsApiGatewayStage"
        case arn.contains(":apigateway:") && arn.contains("::/apis/"): type = "AwsApiGatewayV2Api"
        case arn.hasPrefix("AWS::::Account:"): type = "AwsAccount"
        default: type = "Other"
        }
        var fields: [String: JSONValue] = ["Type": .string(type), "Id": .string(arn), "Partition": .string(partition), "Region": .string(region)]
        if place != arn { fields["Details"] = ["Other": ["xrayctl/Part": .string(clipped(String(place.dropFirst(arn.count)).trimmingCharacters(in: .whitespaces), 1024))]] }
        return fields
    }

    private static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
