import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UnknownDaemonConfigKey: LintRule {
    package static let description = RuleDescription(
        id: "XR502", name: "unknown-daemon-config-key", severity: .error,
        summary: "An unknown or removed daemon config key (`Profile.CPU`, `Socket.BufferSizeKB`, `Processor.*`, `MemoryLimit`, …), with a did-you-mean.",
        rationale: "Started with -c the daemon exits on any key it does not know ('<key> flag is invalid' or 'is not supported any more'); without -c the key is silently ignored, so the setting you wrote has no effect.",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\nSocket:\n  ↓BufferSizeKB: 64\n"),
            RuleExample("cfg.yaml", "Version: 2\n↓TotalBufferSize: 24\n"),
            RuleExample("cfg.yaml", "Version: 2\nTotalBufferSizeMB: 24\nSocket:\n  UDPAddress: 0.0.0.0:2000\n"),
        ])

    package static let keys: [String: [String]] = [
        "": ["TotalBufferSizeMB", "Concurrency", "Region", "Endpoint", "Socket", "Logging", "LocalMode", "ResourceARN",
             "RoleARN", "NoVerifySSL", "ProxyAddress", "Version"],
        "Socket": ["UDPAddress", "TCPAddress"],
        "Logging": ["LogRotation", "LogLevel", "LogPath"],
    ]
    /// Keys the daemon used to accept, with what happened to them (docs/xray-facts.md §1.3).
    package static let removed: [String: String] = [
        "Profile": "was removed", "Profile.CPU": "was removed", "Profile.Memory": "was removed",
        "Socket.BufferSizeKB": "was removed (the buffer per datagram is fixed at 64 KB)",
        "Logging.LogFormat": "was removed", "Processor": "is a Version 1 section", "Processor.BatchProcessorQueueSize": "was removed",
        "Processor.Region": "is a Version 1 key; use Region", "Processor.Endpoint": "is a Version 1 key; use Endpoint",
        "Processor.Routine": "is a Version 1 key; use Concurrency", "MemoryLimit": "is a Version 1 key; use TotalBufferSizeMB",
        "LogRotation": "is a Version 1 key; use Logging.LogRotation",
    ]

    package func check(_ run: LintRun) -> [Finding] {
        run.daemonConfigs.flatMap { config in check(config, section: "") }
    }

    private func check(_ node: LocatedNode, section: String) -> [Finding] {
        guard let pairs = node.pairs, let known = Self.keys[section] else { return [] }
        return pairs.flatMap { key, value -> [Finding] in
            guard let name = key.text else { return [] }
            let path = section.isEmpty ? name : "\(section).\(name)"
            if let reason = Self.removed[path] {
                return [finding(key, "\(path) \(reason); the daemon refuses the file when started with -c, and ignores the key otherwise",
                                fix: "Remove \(path)")]
            }
            guard known.contains(name) else {
                let suggestion = Suggestion.closest(to: name, in: known)
                return [finding(key, "\(path) is not a daemon config key\(suggestion.map { "; did you mean '\($0)'?" } ?? "")",
                                fix: suggestion.map { "Rename it to \($0)" })]
            }
            return Self.keys[name] != nil && section.isEmpty ? check(value, section: name) : []
        }
    }
}
