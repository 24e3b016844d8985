// XR803–XR807 are found by doctor's live checks (a daemon probe, AWS API calls); they are tested
// against real listeners and an AWS emulator (DoctorProbeTests, DoctorAWSTests), not by examples.

struct NothingListens: Rule {
    static let description = RuleDescription(
        id: "XR803", name: "nothing-listens", severity: .error,
        summary: "Nothing listens at the daemon address: the TCP proxy refuses the connection and a connected UDP socket gets port-unreachable (on loopback and local networks).",
        rationale: "The SDKs send segments over UDP, where a missing daemon is silent; doctor sends a real test segment on a connected socket, which surfaces the ICMP port-unreachable, and tries the TCP sampling proxy.",
        sources: [.daemonGuide, .daemonReadme, .daemonIssue(43), .daemonOnECS],
        examples: [], layer: .live)
}

struct SamplingProxyUnreachable: Rule {
    static let description = RuleDescription(
        id: "XR804", name: "sampling-proxy-unreachable", severity: .warning,
        summary: "UDP reaches the daemon but its TCP sampling proxy does not answer.",
        rationale: "The SDKs fetch sampling rules with POST /GetSamplingRules on the daemon's TCP port; without it they log 'Connection refused' and fall back to local rules.",
        sources: [.daemonGuide, .daemonReadme, .daemonIssue(135), .daemonOnECS],
        examples: [], layer: .live)
}

struct CannotPutTraceSegments: Rule {
    static let description = RuleDescription(
        id: "XR806", name: "cannot-put-trace-segments", severity: .error,
        summary: "With --aws: the caller cannot PutTraceSegments (the test segment is rejected), with the AWS error.",
        rationale: "Doctor sends a real test segment with the credentials the AWS CLI would use; a rejection is what the daemon or SDK would meet.",
        sources: [.issue("aws-samples/aws-microservices-deploy-options", 136), .daemonWriteAccessPolicy, .daemonIssue(59), .daemonIssue(38)],
        examples: [], layer: .live)
}

struct NoCredentialsOrRegion: Rule {
    static let description = RuleDescription(
        id: "XR807", name: "no-credentials-or-region", severity: .error,
        summary: "With --aws: no credentials or no region could be resolved (environment, shared config and credentials files, ECS container credentials, EC2 instance metadata).",
        rationale: "Without both nothing can be signed or sent; the daemon itself exits without a region.",
        sources: [.pythonSDKConfiguration, .pythonSDKDaemonConfig, .daemonIssue(203), .daemonIssue(80)],
        examples: [], layer: .live)
}

struct TransactionSearchOff: Rule {
    static let description = RuleDescription(
        id: "XR808", name: "transaction-search-off", severity: .error,
        summary: "With --aws: the project sends traces to X-Ray's OTLP endpoint, but Transaction Search is off or still pending, or no CloudWatch Logs resource policy lets X-Ray write spans.",
        rationale: "X-Ray's OTLP endpoint accepts spans only while the account's trace segment destination is CloudWatch Logs and active; otherwise it drops them without an error, the most reported failure of the move to OTLP. X-Ray stores spans in the aws/spans log group under a resource policy that names it. Doctor reads all three with the caller's credentials. `xrayctl generate transaction-search --region REGION` writes what turns it on (the resource policy, the API inputs, a template, Terraform and the steps), for a project with a model or without one.",
        sources: [.transactionSearch, .xrayOTLPEndpoint, .issue("aws-samples/sample-badgers", 36)],
        examples: [], layer: .live)
}
