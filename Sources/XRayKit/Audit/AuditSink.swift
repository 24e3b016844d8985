import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// Where each account×region pair's findings go as it finishes. Pairs are numbered in a fixed order
/// (accounts by ID, then regions as given) and written in that order through a reorder buffer: a pair
/// starts only when it is fewer than `window` (the concurrency) pairs ahead of the first unwritten
/// one, so at most `window` finished pairs wait in memory, whatever the number of accounts. Findings
/// about the account's IAM are made in every region's run and written once, in the account's first
/// pair: only their keys are kept, and only while the account is being written.
package actor AuditSink {
    private let regions: Int
    private let window: Int
    private let total: Int
    private var next = 0
    private var pending: [Int: [Finding]] = [:]
    private var finishedPairs = Set<Int>()
    private var admitted: [(index: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var seen = Set<String>()
    private var seenAccount = -1
    private var counts: [Severity: Int] = [:]
    /// The account of each pair that reported, for findings whose ARN names none (API Gateway's).
    private var accountOfPair: [Int: String] = [:]
    /// Without an output (the library's callers, the tests): the findings, in the order written.
    private var collected: [Finding] = []
    private let output: AuditOutput?
    private var notes: [String] = []
    private var failures: [String] = []
    private var inventory: [InventoryRow] = []
    private var finished = 0
    private let progress: (@Sendable (String) -> Void)?
    private let throttled: ThrottleCounter?
    private let secrets: SecretList

    package init(accounts: Int, regions: Int, window: Int, output: AuditOutput?, progress: (@Sendable (String) -> Void)?,
                 throttled: ThrottleCounter?, secrets: SecretList) {
        self.regions = regions
        self.window = max(1, window)
        self.total = accounts * regions
        self.output = output
        self.secrets = secrets
        self.progress = progress
        self.throttled = throttled
    }

    /// Waits until pair `index` may start: fewer than `window` pairs ahead of the first unwritten one.
    package func admit(_ index: Int) async {
        if index < next + window { return }
        await withCheckedContinuation { admitted.append((index, $0)) }
    }

    package func done(_ index: Int, _ scope: AuditScope, findings new: [Finding], notes: [String], inventory rows: [InventoryRow]) {
        inventory += rows
        // Notes are what each pair read; only a collecting run (no output) keeps them.
        if output == nil { self.notes += notes.map { "\(scope.account) \(scope.region): \($0)" } }
        pending[index, default: []] += new
        accountOfPair[index] = scope.account
        finished += 1
        report("\(scope.account) \(scope.region): \(new.count) finding(s)")
        finish([index])
    }

    /// A call that failed: one XR811 finding in pair `index`, and a line on standard error.
    /// `wholeAccount` (pair `index` is the account's first) and `wholeRegion` say what is skipped,
    /// and those pairs are finished.
    package func failed(_ index: Int, _ scope: AuditScope, call: String, _ error: AWSClient.Failure, wholeAccount: Bool = false,
                        wholeRegion: Bool = false) {
        let answer = error.message.isEmpty && error.code == "WrongAccount" ? "" : ": \(error)"
        let skipped = wholeAccount ? "; the account is skipped" : wholeRegion ? "; the region is skipped"
            : scope.region == "global" ? "; its roles are not checked" : "; the rest of the region is read"
        let message = "account \(scope.account)\(wholeAccount ? "" : " \(scope.region)"): \(call)\(answer)\(skipped)"
        let address = AuditAddress(scope.accountAddress, part: wholeAccount ? nil : scope.region)
        var finding = AccountNotAudited.finding(at: .origin(address.description), message,
                                                fix: error.isNotPermitted ? "Check the audit role in this account: `xrayctl audit --print-policy` prints what it needs" : nil)
        finding.address = address.arn
        pending[index, default: []].append(finding)
        accountOfPair[index] = scope.account
        failures.append(message)
        if wholeAccount || wholeRegion {
            finished += wholeAccount ? regions : 1
            report("\(scope.account)\(wholeAccount ? "" : " \(scope.region)"): not audited: \(call)\(answer)")
            finish(wholeAccount ? Array(index..<index + regions) : [index])
        } else {
            progress?(secrets.redact("\(scope.account) \(scope.region): \(call) failed\(answer)"))
        }
    }

    /// Writes every finished pair from the first unwritten one on, and lets waiting pairs start.
    private func finish(_ indices: [Int]) {
        finishedPairs.formUnion(indices)
        while finishedPairs.remove(next) != nil {
            write(pending.removeValue(forKey: next) ?? [], account: next / regions, id: accountOfPair.removeValue(forKey: next))
            next += 1
        }
        let ready = admitted.filter { $0.index < next + window }
        admitted.removeAll { $0.index < next + window }
        ready.forEach { $0.continuation.resume() }
    }

    private func write(_ findings: [Finding], account: Int, id: String?) {
        if account != seenAccount {
            seen.removeAll()
            seenAccount = account
        }
        let kept = findings.filter { !Self.isGlobal($0) || seen.insert("\($0.rule)|\($0.location.file)|\($0.message)").inserted }.map { finding in
            var finding = finding
            finding.message = secrets.redact(finding.message)
            finding.fix = finding.fix.map(secrets.redact)
            return finding
        }.sorted(by: Finding.ordered)
        for finding in kept { counts[finding.severity, default: 0] += 1 }
        if let output { output.pair(kept, account: id) } else { collected += kept }
    }

    /// A finding about a resource of no region (an IAM role: `arn:aws:iam::ACCOUNT:…`), made again in
    /// every region's run.
    private static func isGlobal(_ finding: Finding) -> Bool {
        guard let arn = finding.address, arn.hasPrefix("arn:") else { return false }
        let parts = arn.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        return parts.count > 3 && parts[3].isEmpty
    }

    private func report(_ line: String) {
        let throttles = throttled?.count ?? 0
        progress?(secrets.redact("[\(finished)/\(total)] \(line)\(throttles > 0 ? " (\(throttles) throttled answer(s) retried so far)" : "")"))
    }

    package func result(accounts: Int) -> Audit.Result {
        Audit.Result(findings: collected, notes: notes.sorted().map(secrets.redact), accounts: accounts,
                     pairs: total, failures: failures.sorted().map(secrets.redact),
                     inventory: inventory.sorted { ($0.account, $0.region, $0.arn) < ($1.account, $1.region, $1.arn) }, counts: counts)
    }
}
