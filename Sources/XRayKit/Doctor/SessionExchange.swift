import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// One https:// exchange through URLSession (the only TLS client on Linux's Foundation): the body
/// is collected through delegate callbacks and refused past the cap, chunks still queued after the
/// end are dropped unread, and a redirect is answered with "do not follow".
package final class SessionExchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private let maxBody: Int
    private let once: HTTP.OneAnswer
    private var body = Data()
    private var status = 0
    private var location: String?

    package init(maxBody: Int, once: HTTP.OneAnswer) {
        self.maxBody = maxBody
        self.once = once
    }

    package func start(_ request: URLRequest) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        let task = session.dataTask(with: request)
        once.onFinish {
            task.cancel()
            session.invalidateAndCancel()
        }
        task.resume()
    }

    private func finish(_ outcome: HTTP.Outcome) { once.finish(outcome) }

    package func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        // nil: the 3xx itself becomes the answer, and the caller says what it means.
        completionHandler(nil)
    }

    package func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        if response.expectedContentLength > Int64(maxBody) {
            finish(.failed(.dataLengthExceedsMaximum, "the answer announces \(response.expectedContentLength) bytes, more than the \(maxBody / 1024 / 1024) MB doctor reads; it was not read"))
            completionHandler(.cancel)
            return
        }
        lock.withLock {
            status = http?.statusCode ?? 0
            location = http?.value(forHTTPHeaderField: "Location")
        }
        completionHandler(once.isFinished ? .cancel : .allow)
    }

    package func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        // After the end (the cap, the deadline) the chunks libcurl had queued are dropped unread.
        guard !once.isFinished else { return }
        let tooLarge = lock.withLock { () -> Bool in
            guard body.count + data.count <= maxBody else { return true }
            body.append(data)
            return false
        }
        if tooLarge { finish(.failed(.dataLengthExceedsMaximum, "the answer is larger than \(maxBody / 1024 / 1024) MB; it was not read")) }
    }

    package func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error = error as? URLError {
            finish(error.code == .timedOut ? .timedOut : .failed(error.code, error.localizedDescription))
        } else if let error {
            finish(.failed(nil, "\(error)"))
        } else {
            let (status, body, location) = lock.withLock { (self.status, self.body, self.location) }
            finish(.response(status: status, body: body, location: location))
        }
    }
}
