import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// `doctor --aws --verify`: sends one trace along the path the project uses and looks for it again
/// with X-Ray's read APIs, reporting how far it got (sent → accepted → stored → indexed) and, when
/// it is not found, the most likely causes from what doctor already checked.
package enum TraceVerification {
    package enum Path: String, Sendable { case xraySDK = "X-Ray SDK", otlp = "OTLP" }

    package struct Options: Sendable {
        package var path: Path
        /// Straight to X-Ray (PutTraceSegments, or X-Ray's signed OTLP endpoint) instead of the local agent.
        package var direct: Bool
        /// The agent's UDP address (SDK path).
        package var daemonHost: String
        package var daemonPort: Int
        /// The collector's OTLP/HTTP traces URL (OTLP path).
        package var collectorURL: URL?
        /// How long to keep looking, in seconds.
        package var wait: Double
        /// The first pause between looks; each next one doubles, up to `maxDelay`.
        package var firstDelay: Double = 1
        package var maxDelay: Double = 8
        package var timeout: Double
    }

    package enum StepState: String, Sendable { case done, failed, unknown = "not confirmed", notReached = "not reached" }

    package struct Step: Sendable {
        package var name: String
        package var state: StepState
        package var detail: String
    }

    package struct Result: Sendable {
        package var trace: VerifyTrace
        package var path: Path
        package var steps: [Step]
        package var looks: Int
        package var stored: Bool
        package var indexed: Bool
        /// With Transaction Search on: whether the span was found in the aws/spans log group.
        package var inSpans = false
        /// The most likely reasons first, each with its evidence.
        package var causes: [String]
        package var found: Bool { stored || indexed || inSpans }
    }

    package static func run(_ client: AWSClient, options: Options, earlier: [Finding], now: Date = Date()) async -> Result {
        let trace = VerifyTrace(at: now)
        var steps: [Step] = []
        let (sent, accepted) = await send(trace, client: client, options: options)
        steps += [sent, accepted]
        var stored = false, indexed = false, inSpans = false, looks = 0
        var problems: [String] = []
        // With Transaction Search on, X-Ray keeps every span in the aws/spans log group too (docs/xray-facts.md §10).
        var searchesSpans = false
        if sent.state != .failed && accepted.state != .failed, let answer = try? await client.xray("/GetTraceSegmentDestination", body: "{}") {
            searchesSpans = answer["Destination"]?.text == "CloudWatchLogs"
        }
        if sent.state != .failed && accepted.state != .failed {
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: .milliseconds(Int(options.wait * 1000)))
            var delay = options.firstDelay
            while true {
                looks += 1
                if !stored {
                    do { stored = try await batchGetTraces(client, trace) } catch { problems.append("xray:BatchGetTraces failed: \(error)") }
                }
                if !indexed {
                    do { indexed = try await traceSummaries(client, trace, end: Date()) } catch { problems.append("xray:GetTraceSummaries failed: \(error)") }
                }
                if searchesSpans && !inSpans {
                    do { inSpans = try await spansContain(client, trace) } catch { problems.append("logs:FilterLogEvents on aws/spans failed: \(error)") }
                }
                // Read access refused, or no X-Ray there: looking again will not help.
                if stored && indexed && (inSpans || !searchesSpans) || problems.count >= 2 && !stored && !indexed && looks == 1 { break }
                let remaining = deadline - clock.now
                guard remaining > .zero else { break }
                try? await Task.sleep(for: min(.milliseconds(Int(delay * 1000)), remaining))
                delay = min(delay * 2, options.maxDelay)
            }
        }
        let reached = sent.state != .failed && accepted.state != .failed
        steps.append(Step(name: "stored", state: stored ? .done : reached ? .failed : .notReached,
                          detail: stored ? "xray:BatchGetTraces returned trace \(trace.traceID)" : reached ? "xray:BatchGetTraces did not return \(trace.traceID) in \(looks) look(s) over \(options.wait) s" : ""))
        steps.append(Step(name: "indexed", state: indexed ? .done : reached ? .failed : .notReached,
                          detail: indexed ? "xray:GetTraceSummaries found it with \(trace.filterExpression)" : reached ? "xray:GetTraceSummaries with \(trace.filterExpression) did not find it" : ""))
        if searchesSpans {
            steps.append(Step(name: "in aws/spans", state: inSpans ? .done : .failed,
                              detail: inSpans ? "logs:FilterLogEvents found the nonce in aws/spans" : "logs:FilterLogEvents did not find the nonce in aws/spans"))
        }
        var result = Result(trace: trace, path: options.path, steps: steps, looks: looks, stored: stored, indexed: indexed, inSpans: inSpans, causes: [])
        result.causes = problems.uniqued() + (result.found && indexed ? [] : causes(result, options: options, region: client.region, earlier: earlier))
        return result
    }

    // MARK: sending

    private static func send(_ trace: VerifyTrace, client: AWSClient, options: Options) async -> (sent: Step, accepted: Step) {
        switch (options.path, options.direct) {
        case (.xraySDK, true):
            let body = CanonicalJSON.compact(JSONValue.object(["TraceSegmentDocuments": .array([.string(trace.segment)])]))
            do {
                let answer = try await client.xray("/TraceSegments", body: body)
                let sent = Step(name: "sent", state: .done, detail: "xray:PutTraceSegments in \(client.region)")
                if let rejected = answer?["UnprocessedTraceSegments"]?.items?.first {
                    return (sent, Step(name: "accepted", state: .failed, detail: "X-Ray rejected the segment: \(rejected["ErrorCode"]?.text ?? "?") \(rejected["Message"]?.text ?? "")"))
                }
                return (sent, Step(name: "accepted", state: .done, detail: "no UnprocessedTraceSegments"))
            } catch {
                return (Step(name: "sent", state: .failed, detail: "xray:PutTraceSegments failed: \(error)"), Step(name: "accepted", state: .notReached, detail: ""))
            }
        case (.xraySDK, false):
            let datagram = TestSegment.datagram(trace.segment)
            let (host, port) = (options.daemonHost, options.daemonPort)
            // The exchange blocks for its wait: on a thread of its own, as HTTP's are, not on a queue
            // whose threads a busy process may have used up.
            let wait = min(options.timeout, 0.3)
            let outcome = await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(returning: DaemonProbe.sendUDP(datagram, host: host, port: port, wait: wait))
                }
            }
            switch outcome {
            case .sent(let bytes):
                return (Step(name: "sent", state: .done, detail: "\(bytes) bytes over UDP to \(host):\(port)"),
                        Step(name: "accepted", state: .unknown, detail: "UDP has no acknowledgement; no port-unreachable came back"))
            case .refused:
                return (Step(name: "sent", state: .done, detail: "UDP to \(host):\(port)"),
                        Step(name: "accepted", state: .failed, detail: "port unreachable: nothing listens on UDP \(host):\(port)"))
            case .failed(let reason):
                return (Step(name: "sent", state: .failed, detail: "UDP to \(host):\(port): \(reason)"), Step(name: "accepted", state: .notReached, detail: ""))
            }
        case (.otlp, true):
            do {
                let response = try await client.send(service: "xray", path: "/v1/traces", contentType: "application/json", body: Data(trace.otlpJSON.utf8))
                return otlpSteps(response.status, response.body, to: "X-Ray's OTLP endpoint in \(client.region) (signed)")
            } catch {
                return (Step(name: "sent", state: .failed, detail: "POST /v1/traces to X-Ray failed: \(error)"), Step(name: "accepted", state: .notReached, detail: ""))
            }
        case (.otlp, false):
            guard let url = options.collectorURL else {
                return (Step(name: "sent", state: .failed, detail: "no collector address"), Step(name: "accepted", state: .notReached, detail: ""))
            }
            let request = HTTPRequest(url: url, method: "POST", headers: ["Content-Type": "application/json"],
                                      body: Data(trace.otlpJSON.utf8), timeout: options.timeout)
            switch await HTTP.send(request) {
            case .response(let status, let body, _): return otlpSteps(status, body, to: url.absoluteString)
            case .timedOut:
                return (Step(name: "sent", state: .failed, detail: "\(url.absoluteString) did not answer within \(options.timeout) s"), Step(name: "accepted", state: .notReached, detail: ""))
            case .failed(_, let reason):
                return (Step(name: "sent", state: .failed, detail: "\(url.absoluteString): \(reason)"), Step(name: "accepted", state: .notReached, detail: ""))
            }
        }
    }

    /// An OTLP/HTTP answer: 2xx accepts, unless its partialSuccess says the span was rejected.
    private static func otlpSteps(_ status: Int, _ body: Data, to target: String) -> (sent: Step, accepted: Step) {
        let sent = Step(name: "sent", state: .done, detail: "one span over OTLP/HTTP (JSON) to \(target)")
        guard (200..<300).contains(status) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            return (sent, Step(name: "accepted", state: .failed, detail: "HTTP \(status)\(text.isEmpty ? "" : ": \(text)")"))
        }
        let answer = JSONAnswer.object(body, file: "otlp")
        if let rejected = answer?["partialSuccess"]?["rejectedSpans"]?.text, let count = Int(rejected), count > 0 {
            return (sent, Step(name: "accepted", state: .failed, detail: "the receiver rejected the span: \(answer?["partialSuccess"]?["errorMessage"]?.text ?? "")"))
        }
        return (sent, Step(name: "accepted", state: .done, detail: "HTTP \(status)"))
    }

    // MARK: looking

    private static func batchGetTraces(_ client: AWSClient, _ trace: VerifyTrace) async throws(AWSClient.Failure) -> Bool {
        let body = CanonicalJSON.compact(JSONValue.object(["TraceIds": .array([.string(trace.traceID)])]))
        let answer = try await client.xray("/Traces", body: body)
        return answer?["Traces"]?.items?.contains { $0["Id"]?.text == trace.traceID } ?? false
    }

    private static func traceSummaries(_ client: AWSClient, _ trace: VerifyTrace, end: Date) async throws(AWSClient.Failure) -> Bool {
        let body = CanonicalJSON.compact(JSONValue.object([
            "StartTime": .int(Int(trace.start.timeIntervalSince1970) - 60),
            "EndTime": .int(Int(max(end, trace.start).timeIntervalSince1970) + 60),
            "FilterExpression": .string(trace.filterExpression),
        ]))
        let answer = try await client.xray("/TraceSummaries", body: body)
        return answer?["TraceSummaries"]?.items?.contains { $0["Id"]?.text == trace.traceID } ?? false
    }

    /// Transaction Search's copy: the span's text in aws/spans holds the nonce.
    private static func spansContain(_ client: AWSClient, _ trace: VerifyTrace) async throws(AWSClient.Failure) -> Bool {
        let body = CanonicalJSON.compact(JSONValue.object([
            "logGroupName": "aws/spans",
            "filterPattern": .string("\"\(trace.nonce)\""),
            "startTime": .int(Int(trace.start.timeIntervalSince1970 * 1000) - 60_000),
            "limit": 5,
        ]))
        let answer = try await client.json("logs", target: "Logs_20140328.FilterLogEvents", body: body)
        return answer?["events"]?.items?.contains { $0["message"]?.text?.contains(trace.nonce) == true } ?? false
    }

    // MARK: why not

    /// The likely causes, most likely first, each with the evidence doctor has for it.
    package static func causes(_ result: Result, options: Options, region: String, earlier: [Finding]) -> [String] {
        var causes: [String] = []
        func evidence(_ rules: Set<String>) -> [Finding] { earlier.filter { rules.contains($0.rule) } }
        if let failed = result.steps.first(where: { $0.state == .failed && ["sent", "accepted"].contains($0.name) }) {
            causes.append("the trace was not \(failed.name): \(failed.detail)")
        }
        if result.stored && !result.indexed {
            causes.append("X-Ray stored the trace but has not indexed its annotation yet: indexing can take longer than the \(options.wait) s looked; with Transaction Search on, only the share of spans its indexing rule samples becomes searchable (evidence: the indexing rules noted above)")
        }
        for finding in evidence(["XR803"]) where !options.direct && options.path == .xraySDK {
            causes.append("the agent is not listening (evidence: \(finding.message))")
        }
        for finding in evidence(["XR806", "XR201", "XR208"]) {
            causes.append("the credentials that upload cannot write to X-Ray (evidence: [\(finding.rule)] \(finding.message))")
        }
        if options.path == .otlp {
            for finding in evidence(["XR808"]) { causes.append("Transaction Search is not active, so X-Ray drops OTLP spans (evidence: [\(finding.rule)] \(finding.message))") }
            if !options.direct {
                causes.append("the collector received the span but did not export it: a sampler in its traces pipeline (probabilistic_sampler, tail_sampling) or an exporter error; its log says which (evidence: the collector answered, step 'accepted')")
            }
        }
        if !options.direct && !result.stored {
            causes.append("the agent uploads to another region than doctor looked in (evidence: doctor's region is \(region); the daemon takes -n/Region or its instance's region, a collector's exporter its region or AWS_REGION)")
            if options.path == .xraySDK {
                causes.append("the agent received the segment but could not upload it: its role lacks xray:PutTraceSegments, or it cannot reach xray.\(region).amazonaws.com; the daemon's log shows each failed batch (evidence: 'accepted' is not confirmed over UDP)")
            }
        }
        return causes.uniqued()
    }
}

extension Array where Element == String {
    fileprivate func uniqued() -> [String] {
        var seen: Set<String> = []
        return filter { seen.insert($0).inserted }
    }
}

extension TraceVerification {
    /// The journey, one line a step, then the causes when the trace was not found.
    package static func notes(_ result: Result) -> [String] {
        var notes = ["trace \(result.trace.traceID), marked \(VerifyTrace.annotationKey)=\(result.trace.nonce)"]
        for (index, step) in result.steps.enumerated() {
            notes.append("\(index + 1). \(step.name): \(step.state.rawValue)\(step.detail.isEmpty ? "" : " — \(step.detail)")")
        }
        return notes
    }

    package static func findings(_ result: Result) -> [Finding] {
        let file = "aws:xray:BatchGetTraces"
        let reasons = result.causes.isEmpty ? "" : "; likely causes, most likely first: " + result.causes.enumerated().map { "(\($0.offset + 1)) \($0.element)" }.joined(separator: " ")
        if !result.found {
            return [TraceNotFound.finding(at: .origin(file), "the \(result.path.rawValue) test trace \(result.trace.traceID) was not found after \(result.looks) look(s)\(reasons)",
                                          fix: "Fix the first cause that holds, then run doctor --aws --verify again")]
        }
        if !result.indexed {
            return [TraceNotFound.finding(at: .origin("aws:xray:GetTraceSummaries"), "the test trace \(result.trace.traceID) is stored, but GetTraceSummaries did not find it by its annotation\(reasons)",
                                          fix: "Wait longer (--wait), or check the indexing rule's percentage (Transaction Search)", severity: .warning)]
        }
        return []
    }
}

extension TraceVerification {
    package static func json(_ result: Result) -> JSONValue {
        .object([
            "path": .string(result.path.rawValue),
            "traceId": .string(result.trace.traceID),
            "nonce": .string(result.trace.nonce),
            "found": .bool(result.found),
            "indexed": .bool(result.indexed),
            "inSpans": .bool(result.inSpans),
            "looks": .int(result.looks),
            "steps": .array(result.steps.map { .object(["name": .string($0.name), "state": .string($0.state.rawValue), "detail": .string($0.detail)]) }),
            "causes": .array(result.causes.map(JSONValue.string)),
        ])
    }
}
