import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 exchange over a plain TCP socket, for http:// URLs (the daemon's sampling proxy,
/// OTLP receivers, instance metadata, an emulator given with --endpoint-url). Every wait is a
/// poll(2) bounded by the deadline; the body is counted as it arrives and the exchange stops at
/// `maxBody` bytes, or at once when the header announces more (RFC 9112 §6: Content-Length,
/// chunked transfer coding, or the body up to the close). A redirect is returned, never followed.
/// Proxy variables are not consulted: these addresses are local or link-local.
package enum SocketHTTP {
    /// The most header bytes read before the body: real answers' headers are a few hundred bytes.
    package static let maxHead = 64 * 1024

    package static func exchange(_ request: HTTPRequest, deadline: Date, maxBody: Int) -> HTTP.Outcome {
        let url = request.url
        guard let host = url.host, !host.isEmpty else { return .failed(.badURL, "no host in the URL") }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let port = url.port ?? 80
        guard let message = requestBytes(request, url: url, host: bare) else {
            return .failed(.badURL, "the request has a line break in its target or a header")
        }
        let connection: Connection
        switch Connection.open(host: bare, port: port, deadline: deadline) {
        case .success(let opened): connection = opened
        case .failure(let problem): return problem.outcome
        }
        defer { close(connection.descriptor) }
        if let failure = connection.sendAll(message, deadline: deadline) { return failure }
        var reader = ResponseReader(maxBody: maxBody, headOnly: request.method.uppercased() == "HEAD")
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            switch connection.receive(into: &buffer, deadline: deadline) {
            case .bytes(let count):
                switch reader.feed(buffer[0..<count]) {
                case .needMore: continue
                case .done(let status, let body, let location): return .response(status: status, body: body, location: location)
                case .failed(let code, let reason): return .failed(code, reason)
                }
            case .closed:
                switch reader.closed() {
                case .done(let status, let body, let location): return .response(status: status, body: body, location: location)
                case .failed(let code, let reason): return .failed(code, reason)
                case .needMore: return .failed(.networkConnectionLost, "the connection closed before the answer was complete")
                }
            case .timedOut:
                return .timedOut
            case .failed(let reason):
                return .failed(.networkConnectionLost, reason)
            }
        }
    }

    /// The request as sent: origin-form target, the Host SigV4 signed (host, and the port when the
    /// URL names one), the caller's headers, a Content-Length, and Connection: close.
    package static func requestBytes(_ request: HTTPRequest, url: URL, host: String) -> Data? {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        let path = components?.percentEncodedPath ?? ""
        let query = components?.percentEncodedQuery.map { "?\($0)" } ?? ""
        let method = request.method
        let hostHeader = (host.contains(":") ? "[\(host)]" : host) + (url.port.map { ":\($0)" } ?? "")
        let body = request.body
        var lines = ["\(method) \(path.isEmpty ? "/" : path)\(query) HTTP/1.1", "Host: \(hostHeader)"]
        let skipped: Set<String> = ["host", "content-length", "connection", "transfer-encoding"]
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) where !skipped.contains(name.lowercased()) {
            lines.append("\(name): \(value)")
        }
        if !body.isEmpty || !["GET", "HEAD"].contains(method.uppercased()) { lines.append("Content-Length: \(body.count)") }
        lines.append("Connection: close")
        // A CR or LF inside a line would let a value start a header (or a request) of its own.
        guard !lines.contains(where: { $0.contains("\r") || $0.contains("\n") }) else { return nil }
        return Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }

    /// A connected, non-blocking TCP socket.
    package struct Connection {
        package let descriptor: Int32

        package enum Received { case bytes(Int), closed, timedOut, failed(String) }

        /// Tries each address the name resolves to until one connects, within the deadline.
        package static func open(host: String, port: Int, deadline: Date) -> Result<Connection, OutcomeError> {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var results: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &results) == 0, let first = results else {
                return .failure(OutcomeError(.failed(.cannotFindHost, "cannot resolve \(host)")))
            }
            defer { freeaddrinfo(results) }
            var last = OutcomeError(.failed(.cannotConnectToHost, "cannot connect to \(host):\(port)"))
            var info: UnsafeMutablePointer<addrinfo>? = first
            while let address = info {
                info = address.pointee.ai_next
                let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.ai_protocol)
                guard descriptor >= 0 else { continue }
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                if connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                    return .success(Connection(descriptor: descriptor))
                }
                guard errno == EINPROGRESS else {
                    last = OutcomeError(errno == ECONNREFUSED ? .failed(.cannotConnectToHost, "connection refused") : .failed(.cannotConnectToHost, SocketHTTP.errorText()))
                    close(descriptor)
                    continue
                }
                switch wait(descriptor, for: Int16(POLLOUT), until: deadline) {
                case .ready:
                    var problem: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &problem, &length)
                    if problem == 0 { return .success(Connection(descriptor: descriptor)) }
                    last = OutcomeError(.failed(.cannotConnectToHost, problem == ECONNREFUSED ? "connection refused" : String(cString: strerror(problem))))
                    close(descriptor)
                case .timedOut:
                    close(descriptor)
                    return .failure(OutcomeError(.timedOut))
                case .failed(let reason):
                    last = OutcomeError(.failed(.cannotConnectToHost, reason))
                    close(descriptor)
                }
            }
            return .failure(last)
        }

        /// Sends everything, or says why not.
        package func sendAll(_ data: Data, deadline: Date) -> HTTP.Outcome? {
            var offset = 0
            while offset < data.count {
                let sent = data.withUnsafeBytes { bytes in
                    send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                }
                if sent > 0 { offset += sent; continue }
                guard sent < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                    return .failed(.networkConnectionLost, "cannot send the request: \(SocketHTTP.errorText())")
                }
                switch SocketHTTP.wait(descriptor, for: Int16(POLLOUT), until: deadline) {
                case .ready: continue
                case .timedOut: return .timedOut
                case .failed(let reason): return .failed(.networkConnectionLost, reason)
                }
            }
            return nil
        }

        package func receive(into buffer: inout [UInt8], deadline: Date) -> Received {
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count > 0 { return .bytes(count) }
                if count == 0 { return .closed }
                guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                    return .failed("cannot read the answer: \(SocketHTTP.errorText())")
                }
                switch SocketHTTP.wait(descriptor, for: Int16(POLLIN), until: deadline) {
                case .ready: continue
                case .timedOut: return .timedOut
                case .failed(let reason): return .failed(reason)
                }
            }
        }
    }

    /// An outcome carried as an error through `Result`.
    package struct OutcomeError: Error {
        package let outcome: HTTP.Outcome
        package init(_ outcome: HTTP.Outcome) { self.outcome = outcome }
    }

    package enum Readiness { case ready, timedOut, failed(String) }

    /// Waits for the socket to be readable or writable, at most until the deadline.
    package static func wait(_ descriptor: Int32, for events: Int16, until deadline: Date) -> Readiness {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return .timedOut }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let result = poll(&entry, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if result > 0 { return .ready }
            if result == 0 { continue }
            if errno == EINTR { continue }
            return .failed(errorText())
        }
    }

    package static func errorText() -> String { String(cString: strerror(errno)) }
}
