import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct SegmentTooLarge: LintRule {
    /// The example's 66,000-byte value, made from bytes in one step: `String(repeating: "x", count:)`
    /// appends 66,000 times, and every lint run builds every rule's description (4% of linting 40
    /// templates).
    package static let blob = String(decoding: [UInt8](repeating: UInt8(ascii: "x"), count: 66_000), as: UTF8.self)

    package static let description = RuleDescription(
        id: "XR705", name: "segment-too-large", severity: .error,
        summary: "A segment document larger than 64 KB.",
        rationale: "A segment document may be at most 64 kB, and a UDP datagram carries about 65,507 bytes; the SDK fails with 'Message too long' and the segment is lost.",
        sources: [.sendingData, .segmentDocuments, .issue("aws/aws-xray-sdk-python", 351), .issue("aws/aws-xray-sdk-go", 467)],
        examples: [
            RuleExample("segment.json", "↓{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0, \"metadata\": {\"default\": {\"blob\": \"" + Self.blob + "\"}}}\n"),
            RuleExample("segment.json", "{\"name\": \"api\", \"id\": \"70de5b6f19ff9a0a\", \"trace_id\": \"1-581cf771-a006649127e371903a2de979\", \"start_time\": 1.0, \"end_time\": 2.0}\n"),
        ])

    package static let limit = 64 * 1024

    package func check(_ run: LintRun) -> [Finding] {
        run.segmentDocuments.compactMap { document, _ in
            let size = document.text.utf8.count
            guard size > Self.limit, let root = document.root else { return nil }
            return finding(root, "the document is \(size) bytes; X-Ray accepts at most \(Self.limit) and UDP cannot carry more",
                           fix: "Trim metadata, or send subsegments separately")
        }
    }
}
