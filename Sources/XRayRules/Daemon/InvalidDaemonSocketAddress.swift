import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidDaemonSocketAddress: LintRule {
    package static let description = RuleDescription(
        id: "XR505", name: "invalid-daemon-socket-address", severity: .error,
        summary: "`Socket.UDPAddress` / `TCPAddress` / `-b` / `-t` is not `host:port`.",
        rationale: "The daemon cannot listen on an address without a host and a numeric port, and exits at start.",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\nSocket:\n  UDPAddress: ↓\"0.0.0.0\"\n"),
            RuleExample("cfg.yaml", "Version: 2\nSocket:\n  UDPAddress: 0.0.0.0:2000\n  TCPAddress: 127.0.0.1:2000\n"),
        ])

    package static func isHostPort(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":") else { return false }
        let host = text[..<colon], port = text[text.index(after: colon)...]
        return !host.isEmpty && Int(port).map { (1...65535).contains($0) } == true
    }

    package func check(_ run: LintRun) -> [Finding] {
        let settings = run.daemonSettings(key: ["Socket", "UDPAddress"], flag: "bind") + run.daemonSettings(key: ["Socket", "TCPAddress"], flag: "bind-tcp")
        return settings.compactMap { setting in
            guard let text = setting.value, !text.isEmpty, !DaemonAddress.isPlaceholder(text), !Self.isHostPort(text) else { return nil }
            return finding(setting.node, "\(setting.spelledAs) '\(text)' is not host:port", fix: "Use host:port, such as 0.0.0.0:2000")
        }
    }
}
