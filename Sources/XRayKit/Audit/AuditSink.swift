import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// Where each account×region pair's findings go as it finishes: the documents it read are dropped
/// there, so what a run holds grows with its findings, not with the accounts it reads. Findings
/// about the account's IAM are made in every region's run and kept once.
package actor AuditSink {
    private var findings: [Finding] = []
    private var seen = Set<String>()
    private var notes: [String] = []
    private var failures: [String] = []
    private var inventory: [InventoryRow] = []
    private var finished = 0
    private let total: Int
    private let progress: (@Sendable (String) -> Void)?
    private let throttled: ThrottleCounter?
    private let secrets: SecretList

    package init(total: Int, progress: (@Sendable (String) -> Void)?, throttled: ThrottleCounter?, secrets: SecretList) {
        self.secrets = secrets
        self.total = total
        self.progress = progress
        self.throttled = throttled
    }

    package func done(_ scope: AuditScope, findings new: [Finding], notes: [String], inventory rows: [InventoryRow]) {
        inventory += rows
        var kept = 0
        for finding in new where seen.insert("\(finding.rule)|\(finding.location.file)|\(finding.message)").inserted {
            findings.append(finding)
            kept += 1
        }
        self.notes += notes.map { "\(scope.account) \(scope.region): \($0)" }
        finished += 1
        report("\(scope.account) \(scope.region): \(kept) finding(s)")
    }

    /// A call that failed: one XR811 finding, and a line on standard error. `wholeAccount` and
    /// `wholeRegion` say what is skipped because of it.
    package func failed(_ scope: AuditScope, call: String, _ error: AWSClient.Failure, wholeAccount: Bool = false,
                        wholeRegion: Bool = false, regions: Int = 1) {
        let answer = error.message.isEmpty && error.code == "WrongAccount" ? "" : ": \(error)"
        let skipped = wholeAccount ? "; the account is skipped" : wholeRegion ? "; the region is skipped"
            : scope.region == "global" ? "; its roles are not checked" : "; the rest of the region is read"
        let message = "account \(scope.account)\(wholeAccount ? "" : " \(scope.region)"): \(call)\(answer)\(skipped)"
        let address = AuditAddress(scope.accountAddress, part: wholeAccount ? nil : scope.region)
        var finding = AccountNotAudited.finding(at: .origin(address.description), message,
                                                fix: error.isNotPermitted ? "Check the audit role in this account: `xrayctl audit --print-policy` prints what it needs" : nil)
        finding.address = address.arn
        findings.append(finding)
        failures.append(message)
        if wholeAccount || wholeRegion {
            finished += wholeAccount ? regions : 1
            report("\(scope.account)\(wholeAccount ? "" : " \(scope.region)"): not audited: \(call)\(answer)")
        } else {
            progress?(secrets.redact("\(scope.account) \(scope.region): \(call) failed\(answer)"))
        }
    }

    private func report(_ line: String) {
        let throttles = throttled?.count ?? 0
        progress?(secrets.redact("[\(finished)/\(total)] \(line)\(throttles > 0 ? " (\(throttles) throttled answer(s) retried so far)" : "")"))
    }

    package func result(accounts: Int) -> Audit.Result {
        let redacted = findings.map { finding -> Finding in
            var finding = finding
            finding.message = secrets.redact(finding.message)
            finding.fix = finding.fix.map(secrets.redact)
            return finding
        }
        return Audit.Result(findings: redacted.sorted(by: Finding.ordered), notes: notes.sorted().map(secrets.redact), accounts: accounts,
                            pairs: total, failures: failures.sorted().map(secrets.redact),
                            inventory: inventory.sorted { ($0.account, $0.region, $0.arn) < ($1.account, $1.region, $1.arn) })
    }
}
