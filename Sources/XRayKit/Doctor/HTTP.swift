import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// HTTP for doctor, bounded in time and size: the deadline covers the whole exchange (a server
/// that accepts and never answers, or answers and streams for ever, must not hold doctor past
/// --timeout), the body is counted as it arrives and refused past `maxBody` bytes, and a redirect
/// is never followed (doctor's AWS calls are signed: following one would hand the signed request,
/// and the session token in it, to whatever host the answer names).
package enum HTTP {
    package enum Outcome: Sendable {
        /// `location` is the Location header of a 3xx answer, which is returned, not followed.
        case response(status: Int, body: Data, location: String?)
        case timedOut
        case failed(URLError.Code?, String)
    }

    /// No answer doctor reads comes near this: sampling rules and IAM documents are kilobytes.
    package static let maxBody = 4 * 1024 * 1024

    /// How an exchange travels. http:// goes over doctor's own socket client (these addresses are
    /// local or link-local: the daemon, OTLP receivers, instance metadata, an emulator), which
    /// needs no library. https:// needs TLS and goes through libcurl, opened on first use (see
    /// CurlExchange), so that nothing but doctor and audit ever loads it.
    package enum Transport: Sendable {
        case socket, curl

        package static func `for`(_ url: URL) -> Transport? {
            switch url.scheme?.lowercased() {
            case "http": return .socket
            case "https": return .curl
            default: return nil
            }
        }
    }

    /// `transport` is for the tests, which run the libcurl path against plain loopback servers;
    /// `curl`, for the test of a missing libcurl (the system's otherwise).
    package static func send(_ request: HTTPRequest, maxBody: Int = maxBody, transport: Transport? = nil,
                             curl: Result<CurlLibrary, LibraryMissing>? = nil) async -> Outcome {
        guard let transport = transport ?? Transport.for(request.url) else {
            return .failed(.unsupportedURL, "\(request.url.absoluteString) is neither http:// nor https://")
        }
        let timeout = max(request.timeout, 0.01)
        let once = OneAnswer()
        return await withCheckedContinuation { continuation in
            once.arm(continuation)
            // A thread of its own for the deadline: a busy shared pool must not delay it.
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: timeout)
                once.finish(.timedOut)
            }
            // Blocking calls (name resolution among them) on a thread of their own; both exchanges
            // also watch the deadline, so the thread ends soon after it.
            let deadline = Date().addingTimeInterval(timeout)
            Thread.detachNewThread {
                switch transport {
                case .socket:
                    once.finish(SocketHTTP.exchange(request, deadline: deadline, maxBody: maxBody))
                case .curl:
                    switch curl ?? CurlLibrary.system {
                    case .success(let library):
                        once.finish(CurlExchange(library: library, maxBody: maxBody, once: once).run(request, deadline: deadline))
                    case .failure(let missing):
                        once.finish(.failed(nil, missing.description))
                    }
                }
            }
        }
    }

    /// What doctor says of an answer past `maxBody`: from the length its header announces, or
    /// once the body read so far would pass it. Both transports refuse with these words.
    package static func announcedTooLarge(_ length: String, maxBody: Int) -> String {
        "the answer announces \(length) bytes, more than the \(maxBody / 1024 / 1024) MB doctor reads; it was not read"
    }

    package static func tooLarge(maxBody: Int) -> String {
        "the answer is larger than \(maxBody / 1024 / 1024) MB; it was not read"
    }

    /// Resumes the caller exactly once, with the answer, a failure, or the deadline, whichever
    /// comes first; later calls do nothing. The exchanges ask `isFinished` to stop early.
    package final class OneAnswer: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Outcome, Never>?
        private var done = false

        package func arm(_ continuation: CheckedContinuation<Outcome, Never>) {
            lock.withLock { self.continuation = continuation }
        }

        package var isFinished: Bool { lock.withLock { done } }

        package func finish(_ outcome: Outcome) {
            let continuation = lock.withLock { () -> CheckedContinuation<Outcome, Never>? in
                guard !done else { return nil }
                done = true
                defer { self.continuation = nil }
                return self.continuation
            }
            continuation?.resume(returning: outcome)
        }
    }
}
