import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct ProxyAddressWithoutScheme: LintRule {
    package static let description = RuleDescription(
        id: "XR508", name: "proxy-address-without-scheme", severity: .error,
        summary: "`ProxyAddress` (or `-p`) has no scheme.",
        rationale: "The daemon's proxy address must name its protocol, such as http://192.0.2.0:3000; without it uploads through the proxy fail.",
        sources: [.daemonConfiguration],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\nProxyAddress: ↓proxy.internal:3128\n"),
            RuleExample("cfg.yaml", "Version: 2\nProxyAddress: http://proxy.internal:3128\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.daemonSettings(key: ["ProxyAddress"], flag: "proxy-address").compactMap { setting in
            guard let text = setting.value, !text.isEmpty, !text.containsBytes("://"), !DaemonAddress.isPlaceholder(text) else { return nil }
            return finding(setting.node, "\(setting.spelledAs) '\(text)' has no scheme", fix: "Write it as http://\(text)")
        }
    }
}
