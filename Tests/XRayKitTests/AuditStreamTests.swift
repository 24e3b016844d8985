import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayViews

/// The audit's streaming output: pairs written in their fixed order whatever order they finish in,
/// never more than the window of pairs started ahead of the first unwritten one, IAM findings made in
/// every region kept once, and JSON and SARIF documents that parse when written piece by piece.
@Suite struct AuditStreamTests {
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []
        func add(_ part: String) { lock.withLock { parts.append(part) } }
        var text: String { lock.withLock { parts.joined() } }
        var count: Int { lock.withLock { parts.count } }
    }

    func finding(_ rule: String, _ arn: String, severity: Severity = .warning) -> Finding {
        var finding = Finding(rule: rule, severity: severity, message: "about \(arn)", location: .origin(arn), pointer: "", fix: nil)
        finding.address = arn
        return finding
    }

    func sink(_ format: AuditFormat, accounts: Int, regions: Int, window: Int) -> (AuditSink, AuditOutput, Written) {
        let written = Written()
        let output = AuditOutput(format: format, now: Date(timeIntervalSince1970: 1_795_000_000), write: written.add)
        output.begin(home: "us-east-1")
        return (AuditSink(accounts: accounts, regions: regions, window: window, output: output, progress: nil, throttled: nil,
                          secrets: SecretList([])), output, written)
    }

    @Test func pairsAreWrittenInOrderAndIAMFindingsOnce() async throws {
        let (sink, output, written) = sink(.text, accounts: 2, regions: 2, window: 4)
        let role = "arn:aws:iam::111122223333:role/app"
        let scopes = [("111122223333", "us-east-1"), ("111122223333", "eu-west-1"), ("444455556666", "us-east-1"), ("444455556666", "eu-west-1")]
        // Finished last-first: nothing is written until pair 0 is done, then everything in order.
        for index in [3, 2, 1] {
            let (account, region) = scopes[index]
            await sink.done(index, AuditScope(account: account, region: region),
                            findings: [finding("XR110", "arn:aws:ecs:\(region):\(account):task-definition/t\(index):1"), finding("XR402", role)],
                            notes: [], inventory: [])
        }
        #expect(written.count == 0)
        await sink.done(0, AuditScope(account: scopes[0].0, region: scopes[0].1),
                        findings: [finding("XR402", role), finding("XR110", "arn:aws:ecs:us-east-1:111122223333:task-definition/t0:1")],
                        notes: [], inventory: [])
        let result = await sink.result(accounts: 2)
        output.end(accounts: 2, pairs: result.pairs)
        let lines = written.text.split(separator: "\n").map(String.init)
        #expect(lines.map { $0.components(separatedBy: ":").prefix(6).joined(separator: ":") } == [
            "arn:aws:ecs:us-east-1:111122223333:task-definition/t0",
            "arn:aws:iam::111122223333:role/app",
            "arn:aws:ecs:eu-west-1:111122223333:task-definition/t1",
            "arn:aws:ecs:us-east-1:444455556666:task-definition/t2",
            // The same role ARN in another account is another role.
            "arn:aws:iam::111122223333:role/app",
            "arn:aws:ecs:eu-west-1:444455556666:task-definition/t3",
            "2 accounts, 4 account×region pairs audited: 0 errors, 6 warnings, 0 infos",
        ], "\(lines)")
        #expect(result.findings.isEmpty && result.counts[.warning] == 6 && result.fails(at: .warning) && !result.fails(at: .error))
    }

    @Test func aPairStartsOnlyWithinTheWindow() async throws {
        let (sink, _, _) = sink(.text, accounts: 5, regions: 1, window: 2)
        await sink.admit(0)
        await sink.admit(1)
        let started = Written()
        let late = Task {
            await sink.admit(2)
            started.add("2")
        }
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(started.count == 0, "pair 2 started while pair 0 was unwritten")
        // Pair 1 finishing does not help: 0 is still the first unwritten pair.
        await sink.done(1, AuditScope(account: "000000000001", region: "us-east-1"), findings: [], notes: [], inventory: [])
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(started.count == 0)
        // A whole account that could not be read finishes its pairs too.
        await sink.failed(0, AuditScope(account: "000000000000", region: "us-east-1"), call: "sts:AssumeRole (audit)",
                          AWSClient.Failure(code: "AccessDenied", message: "no"), wholeAccount: true)
        await late.value
        #expect(started.count == 1)
    }

    @Test(arguments: [AuditFormat.json, .sarif])
    func documentsWrittenInPiecesParse(_ format: AuditFormat) async throws {
        let (sink, output, written) = sink(format, accounts: 3, regions: 1, window: 3)
        for index in [2, 0, 1] {
            let findings = index == 1 ? [] : [finding("XR110", "arn:aws:ecs:us-east-1:00000000000\(index):task-definition/t:1", severity: .error),
                                              finding("XR107", "arn:aws:ecs:us-east-1:00000000000\(index):task-definition/u:1")]
            await sink.done(index, AuditScope(account: "00000000000\(index)", region: "us-east-1"), findings: findings, notes: [], inventory: [])
        }
        output.end(accounts: 3, pairs: 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written.text.utf8)) as? [String: Any], "\(written.text)")
        if format == .json {
            let findings = object["findings"] as? [[String: Any]] ?? []
            #expect(findings.compactMap { $0["address"] as? String } == [
                "arn:aws:ecs:us-east-1:000000000000:task-definition/t:1", "arn:aws:ecs:us-east-1:000000000000:task-definition/u:1",
                "arn:aws:ecs:us-east-1:000000000002:task-definition/t:1", "arn:aws:ecs:us-east-1:000000000002:task-definition/u:1"])
            let summary = object["summary"] as? [String: Int]
            #expect(summary == ["files": 3, "errors": 2, "warnings": 2, "infos": 0])
            #expect((object["tool"] as? [String: Any])?["name"] as? String == "xrayctl")
        } else {
            let runs = object["runs"] as? [[String: Any]] ?? []
            let results = runs.first?["results"] as? [[String: Any]] ?? []
            let driver = (runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any] ?? [:]
            let rules = driver["rules"] as? [Any] ?? []
            #expect(runs.count == 1 && results.count == 4 && !rules.isEmpty)
        }
        // Nothing found: still one document.
        let (_, empty, text) = self.sink(format, accounts: 0, regions: 1, window: 1)
        empty.end(accounts: 0, pairs: 0)
        #expect(try JSONSerialization.jsonObject(with: Data(text.text.utf8)) is [String: Any], "\(text.text)")
    }
}
