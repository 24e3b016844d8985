import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// A well-formed segment document for doctor to send: fresh trace ID, closed, marked as a test.
package enum TestSegment {
    package static func hex(_ count: Int) -> String {
        String((0..<count).map { _ in "0123456789abcdef".randomElement()! })
    }

    /// `1-` + the epoch seconds in 8 hex digits + `-` + 24 random hex digits (docs/xray-facts.md §7).
    package static func traceID(at date: Date) -> String {
        "1-" + String(format: "%08x", Int(date.timeIntervalSince1970)) + "-" + hex(24)
    }

    package static func document(name: String = "xrayctl-doctor", at date: Date = Date()) -> String {
        let start = date.timeIntervalSince1970
        let segment: JSONValue = [
            "name": .string(name),
            "id": .string(hex(16)),
            "trace_id": .string(traceID(at: date)),
            "start_time": .double(start),
            "end_time": .double(start + 0.001),
            "annotations": ["xrayctl_doctor": true],
        ]
        return CanonicalJSON.compact(segment)
    }

    /// What the daemon expects on UDP: the header line, a newline, the document (docs/xray-facts.md §1.2).
    package static let header = #"{"format":"json","version":1}"#

    package static func datagram(_ document: String) -> Data {
        Data((header + "\n" + document).utf8)
    }
}
