import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct DaemonBufferTooSmall: LintRule {
    package static let description = RuleDescription(
        id: "XR504", name: "daemon-buffer-too-small", severity: .error,
        summary: "`TotalBufferSizeMB` (or `-m`) is set below 3.",
        rationale: "The daemon exits with 'Not enough Buffers Memory Allocated. Min Buffers Memory required: 3 MB.' (0 in the file means the default, 1% of memory).",
        sources: [.daemonConfiguration, .daemonConfigCode],
        examples: [
            RuleExample("cfg.yaml", "Version: 2\nTotalBufferSizeMB: ↓2\n"),
            RuleExample("taskdef.json", """
                {"family": "d", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "command": ["-m", ↓"1"]}]}

                """),
            RuleExample("cfg.yaml", "Version: 2\nTotalBufferSizeMB: 0\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.daemonSettings(key: ["TotalBufferSizeMB"], flag: "buffer-memory").compactMap { setting in
            guard let text = setting.value, let megabytes = Int(text), megabytes < 3,
                  !(megabytes == 0 && setting.spelledAs == "TotalBufferSizeMB") else { return nil }
            return finding(setting.node, "\(setting.spelledAs) \(megabytes) is below the daemon's minimum of 3 MB; it exits at start",
                           fix: "Set at least 3 (such as 24)")
        }
    }
}
