import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP for doctor, bounded in time and size: the deadline covers the whole exchange (a server
/// that accepts and never answers, or answers and streams for ever, must not hold doctor past
/// --timeout), and the body is read as it arrives and refused past `maxBody` bytes rather than
/// buffered without limit.
enum HTTP {
    enum Outcome: Sendable {
        case response(status: Int, body: Data)
        case timedOut
        case failed(URLError.Code?, String)
    }

    /// No answer doctor reads comes near this: sampling rules and IAM documents are kilobytes.
    static let maxBody = 4 * 1024 * 1024

    static func send(_ request: URLRequest, timeout: Double, maxBody: Int = maxBody) async -> Outcome {
        let exchange = Exchange(maxBody: maxBody)
        return await withCheckedContinuation { continuation in
            exchange.start(request, timeout: timeout, continuation: continuation)
        }
    }

    /// One request: collects the body through delegate callbacks and resumes its caller exactly
    /// once, with the answer, a failure, or the deadline, whichever comes first.
    private final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let lock = NSLock()
        private let maxBody: Int
        private var body = Data()
        private var status = 0
        private var continuation: CheckedContinuation<Outcome, Never>?
        private var session: URLSession?
        private var task: URLSessionDataTask?

        init(maxBody: Int) { self.maxBody = maxBody }

        func start(_ request: URLRequest, timeout: Double, continuation: CheckedContinuation<Outcome, Never>) {
            let session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)
            let task = session.dataTask(with: request)
            lock.withLock {
                self.continuation = continuation
                self.session = session
                self.task = task
            }
            // A thread of its own for the deadline: a busy shared pool must not delay it.
            Thread.detachNewThread { [self] in
                Thread.sleep(forTimeInterval: max(timeout, 0.01))
                finish(.timedOut)
            }
            task.resume()
        }

        /// Resumes the caller once; later calls (the deadline after an answer) do nothing.
        private func finish(_ outcome: Outcome) {
            let (continuation, session, task) = lock.withLock { () -> (CheckedContinuation<Outcome, Never>?, URLSession?, URLSessionDataTask?) in
                defer { self.continuation = nil; self.session = nil; self.task = nil }
                return (self.continuation, self.session, self.task)
            }
            guard let continuation else { return }
            // The caller goes on at once; tearing the connection down must not hold it.
            continuation.resume(returning: outcome)
            task?.cancel()
            session?.invalidateAndCancel()
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            lock.withLock { status = (response as? HTTPURLResponse)?.statusCode ?? 0 }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let tooLarge = lock.withLock { () -> Bool in
                body.append(data)
                return body.count > maxBody
            }
            if tooLarge { finish(.failed(.dataLengthExceedsMaximum, "the answer is larger than \(maxBody / 1024 / 1024) MB; it was not read")) }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            if let error = error as? URLError {
                finish(error.code == .timedOut ? .timedOut : .failed(error.code, error.localizedDescription))
            } else if let error {
                finish(.failed(nil, "\(error)"))
            } else {
                let (status, body) = lock.withLock { (self.status, self.body) }
                finish(.response(status: status, body: body))
            }
        }
    }
}
