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

/// The local layer of `xrayctl doctor`: sends a real test segment to the daemon address over UDP
/// and calls its TCP sampling proxy, as an instrumented application would.
public enum DaemonProbe {
    public static let defaultAddress = "127.0.0.1:2000"

    /// The address as the SDKs take it: `--daemon-address`, else `AWS_XRAY_DAEMON_ADDRESS`, else 127.0.0.1:2000.
    public static func address(flag: String?, environment: [String: String]) -> (text: String, source: String) {
        if let flag { return (flag, "--daemon-address") }
        if let value = environment["AWS_XRAY_DAEMON_ADDRESS"], !value.isEmpty { return (value, "AWS_XRAY_DAEMON_ADDRESS") }
        return (defaultAddress, "the SDK default")
    }

    public enum UDPOutcome: Equatable, Sendable {
        /// Sent, and no port-unreachable came back within the wait.
        case sent(bytes: Int)
        /// The host answered that nothing listens on the port (ICMP port unreachable).
        case refused
        case failed(String)
    }

    public enum TCPOutcome: Equatable, Sendable {
        case answered(status: Int)
        case refused
        case timedOut
        case failed(String)
    }

    /// Sends `payload` on a connected UDP socket, then waits briefly: on a connected socket the
    /// kernel reports an ICMP port-unreachable as ECONNREFUSED, which a plain sendto never shows.
    public static func sendUDP(_ payload: Data, host: String, port: Int, wait: Double) -> UDPOutcome {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &results) == 0, let info = results else {
            return .failed("cannot resolve \(host)")
        }
        defer { freeaddrinfo(results) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { return .failed("cannot open a UDP socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            return .failed("cannot connect the UDP socket: \(String(cString: strerror(errno)))")
        }
        let sent = payload.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        if sent < 0 { return errno == ECONNREFUSED ? .refused : .failed(String(cString: strerror(errno))) }
        var timeout = timeval(tv_sec: Int(wait), tv_usec: .init((wait - Double(Int(wait))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 64)
        let received = recv(fd, &buffer, buffer.count, 0)
        if received < 0 && errno == ECONNREFUSED { return .refused }
        return .sent(bytes: sent)
    }

    /// Calls the sampling proxy as the SDKs do (`POST /GetSamplingRules`); any HTTP answer means
    /// the proxy listens (without credentials it still answers, with an error).
    public static func callProxy(host: String, port: Int, timeout: Double) async -> TCPOutcome {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let url = URL(string: "http://\(bracketed):\(port)/GetSamplingRules") else { return .failed("bad address") }
        let request = HTTPRequest(url: url, method: "POST", headers: ["Content-Type": "application/json"], body: Data("{}".utf8), timeout: timeout)
        switch await HTTP.send(request) {
        case .response(let status, _, _): return .answered(status: status)
        case .timedOut: return .timedOut
        case .failed(.cannotConnectToHost, _): return .refused
        case .failed(_, let reason): return .failed(reason)
        }
    }

    /// Runs both probes and turns the outcome into findings (XR105, XR803, XR804), plus notes.
    public static func run(flag: String?, environment: [String: String], timeout: Double,
                           otlpPorts: (grpc: Int, http: Int) = (4317, 4318)) async -> (findings: [Finding], notes: [String]) {
        let (text, source) = address(flag: flag, environment: environment)
        let anchor = SourceLocation.origin("daemon \(text)")
        guard case .success(let address) = DaemonAddress.parse(text) else {
            if case .failure(let problem) = DaemonAddress.parse(text) {
                return ([MalformedDaemonAddress.finding(at: anchor, "the daemon address '\(text)' from \(source) \(MalformedDaemonAddress.explain(problem)); the SDKs refuse it",
                                                        fix: "Use host:port, or 'tcp:host:port udp:host:port'")], [])
            }
            return ([], [])
        }
        let document = TestSegment.document()
        // The UDP exchange blocks for its wait; keep it off the cooperative threads, on a thread of its
        // own: a process whose dispatch threads are all blocked (a test run full of listeners) never
        // runs work queued behind them.
        let udp = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: sendUDP(TestSegment.datagram(document), host: address.udpHost,
                                                       port: address.udpPort, wait: min(timeout, 0.5)))
            }
        }
        let tcp = await callProxy(host: address.tcpHost, port: address.tcpPort, timeout: timeout)
        var notes = ["daemon address \(text) (from \(source))"]
        switch udp {
        case .sent(let bytes): notes.append("UDP \(address.udpHost):\(address.udpPort): sent \(English.a("\(bytes)-byte")) test segment; no port-unreachable came back")
        case .refused: notes.append("UDP \(address.udpHost):\(address.udpPort): port unreachable")
        case .failed(let reason): notes.append("UDP \(address.udpHost):\(address.udpPort): \(reason)")
        }
        switch tcp {
        case .answered(let status): notes.append("TCP \(address.tcpHost):\(address.tcpPort): the sampling proxy answered HTTP \(status)")
        case .refused: notes.append("TCP \(address.tcpHost):\(address.tcpPort): connection refused")
        case .timedOut: notes.append("TCP \(address.tcpHost):\(address.tcpPort): no answer within \(timeout) s")
        case .failed(let reason): notes.append("TCP \(address.tcpHost):\(address.tcpPort): \(reason)")
        }
        // An ADOT collector or CloudWatch agent at the same host also takes OTLP.
        notes += await OTLPProbe.notes(host: address.tcpHost, ports: otlpPorts, timeout: timeout)
        var findings: [Finding] = []
        let proxyAnswers: Bool = { if case .answered = tcp { return true }; return false }()
        if case .failed(let reason) = udp {
            // Nothing was sent (the host does not resolve, the socket cannot connect): no other
            // verdict about the daemon can be true.
            findings.append(NothingListens.finding(at: anchor, "cannot send segments to \(address.udpHost):\(address.udpPort): \(reason)",
                                                   fix: "Use an address that resolves where the application runs (an IP, a resolvable name, or the agent's container name where links or service discovery provide it)"))
        } else if udp == .refused && !proxyAnswers {
            findings.append(NothingListens.finding(at: anchor, "nothing listens at \(text): UDP \(address.udpPort) is unreachable and the TCP sampling proxy \(tcp == .refused ? "refuses the connection" : "does not answer")",
                                                   fix: "Start the daemon (or collector) there, or point AWS_XRAY_DAEMON_ADDRESS at where it runs; in containers it must bind 0.0.0.0:2000"))
        } else if udp == .refused {
            findings.append(NothingListens.finding(at: anchor, "UDP \(address.udpHost):\(address.udpPort) is unreachable although the TCP proxy answers: segments are lost",
                                                   fix: "Publish or bind the daemon's UDP port (-b 0.0.0.0:2000, 2000/udp)"))
        } else if !proxyAnswers {
            findings.append(SamplingProxyUnreachable.finding(at: anchor, "segments can be sent to \(address.udpHost):\(address.udpPort), but the sampling proxy at \(address.tcpHost):\(address.tcpPort) \(tcp == .refused ? "refuses the connection" : "does not answer"); the SDKs fall back to local sampling rules",
                                                             fix: "Let the daemon listen on TCP too (-t 0.0.0.0:2000) and publish 2000/tcp, or set 'tcp:HOST:PORT udp:HOST:PORT'"))
        }
        return (findings, notes)
    }
}
