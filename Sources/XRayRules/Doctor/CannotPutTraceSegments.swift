import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by doctor's live checks (a daemon probe, AWS API calls); it is tested
// against real listeners and an AWS emulator (DoctorTests, DoctorAWSTests), not by examples.

package struct CannotPutTraceSegments: Rule {
    package static let description = RuleDescription(
        id: "XR806", name: "cannot-put-trace-segments", severity: .error,
        summary: "With --aws: the caller cannot PutTraceSegments (the test segment is rejected), with the AWS error.",
        rationale: "Doctor sends a real test segment with the credentials the AWS CLI would use; a rejection is what the daemon or SDK would meet.",
        sources: [.issue("aws-samples/aws-microservices-deploy-options", 136), .daemonWriteAccessPolicy, .daemonIssue(59), .daemonIssue(38)],
        examples: [], layer: .live)
}
