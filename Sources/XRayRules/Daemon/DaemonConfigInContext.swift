import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

/// Rule logic over the daemon install view: which daemon version reads an embedded config decides
/// what the version rules say about it. Kept with the rules, since a view never calls a rule.
extension DaemonInstall {
    /// The daemon config rules' findings on an embedded config, told which daemon reads it:
    /// `Version: 1` (XR503) is advice for a 3.x daemon, required by a 2.x one, and only
    /// information when nothing says; a 2.x daemon exits on `Version: 2` (XR501).
    package static func inContext(_ findings: [Finding], config root: LocatedNode?, major: Int?) -> [Finding] {
        var adjusted: [Finding] = findings.compactMap { finding in
            guard finding.rule == DaemonConfigVersionOne.description.id else { return finding }
            switch major {
            case 2?: return nil
            case let major? where major >= 3:
                var finding = finding
                finding.severity = .warning
                finding.message = "the daemon here is \(major).x: " + DaemonConfigVersionOne.migrate
                return finding
            default: return finding
            }
        }
        if major == 2, let version = root?["Version"], version.text == "2" {
            adjusted.append(DaemonConfigVersion.finding(at: version.location, pointer: version.pointer,
                                                        "the daemon here is 2.x, which reads only Version 1 (3.0.0 added Version 2): it exits with 'Config Version Setting is not correct'",
                                                        fix: "Set Version: 1, or run daemon 3.x"))
        }
        return adjusted
    }
}
