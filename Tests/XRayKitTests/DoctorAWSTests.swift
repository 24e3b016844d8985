import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// A moto account on a free loopback port, with IAM enforcement on, for the test's lifetime.
final class MotoAccount: @unchecked Sendable {
    let endpoint: String
    let permitted: (String, String)
    let denied: (String, String)
    private let server: PythonServer

    init() async throws {
        // Port 0: the server binds a free port itself and reports its endpoint, once moto serves and
        // the account is set up.
        server = try await PythonServer("moto_account.py", arguments: ["0"], deadline: 60)
        let object = server.announcement
        guard let endpoint = object["endpoint"] as? String, let keys = object["keys"] as? [String: [String]],
              let permitted = keys["permitted"], let denied = keys["denied"] else {
            throw server.refused()
        }
        self.endpoint = endpoint
        self.permitted = (permitted[0], permitted[1])
        self.denied = (denied[0], denied[1])
    }

    func stop() { server.stop() }
}

@Suite(.serialized, .tags(.slow), PythonTools.available(PythonTools.emulator))
struct DoctorAWSTests {
    /// A clean environment: no real credentials, no instance metadata, a home that does not exist.
    static func environment(_ extra: [String: String]) -> [String: String] {
        ["HOME": FileManager.default.temporaryDirectory.appendingPathComponent("xrayctl-tests-no-home").path, "AWS_EC2_METADATA_DISABLED": "true", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""]
            .merging(extra) { _, new in new }
    }

    func check(_ account: MotoAccount, _ environment: [String: String], role: String? = nil) async -> (findings: [Finding], notes: [String]) {
        await AccountChecks.run(.init(environment: Self.environment(environment), endpoint: URL(string: account.endpoint), role: role,
                                      timeout: 15, today: Date(timeIntervalSince1970: 1_795_000_000)))
    }

    @Test func againstTheEmulator() async throws {
        try PythonTools.require(PythonTools.emulator)
        let account = try await MotoAccount()
        defer { account.stop() }

        // A permitted user: the test segment is accepted and the caller is reported.
        let permitted = await check(account, ["AWS_ACCESS_KEY_ID": account.permitted.0, "AWS_SECRET_ACCESS_KEY": account.permitted.1, "AWS_REGION": "us-east-1"])
        #expect(!permitted.findings.contains { ["XR806", "XR807"].contains($0.rule) }, "\(permitted.findings.map(\.message))")
        #expect(permitted.notes.contains("caller: arn:aws:iam::123456789012:user/permitted (account 123456789012)"))

        // A denied user: PutTraceSegments fails with the AWS error.
        let denied = await check(account, ["AWS_ACCESS_KEY_ID": account.denied.0, "AWS_SECRET_ACCESS_KEY": account.denied.1, "AWS_REGION": "us-east-1"])
        let rejection = try #require(denied.findings.first { $0.rule == "XR806" })
        #expect(rejection.message.contains("AccessDenied"))
        #expect(rejection.message.contains("user/denied"))
        #expect(rejection.fix?.contains("AWSXRayDaemonWriteAccess") == true)

        // Credentials from a shared credentials file and profile, region from the config file.
        let home = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try Data("[tracing]\naws_access_key_id = \(account.permitted.0)\naws_secret_access_key = \(account.permitted.1)\n".utf8)
            .write(to: home.appendingPathComponent(".aws/credentials"))
        try Data("[profile tracing]\nregion = eu-west-1\n".utf8).write(to: home.appendingPathComponent(".aws/config"))
        let profile = await check(account, ["HOME": home.path, "AWS_PROFILE": "tracing"])
        #expect(profile.notes.first?.hasPrefix("credentials from shared credentials file, profile tracing") == true, "\(profile.notes)")
        #expect(profile.notes.first?.contains("region eu-west-1") == true)
        #expect(!profile.findings.contains { $0.rule == "XR806" })

        // No credentials at all.
        let none = await check(account, ["AWS_REGION": "us-east-1"])
        #expect(none.findings.map(\.rule) == ["XR807"])
        let noRegion = await check(account, ["AWS_ACCESS_KEY_ID": account.permitted.0, "AWS_SECRET_ACCESS_KEY": account.permitted.1])
        #expect(noRegion.findings.map(\.rule) == ["XR807"])
        #expect(noRegion.findings.first?.message.hasPrefix("no region") == true)

        // A role without X-Ray permissions, and one with them.
        let keys = ["AWS_ACCESS_KEY_ID": account.permitted.0, "AWS_SECRET_ACCESS_KEY": account.permitted.1, "AWS_REGION": "us-east-1"]
        let weak = await check(account, keys, role: "no-xray-role")
        #expect(weak.findings.filter { $0.location.file == "aws:iam:role/no-xray-role" }.map(\.rule).sorted() == ["XR201", "XR202"])
        #expect(weak.notes.contains("role no-xray-role trusts ecs-tasks.amazonaws.com"))
        let strong = await check(account, keys, role: "arn:aws:iam::123456789012:role/xray-role")
        #expect(strong.findings.filter { $0.location.file == "aws:iam:role/xray-role" }.isEmpty, "\(strong.findings.map(\.message))")
    }

    @Test func cliReportsTheAccountLayer() async throws {
        try PythonTools.require(PythonTools.emulator)
        let account = try await MotoAccount()
        defer { account.stop() }
        let binary = try #require(TestSupport.xrayctl)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["doctor", "--dir", TestSupport.path("examples/broken/daemon").path, "--aws", "--endpoint-url", account.endpoint,
                             "--daemon-address", "127.0.0.1:\(LoopbackListener.closedPort())", "--timeout", "15", "--format", "json"]
        process.environment = Self.environment(["AWS_ACCESS_KEY_ID": account.denied.0, "AWS_SECRET_ACCESS_KEY": account.denied.1, "AWS_REGION": "us-east-1"])
        let result = try await TestSupport.run(process)
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rules = Set(((report["findings"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
        #expect(rules.isSuperset(of: ["XR502", "XR803", "XR806"]), "\(rules)")
    }
}

/// The signature is AWS's own algorithm: it matches botocore's SigV4Auth byte for byte.
@Suite struct SigV4Tests {
    @Test(.tags(.slow), PythonTools.available([.botocore]))
    func matchesBotocore() async throws {
        try PythonTools.require([.botocore])
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                         sessionToken: "token/with+chars", source: "test")
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let body = Data(#"{"TraceSegmentDocuments": ["{}"]}"#.utf8)
        let request = SigV4.Request(method: "POST", url: URL(string: "https://xray.us-east-2.amazonaws.com/TraceSegments?b=2&a=x y")!,
                                    headers: ["Content-Type": "application/json"], body: body)
        let signed = SigV4.sign(request, credentials: credentials, region: "us-east-2", service: "xray", date: date)
        let script = """
            import datetime, sys
            from unittest import mock
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            request = AWSRequest(method="POST", url="https://xray.us-east-2.amazonaws.com/TraceSegments?b=2&a=x%20y",
                                 data=b'{"TraceSegmentDocuments": ["{}"]}', headers={"Content-Type": "application/json"})
            fixed = datetime.datetime.fromtimestamp(1795000000, datetime.timezone.utc).replace(tzinfo=None)
            with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
                SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token/with+chars"), "xray", "us-east-2").add_auth(request)
            print(request.headers["Authorization"])
            """
        let result = try await TestSupport.run(TestSupport.which("python3")!, ["-c", script])
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == signed.headers["authorization"], "\(result.stderr)")
    }

    /// A blank session token (AWS_SESSION_TOKEN set but empty) is no token, as in botocore: it is
    /// neither sent nor signed.
    @Test func aBlankSessionTokenIsNoToken() {
        let request = SigV4.Request(method: "GET", url: URL(string: "https://xray.us-east-2.amazonaws.com/")!, headers: [:], body: Data())
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        func signed(_ token: String?) -> [String: String] {
            SigV4.sign(request, credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: token, source: "test"),
                       region: "us-east-2", service: "xray", date: date).headers
        }
        #expect(signed("") == signed(nil))
        #expect(signed("").keys.contains("x-amz-security-token") == false)
        #expect(signed("t")["x-amz-security-token"] == "t")
    }
}
