import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by doctor's live checks (a daemon probe, AWS API calls); it is tested
// against real listeners and an AWS emulator (DoctorTests, DoctorAWSTests), not by examples.

package struct SamplingProxyUnreachable: Rule {
    package static let description = RuleDescription(
        id: "XR804", name: "sampling-proxy-unreachable", severity: .warning,
        summary: "UDP reaches the daemon but its TCP sampling proxy does not answer.",
        rationale: "The SDKs fetch sampling rules with POST /GetSamplingRules on the daemon's TCP port; without it they log 'Connection refused' and fall back to local rules.",
        sources: [.daemonGuide, .daemonReadme, .daemonIssue(135), .daemonOnECS],
        examples: [], layer: .live)
}
