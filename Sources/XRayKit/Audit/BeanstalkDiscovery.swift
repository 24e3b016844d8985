import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// Elastic Beanstalk environments of one account+region and their option settings
/// (`DescribeEnvironments`, then `DescribeConfigurationSettings` per environment), each written as
/// the `.ebextensions` `option_settings` list it amounts to — what the Beanstalk rules read from
/// source bundles and Terraform plans — addressed by the environment's ARN.
package enum BeanstalkDiscovery {
    private static let version = "2010-12-01"
    /// Elements that are lists even when they come empty.
    private static let lists: Set<String> = ["Environments", "ConfigurationSettings", "OptionSettings"]

    package static func run(_ client: AuditClient, scope: AuditScope) async throws(AWSClient.Failure) -> [AuditDocument] {
        var environments: [[String: Any]] = []
        var token: String?
        var pages = 0
        repeat {
            var parameters = [("IncludeDeleted", "false")]
            if let token { parameters.append(("NextToken", token)) }
            let answer = try await client.query("elasticbeanstalk", action: "DescribeEnvironments", version: version, parameters)
            guard let result = answer.find("DescribeEnvironmentsResult") else {
                throw AWSClient.Failure(code: "UnreadableAnswer", message: "the answer to elasticbeanstalk:DescribeEnvironments has no result")
            }
            let value = result.value(lists: lists) as? [String: Any] ?? [:]
            environments += value["Environments"] as? [[String: Any]] ?? []
            token = (value["NextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            pages += 1
        } while token != nil && pages < 1000
        var documents: [AuditDocument] = []
        for environment in environments.sorted(by: { ($0["EnvironmentArn"] as? String ?? "") < ($1["EnvironmentArn"] as? String ?? "") }) {
            guard let name = environment["EnvironmentName"] as? String, let application = environment["ApplicationName"] as? String,
                  let arn = environment["EnvironmentArn"] as? String, AWSNames.isPathSegment(name),
                  !["Terminating", "Terminated"].contains(environment["Status"] as? String ?? "") else { continue }
            let answer = try await client.query("elasticbeanstalk", action: "DescribeConfigurationSettings", version: version,
                                                [("ApplicationName", application), ("EnvironmentName", name)])
            let settings = (answer.find("DescribeConfigurationSettingsResult")?.value(lists: lists) as? [String: Any])?["ConfigurationSettings"] as? [[String: Any]] ?? []
            let options: [[String: Any]] = settings.flatMap { $0["OptionSettings"] as? [[String: Any]] ?? [] }.compactMap { option in
                guard let namespace = option["Namespace"] as? String, let optionName = option["OptionName"] as? String else { return nil }
                // An option without a value is one the environment leaves unset.
                guard let value = option["Value"] as? String, !value.isEmpty else { return nil }
                return ["namespace": namespace, "option_name": optionName, "value": value]
            }
            guard !options.isEmpty else { continue }
            // Lint knows `.ebextensions` files by their folder (SourceDocument.Kind).
            if let document = AuditDocument.make(path: scope.path("elasticbeanstalk/\(name)/.ebextensions/options.config"),
                                                 object: ["option_settings": options], whole: AuditAddress(arn)) {
                documents.append(document)
            }
        }
        return documents
    }
}
