import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by doctor's live checks (a daemon probe, AWS API calls); it is tested
// against real listeners and an AWS emulator (DoctorTests, DoctorAWSTests), not by examples.

package struct NothingListens: Rule {
    package static let description = RuleDescription(
        id: "XR803", name: "nothing-listens", severity: .error,
        summary: "Nothing listens at the daemon address: the TCP proxy refuses the connection and a connected UDP socket gets port-unreachable (on loopback and local networks).",
        rationale: "The SDKs send segments over UDP, where a missing daemon is silent; doctor sends a real test segment on a connected socket, which surfaces the ICMP port-unreachable, and tries the TCP sampling proxy.",
        sources: [.daemonGuide, .daemonReadme, .daemonIssue(43), .daemonOnECS],
        examples: [], layer: .live)
}
