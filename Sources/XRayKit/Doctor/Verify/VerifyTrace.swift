import Foundation
import XRayCore

/// The trace `doctor --verify` sends: a fresh trace ID and a nonce that marks it, as an X-Ray
/// segment (SDK path) or an OTLP span (collector path), and the filter that finds it again.
package struct VerifyTrace: Sendable {
    package var nonce: String
    /// X-Ray's form, `1-EPOCH8-RANDOM24` (docs/xray-facts.md §7); the OTLP trace ID is the same 32 digits.
    package var traceID: String
    package var start: Date

    package init(at date: Date, nonce: String = TestSegment.hex(16)) {
        self.nonce = nonce
        self.start = date
        traceID = TestSegment.traceID(at: date)
    }

    package static let annotationKey = "xrayctl_verify"
    /// On a span; X-Ray keeps annotation keys to letters, digits and underscores, so the dot becomes `_`.
    package static let spanAttribute = "xrayctl.verify"

    /// `annotation.xrayctl_verify = "NONCE"`, built and then checked by the filter-expression parser.
    package var filterExpression: String {
        let text = "annotation.\(Self.annotationKey) = \"\(nonce)\""
        // The nonce is hex, so this always parses; FilterExpressionTests checks it with the parser.
        assert((try? FilterExpression.parse(text)) != nil, "doctor's own filter expression must parse: \(text)")
        return text
    }

    /// The 32 hex digits OTLP carries.
    package var otlpTraceID: String { traceID.split(separator: "-").dropFirst().joined() }

    package var segment: String {
        let startTime = start.timeIntervalSince1970
        let segment: JSONValue = [
            "name": "xrayctl-verify",
            "id": .string(TestSegment.hex(16)),
            "trace_id": .string(traceID),
            "start_time": .double(startTime),
            "end_time": .double(startTime + 0.001),
            "annotations": .object([Self.annotationKey: .string(nonce)]),
        ]
        return CanonicalJSON.compact(segment)
    }

    /// One span in OTLP/JSON (ExportTraceServiceRequest). `aws.xray.annotations` names the attribute
    /// X-Ray should index as an annotation, the convention of the awsxray exporter.
    package var otlpJSON: String {
        let nanos = UInt64(start.timeIntervalSince1970 * 1_000_000_000)
        func attribute(_ key: String, _ value: JSONValue) -> JSONValue { ["key": .string(key), "value": value] }
        let span: JSONValue = [
            "traceId": .string(otlpTraceID),
            "spanId": .string(TestSegment.hex(16)),
            "name": "xrayctl-verify",
            "kind": 2,
            "startTimeUnixNano": .string(String(nanos)),
            "endTimeUnixNano": .string(String(nanos + 1_000_000)),
            "attributes": .array([
                attribute(Self.spanAttribute, ["stringValue": .string(nonce)]),
                attribute("aws.xray.annotations", ["arrayValue": ["values": .array([["stringValue": .string(Self.spanAttribute)]])]]),
            ]),
        ]
        let request: JSONValue = ["resourceSpans": .array([[
            "resource": ["attributes": .array([attribute("service.name", ["stringValue": "xrayctl-verify"])])],
            "scopeSpans": .array([["scope": ["name": "xrayctl"], "spans": .array([span])]]),
        ]])]
        return CanonicalJSON.compact(request)
    }
}
