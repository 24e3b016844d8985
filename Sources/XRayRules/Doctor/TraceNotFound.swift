import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by doctor's live checks; tested against a stub of X-Ray's read APIs (DoctorVerifyTests), not by examples.

package struct TraceNotFound: Rule {
    package static let description = RuleDescription(
        id: "XR809", name: "trace-not-found", severity: .error, also: [.warning],
        summary: "With --aws --verify: the trace doctor sent along the project's path (the agent's UDP port, the collector's OTLP port, or X-Ray itself with --direct) was not found again with BatchGetTraces (error), or was stored but not found by its annotation with GetTraceSummaries (warning).",
        rationale: "Permissions and settings can all check out while no trace ever arrives: an agent that drops it, a region mismatch, Transaction Search still pending, a sampler in the collector. Looking for a trace that was really sent is the only proof the path works; the finding lists the likely causes with doctor's evidence for each.",
        sources: [.gettingData, .filterExpressions, .sendingData],
        examples: [], layer: .live)
}
