import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by doctor's live checks (a daemon probe, AWS API calls); it is tested
// against real listeners and an AWS emulator (DoctorTests, DoctorAWSTests), not by examples.

package struct TransactionSearchOff: Rule {
    package static let description = RuleDescription(
        id: "XR808", name: "transaction-search-off", severity: .error,
        summary: "With --aws: the project sends traces to X-Ray's OTLP endpoint, but Transaction Search is off or still pending, or no CloudWatch Logs resource policy lets X-Ray write spans.",
        rationale: "X-Ray's OTLP endpoint accepts spans only while the account's trace segment destination is CloudWatch Logs and active; otherwise it drops them without an error, the most reported failure of the move to OTLP. X-Ray stores spans in the aws/spans log group under a resource policy that names it. Doctor reads all three with the caller's credentials. `xrayctl generate transaction-search --region REGION` writes what turns it on (the resource policy, the API inputs, a template, Terraform and the steps), for a project with a model or without one.",
        sources: [.transactionSearch, .xrayOTLPEndpoint, .issue("aws-samples/sample-badgers", 36)],
        examples: [], layer: .live)
}
