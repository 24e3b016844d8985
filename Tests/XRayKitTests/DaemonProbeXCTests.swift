import Foundation
import XCTest
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// The probe against a fake daemon on loopback: what it sends, and that a silent proxy cannot
/// hold it past its deadline.
final class DaemonProbeXCTests: XCTestCase {
    func testSendsAWellFormedSegmentAndCallsTheProxy() async throws {
        let listener = try LoopbackListener(tcp: .answer)
        defer { listener.stop() }
        let result = await DaemonProbe.run(flag: "127.0.0.1:\(listener.port)", environment: [:], timeout: 5)
        XCTAssertEqual(result.findings.map(\.rule), [], "\(result.findings.map(\.message))")
        for _ in 0..<100 where listener.datagrams.isEmpty { try await Task.sleep(nanoseconds: 20_000_000) }
        let datagram = try XCTUnwrap(listener.datagrams.first)
        let parts = String(decoding: datagram, as: UTF8.self).split(separator: "\n", maxSplits: 1).map(String.init)
        XCTAssertEqual(parts.count, 2, "a header line, then the document")
        let header = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(parts[0].utf8)) as? [String: Any])
        XCTAssertEqual(header["format"] as? String, "json")
        XCTAssertEqual(header["version"] as? Int, 1)
        // The segment passes the linter's own segment rules.
        let document = DocumentLoader.load(path: "segment.json", data: datagram)
        XCTAssertEqual(document.kind, .segments)
        XCTAssertEqual(Linter.lint([document]).map(\.rule), [])
        let segment = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [String: Any])
        let traceID = try XCTUnwrap(segment["trace_id"] as? String)
        XCTAssertTrue(SegmentFormat.isTraceID(traceID))
        let epoch = Int(traceID.split(separator: "-")[1], radix: 16) ?? 0
        XCTAssertLessThan(abs(Double(epoch) - Date().timeIntervalSince1970), 60, "a fresh trace ID")
        XCTAssertTrue(listener.requests.first?.hasPrefix("POST /GetSamplingRules HTTP/1.1") == true)
    }

    func testSeparateTCPAndUDPAddresses() async throws {
        let udp = try LoopbackListener(tcp: .none), tcp = try LoopbackListener(tcp: .answer)
        defer { udp.stop(); tcp.stop() }
        let result = await DaemonProbe.run(flag: "tcp:127.0.0.1:\(tcp.port) udp:127.0.0.1:\(udp.port)", environment: [:], timeout: 5)
        XCTAssertEqual(result.findings.map(\.rule), [])
        XCTAssertEqual(tcp.requests.count, 1)
    }

    /// A proxy that accepts but never answers cannot hold doctor past its timeout.
    func testSilentProxyTimesOut() async throws {
        let listener = try LoopbackListener(tcp: .silent)
        defer { listener.stop() }
        let result = await DaemonProbe.run(flag: "127.0.0.1:\(listener.port)", environment: [:], timeout: 1)
        XCTAssertEqual(result.findings.map(\.rule), ["XR804"])
        XCTAssertTrue(result.notes.contains { $0.contains("no answer within 1.0 s") })
    }

    /// An answer that never ends is cut at the deadline (a slow stream) or at the size cap (a
    /// fast one), never buffered for ever.
    func testStreamingAnswersAreCutAtTheDeadlineOrTheSizeCap() async throws {
        for (behaviour, expectTimeout) in [(LoopbackListener.TCPBehaviour.stream(chunk: 1, interval: 0.05), true),
                                           (.stream(chunk: 65_536, interval: 0), false)] {
            let listener = try LoopbackListener(tcp: behaviour)
            defer { listener.stop() }
            let request = HTTPRequest(url: URL(string: "http://127.0.0.1:\(listener.port)/GetSamplingRules")!, method: "POST", timeout: 1.5)
            let outcome = await HTTP.send(request)
            switch outcome {
            case .timedOut: XCTAssertTrue(expectTimeout)
            case .failed(let code, _): XCTAssertTrue(!expectTimeout && code == .dataLengthExceedsMaximum)
            case .response: XCTFail("a never-ending answer was taken as complete")
            }
        }
    }
}
