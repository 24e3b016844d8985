import XRayCore
import XRaySampling

/// `AWS_XRAY_DAEMON_ADDRESS` parsed as the X-Ray SDKs parse it (docs/xray-facts.md §1.5): `host:port`, or
/// `tcp:host:port udp:host:port` in either order; no scheme, no third part.
package struct DaemonAddress: Equatable {
    package var udpHost: String
    package var udpPort: Int
    package var tcpHost: String
    package var tcpPort: Int

    package enum Problem: Error, Equatable { case scheme, missingPort, badPort(String), tooManyParts, badPrefixedForm }

    package static func parse(_ text: String) -> Result<DaemonAddress, Problem> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if text.containsBytes("://") { return .failure(.scheme) }
        switch parts.count {
        case 1:
            return hostPort(parts[0]).map { DaemonAddress(udpHost: $0.0, udpPort: $0.1, tcpHost: $0.0, tcpPort: $0.1) }
        case 2:
            var tcp: (String, Int)?, udp: (String, Int)?
            for part in parts {
                let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
                guard pieces.count == 2 else { return .failure(.badPrefixedForm) }
                switch (pieces[0].lowercased(), hostPort(pieces[1])) {
                case ("tcp", .success(let value)) where tcp == nil: tcp = value
                case ("udp", .success(let value)) where udp == nil: udp = value
                case (_, .failure(let problem)) where ["tcp", "udp"].contains(pieces[0].lowercased()): return .failure(problem)
                default: return .failure(.badPrefixedForm)
                }
            }
            guard let tcp, let udp else { return .failure(.badPrefixedForm) }
            return .success(DaemonAddress(udpHost: udp.0, udpPort: udp.1, tcpHost: tcp.0, tcpPort: tcp.1))
        default:
            return .failure(parts.isEmpty ? .missingPort : .tooManyParts)
        }
    }

    private static func hostPort(_ text: String) -> Result<(String, Int), Problem> {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == 2, !pieces[0].isEmpty else { return .failure(pieces.count > 2 ? .tooManyParts : .missingPort) }
        guard let port = Int(pieces[1]), (1...65535).contains(port) else { return .failure(.badPort(pieces[1])) }
        return .success((pieces[0], port))
    }

    package static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasPrefix("127.") || host == "::1"
    }

    /// A literal IPv4 address (a host name is anything else).
    package static func isIPAddress(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil }
    }

    /// A value still waiting for a template engine (`<daemon>`, `$$HOST$$`, `${HOST}`): not ours to judge.
    package static func isPlaceholder(_ text: String) -> Bool {
        text.containsBytes("<") || text.containsBytes("$$") || text.containsBytes("${") || text.containsBytes("{{")
    }
}

extension TaskDefinitionView {
    /// The app containers' `AWS_XRAY_DAEMON_ADDRESS` entries with a literal, non-placeholder value.
    package var daemonAddresses: [(container: ContainerView, value: LocatedNode, text: String)] {
        apps.compactMap { container in
            guard let value = container.variable("AWS_XRAY_DAEMON_ADDRESS")?.value, let text = value.text,
                  !text.trimmingCharacters(in: .whitespaces).isEmpty, !DaemonAddress.isPlaceholder(text) else { return nil }
            return (container, value, text)
        }
    }
}
