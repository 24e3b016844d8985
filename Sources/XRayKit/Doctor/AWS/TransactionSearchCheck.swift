import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// `doctor --aws`: where X-Ray sends spans (Transaction Search), how much it indexes, and whether
/// CloudWatch Logs lets X-Ray write them. Spans sent to the OTLP endpoint while Transaction Search
/// is off are dropped without an error (docs/xray-facts.md §10), so a project that sends OTLP gets errors here.
package enum TransactionSearchCheck {
    package static func run(_ client: AWSClient, sendsOTLP: Bool) async -> (findings: [Finding], notes: [String]) {
        var findings: [Finding] = [], notes: [String] = []
        // Works with or without a model of the project's services.
        let generate = "xrayctl generate transaction-search --region \(client.region) -o transaction-search"
        var destination: (name: String, status: String)?
        do {
            let answer = try await client.xray("/GetTraceSegmentDestination", body: "{}")
            destination = (answer?["Destination"]?.text ?? "?", answer?["Status"]?.text ?? "?")
            notes.append("trace segment destination: \(destination!.name) (\(destination!.status))")
        } catch {
            notes.append("xray:GetTraceSegmentDestination failed: \(error)")
        }
        if sendsOTLP, let destination, destination.name != "CloudWatchLogs" || destination.status != "ACTIVE" {
            let state = destination.name == "CloudWatchLogs" ? "is still \(destination.status)" : "is off (spans go to \(destination.name))"
            findings.append(AccountChecks.finding(TransactionSearchOff.self, .error, "aws:xray:GetTraceSegmentDestination",
                                                  "the project sends OTLP to X-Ray, but Transaction Search \(state): X-Ray drops those spans without an error",
                                                  fix: "Turn Transaction Search on: \(generate) writes the resource policy, the inputs and the steps (its README), which wait for ACTIVE"))
        }
        do {
            let rules = try await client.xray("/GetIndexingRules", body: "{}")?["IndexingRules"]?.items ?? []
            let described = rules.map { rule in
                "\(rule["Name"]?.text ?? "?") \(rule["Rule"]?["Probabilistic"]?["DesiredSamplingPercentage"]?.text.map { "\($0)%" } ?? "(not probabilistic)")"
            }
            notes.append("indexing rules: \(described.isEmpty ? "none" : described.joined(separator: ", "))")
        } catch {
            notes.append("xray:GetIndexingRules failed: \(error)")
        }
        guard sendsOTLP || destination?.name == "CloudWatchLogs" else { return (findings, notes) }
        do {
            let policies = try await client.json("logs", target: "Logs_20140328.DescribeResourcePolicies")?["resourcePolicies"]?.items ?? []
            let grantsXRay = policies.contains { policy in
                guard let document = policy["policyDocument"]?.text else { return false }
                return document.contains("xray.amazonaws.com") && document.contains("aws/spans")
            }
            notes.append("CloudWatch Logs resource policies: \(policies.count)\(grantsXRay ? ", one lets X-Ray write spans" : "")")
            if !grantsXRay {
                findings.append(AccountChecks.finding(TransactionSearchOff.self, .error, "aws:logs:DescribeResourcePolicies",
                                                      "no CloudWatch Logs resource policy lets xray.amazonaws.com write to aws/spans, so X-Ray cannot store spans",
                                                      fix: "Put the resource policy that \(generate) writes (logs-resource-policy.json) with aws logs put-resource-policy, as its README says"))
            }
        } catch {
            notes.append("logs:DescribeResourcePolicies failed: \(error)")
        }
        return (findings, notes)
    }
}
