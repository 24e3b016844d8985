import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by doctor's live checks (a daemon probe, AWS API calls); it is tested
// against real listeners and an AWS emulator (DoctorTests, DoctorAWSTests), not by examples.

package struct NoCredentialsOrRegion: Rule {
    package static let description = RuleDescription(
        id: "XR807", name: "no-credentials-or-region", severity: .error,
        summary: "With --aws: no credentials or no region could be resolved (environment, shared config and credentials files, ECS container credentials, EC2 instance metadata).",
        rationale: "Without both nothing can be signed or sent; the daemon itself exits without a region.",
        sources: [.pythonSDKConfiguration, .pythonSDKDaemonConfig, .daemonIssue(203), .daemonIssue(80)],
        examples: [], layer: .live)
}
