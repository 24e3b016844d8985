import Foundation

/// What doctor sends: our own value rather than FoundationNetworking's URLRequest, so that the
/// binary does not link FoundationNetworking (and libcurl with it) for the commands that never
/// use the network.
package struct HTTPRequest: Sendable {
    package var url: URL
    package var method: String
    /// Sent as given; Host, Content-Length and Connection are the transport's.
    package var headers: [String: String]
    package var body: Data
    /// Seconds for the whole exchange: connecting, sending and reading the answer.
    package var timeout: Double

    package init(url: URL, method: String = "GET", headers: [String: String] = [:], body: Data = Data(), timeout: Double) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
