import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fake daemon for the probe tests: a UDP socket and (optionally) a TCP server on one
/// loopback port, recording what arrives. The TCP side answers like the daemon's proxy, or
/// accepts and never answers (to test timeouts).
final class LoopbackListener: @unchecked Sendable {
    enum TCPBehaviour {
        case answer, silent, none
        /// Answers 200 and then sends `chunk` bytes every `interval` seconds for at most 20 s;
        /// with `announcing`, under a Content-Length of that many bytes.
        case stream(chunk: Int, interval: Double, announcing: Int? = nil)
        /// Answers with the text the closure makes from the request.
        case respond(@Sendable (String) -> String)
    }

    let port: Int
    private let udp: Int32
    private let tcp: Int32
    private let lock = NSLock()
    private var _datagrams: [Data] = []
    private var _requests: [String] = []

    var datagrams: [Data] { lock.lock(); defer { lock.unlock() }; return _datagrams }
    var requests: [String] { lock.lock(); defer { lock.unlock() }; return _requests }

    init(tcp behaviour: TCPBehaviour) throws {
        // UDP takes a free port from the system, then TCP binds the same number, which another
        // socket (a client's ephemeral port, say) may hold already: then both close and it tries again.
        var udpSocket: Int32 = -1, tcpSocket: Int32 = -1
        var address = sockaddr_in()
        var attempts = 0
        while true {
            attempts += 1
            (udpSocket, tcpSocket) = (socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0), -1)
            address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(udpSocket, $0, length) }
            }
            guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(udpSocket, $0, &length) }
            }
            if behaviour.isNone { break }
            tcpSocket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var reuse: Int32 = 1
            setsockopt(tcpSocket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
            let listening = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(tcpSocket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if listening == 0, listen(tcpSocket, 4) == 0 { break }
            close(tcpSocket)
            close(udpSocket)
            guard attempts < 50 else { throw POSIXError(.EADDRINUSE) }
        }
        udp = udpSocket
        tcp = tcpSocket
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(self.udp, &buffer, buffer.count, 0)
                // The thread that reads a socket closes it, once stop()'s shutdown wakes it: closed
                // from stop(), its number could go to another test's new socket while this thread
                // still reads it, and the two tests would read each other's traffic.
                if count <= 0 { close(self.udp); return }
                lock.lock(); _datagrams.append(Data(buffer[0..<count])); lock.unlock()
            }
        }
        if !behaviour.isNone {
            Thread.detachNewThread { [self] in
                while true {
                    let client = accept(self.tcp, nil, nil)
                    if client < 0 { close(self.tcp); return }
                    let received = Self.readRequest(client)
                    if !received.isEmpty {
                        lock.lock(); _requests.append(String(decoding: received, as: UTF8.self)); lock.unlock()
                    }
                    let request = String(decoding: received, as: UTF8.self)
                    switch behaviour {
                    case .answer:
                        let answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 28\r\nConnection: close\r\n\r\n{\"SamplingRuleRecords\": []}\n"
                        _ = answer.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                        Self.closeGracefully(client)
                    case .respond(let make):
                        let answer = make(request)
                        _ = answer.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                        Self.closeGracefully(client)
                    case .stream(let chunk, let interval, let announcing):
                        Thread.detachNewThread {
                            let length = announcing.map { "Content-Length: \($0)\r\n" } ?? ""
                            let header = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\(length)Connection: close\r\n\r\n"
                            _ = header.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                            let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: chunk)
                            let end = Date().addingTimeInterval(20)
                            while Date() < end, send(client, bytes, bytes.count, Int32(MSG_NOSIGNAL)) > 0 {
                                if interval > 0 { usleep(UInt32(interval * 1_000_000)) }
                            }
                            close(client)
                        }
                    case .silent, .none:
                        break
                    }
                }
            }
        }
    }

    /// The whole request: its head, and as many body bytes as its Content-Length says (at most
    /// 1 MB, within two seconds). Answering after a partial read would close a socket with unread
    /// bytes, which the kernel turns into a reset that can discard the answer on the client's side.
    static func readRequest(_ client: Int32) -> [UInt8] {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while received.count < 1_048_576 {
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length { break }
            }
            let count = recv(client, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return received
    }

    /// Sends FIN, lets the client read the answer and close, then closes.
    static func closeGracefully(_ client: Int32) {
        shutdown(client, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 1024)
        while recv(client, &buffer, buffer.count, 0) > 0 {}
        close(client)
    }

    /// Wakes the reading threads, which close their sockets themselves (see the UDP thread).
    func stop() {
        shutdown(udp, Int32(SHUT_RDWR))
        if tcp >= 0 { shutdown(tcp, Int32(SHUT_RDWR)) }
    }

    /// A loopback port nothing listens on (bound, read, released).
    static func closedPort() -> Int {
        let listener = try! LoopbackListener(tcp: .none)
        let port = listener.port
        listener.stop()
        return port
    }
}

extension LoopbackListener.TCPBehaviour {
    var isNone: Bool { if case .none = self { return true }; return false }
}
