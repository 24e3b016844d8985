import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by doctor's live checks; tested against a stub of X-Ray's read APIs (DoctorVerifyTests), not by examples.

package struct SilentService: Rule {
    package static let description = RuleDescription(
        id: "XR810", name: "silent-service", severity: .warning,
        summary: "With --aws --seen: a service of `xray.yaml` has no node in the service graph X-Ray drew for the window (`--since`, default 60 minutes).",
        rationale: "A service that sends nothing fails silently: its SDK is not wired in, its agent drops what it gets, or none of its requests were sampled. GetServiceGraph shows every service that sent a trace in the window, so a model service missing from it has sent none.",
        sources: [.gettingData],
        examples: [], layer: .live)
}
