import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayRules
@testable import XRayViews

/// The stub of X-Ray's write and read APIs (Conformance/xray_read_stub.py) for the test's lifetime.
final class XRayReadStub: @unchecked Sendable {
    let endpoint: URL
    let udpPort: Int
    private let server: PythonServer

    init() async throws {
        server = try await PythonServer("xray_read_stub.py")
        let object = server.announcement
        guard let endpoint = (object["endpoint"] as? String).flatMap(URL.init(string:)), let udp = object["udp"] as? Int else {
            throw server.refused()
        }
        self.endpoint = endpoint
        udpPort = udp
    }

    func post(_ path: String, _ object: [String: Any]) async throws {
        let request = HTTPRequest(url: endpoint.appendingPathComponent(path), method: "POST",
                                  body: try JSONSerialization.data(withJSONObject: object), timeout: 10)
        _ = await HTTP.send(request)
    }

    /// Every request the stub received, with botocore's (or the OTLP layout's) problems, and the trace IDs stored.
    func records() async throws -> (records: [(operation: String, problems: [String])], stored: [String]) {
        let request = HTTPRequest(url: endpoint.appendingPathComponent("_stub/records"), timeout: 10)
        guard case .response(_, let body, _) = await HTTP.send(request),
              let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else { throw POSIXError(.EIO) }
        let records = (object["records"] as? [[Any]] ?? []).map { ($0.first as? String ?? "?", $0.last as? [String] ?? []) }
        return (records, object["stored"] as? [String] ?? [])
    }

    func stop() { server.stop() }
}

@Suite(.serialized, .tags(.slow), PythonTools.available([.botocore]))
struct DoctorVerifyTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIAVERIFYTEST000000", secretAccessKey: "verify-secret", sessionToken: nil, source: "test")

    func client(_ stub: XRayReadStub) -> AWSClient {
        AWSClient(credentials: Self.credentials, region: "us-east-1", endpointOverride: stub.endpoint, timeout: 10)
    }

    func options(_ stub: XRayReadStub, path: TraceVerification.Path, direct: Bool, wait: Double = 5) -> TraceVerification.Options {
        TraceVerification.Options(path: path, direct: direct, daemonHost: "127.0.0.1", daemonPort: stub.udpPort,
                                  collectorURL: stub.endpoint.appendingPathComponent("v1/traces"), wait: wait,
                                  firstDelay: 0.02, maxDelay: 0.1, timeout: 10)
    }

    /// After each scenario: botocore found nothing wrong with any request or answer.
    func expectValid(_ stub: XRayReadStub) async throws {
        let (records, _) = try await stub.records()
        #expect(!records.isEmpty)
        for record in records { #expect(record.problems.isEmpty, "\(record.operation): \(record.problems)") }
    }

    @Test(arguments: [(TraceVerification.Path.xraySDK, false), (.xraySDK, true), (.otlp, false), (.otlp, true)])
    func findsItsTraceOnEveryPath(_ path: TraceVerification.Path, _ direct: Bool) async throws {
        try PythonTools.require([.botocore])
        let stub = try await XRayReadStub()
        defer { stub.stop() }
        let result = await TraceVerification.run(client(stub), options: options(stub, path: path, direct: direct), earlier: [])
        #expect(result.found && result.indexed, "\(result.steps)")
        #expect(result.steps.map(\.name) == ["sent", "accepted", "stored", "indexed"])
        #expect(result.steps[2].state == .done && result.steps[3].state == .done)
        #expect(TraceVerification.findings(result).isEmpty)
        let (records, stored) = try await stub.records()
        #expect(stored == [result.trace.traceID])
        let operations = records.map(\.operation)
        #expect(operations.contains(path == .otlp ? "OTLP" : direct ? "PutTraceSegments" : "UDP"))
        #expect(operations.contains("BatchGetTraces") && operations.contains("GetTraceSummaries"))
        try await expectValid(stub)
    }

    @Test func findsALateTraceAfterPolling() async throws {
        try PythonTools.require([.botocore])
        let stub = try await XRayReadStub()
        defer { stub.stop() }
        try await stub.post("_stub/mode", ["visible_after": 4])
        let result = await TraceVerification.run(client(stub), options: options(stub, path: .xraySDK, direct: true, wait: 30), earlier: [])
        #expect(result.found && result.indexed)
        #expect(result.looks >= 4, "found after \(result.looks) look(s)")
        try await expectValid(stub)
    }

    @Test func aTraceThatNeverArrivesFailsWithItsCause() async throws {
        try PythonTools.require([.botocore])
        let stub = try await XRayReadStub()
        defer { stub.stop() }
        try await stub.post("_stub/mode", ["drop": true])
        // What the account checks found earlier: the evidence the causes cite.
        let earlier = [TransactionSearchOff.finding(at: .origin("aws:xray:GetTraceSegmentDestination"),
                                                    "the project sends OTLP to X-Ray, but Transaction Search is off (spans go to XRay)")]
        // A budget of several looks even on a loaded machine: the budget counts the looks themselves, and
        // the stub's first X-Ray answer (botocore loading its model, then validating) took over 3 s in a
        // loaded CI run, which left time for one look only. "Looked again" must not depend on that.
        let result = await TraceVerification.run(client(stub), options: options(stub, path: .otlp, direct: false, wait: 10), earlier: earlier)
        #expect(!result.found)
        #expect(result.looks >= 2)
        #expect(result.steps.map(\.state) == [.done, .done, .failed, .failed])
        #expect(result.causes.first?.contains("Transaction Search is not active") == true, "\(result.causes)")
        #expect(result.causes.contains { $0.contains("another region") && $0.contains("us-east-1") })
        let finding = try #require(TraceVerification.findings(result).first)
        #expect(finding.rule == "XR809" && finding.severity == .error)
        #expect(finding.message.contains(result.trace.traceID) && finding.message.contains("Transaction Search"))
        try await expectValid(stub)
    }

    @Test func looksInAWSSpansWithTransactionSearchOn() async throws {
        try PythonTools.require([.botocore])
        let stub = try await XRayReadStub()
        defer { stub.stop() }
        try await stub.post("_stub/mode", ["destination": "CloudWatchLogs", "visible_after": 2])
        let result = await TraceVerification.run(client(stub), options: options(stub, path: .otlp, direct: true, wait: 30), earlier: [])
        #expect(result.found && result.indexed && result.inSpans)
        #expect(result.steps.map(\.name) == ["sent", "accepted", "stored", "indexed", "in aws/spans"])
        #expect(result.steps.last?.state == .done)
        let (records, _) = try await stub.records()
        #expect(records.contains { $0.operation == "FilterLogEvents" })
        try await expectValid(stub)
    }

    @Test func storedButNotIndexedIsAWarning() async throws {
        try PythonTools.require([.botocore])
        let stub = try await XRayReadStub()
        defer { stub.stop() }
        try await stub.post("_stub/mode", ["indexed": false])
        let result = await TraceVerification.run(client(stub), options: options(stub, path: .xraySDK, direct: true, wait: 0.3), earlier: [])
        #expect(result.stored && !result.indexed)
        #expect(TraceVerification.findings(result).map(\.severity) == [.warning])
        #expect(result.causes.contains { $0.contains("not indexed") })
        try await expectValid(stub)
    }

    @Test func nothingListeningFailsAtTheFirstStep() async throws {
        try PythonTools.require([.botocore])
        let stub = try await XRayReadStub()
        defer { stub.stop() }
        var closed = options(stub, path: .otlp, direct: false)
        closed.collectorURL = URL(string: "http://127.0.0.1:1/v1/traces")
        let result = await TraceVerification.run(client(stub), options: closed, earlier: [])
        #expect(!result.found && result.looks == 0)
        #expect(result.steps.map(\.state) == [.failed, .notReached, .notReached, .notReached])
        #expect(result.causes.first?.hasPrefix("the trace was not sent") == true)
    }

    /// The binary: a trace that never arrives is exit 1, with the journey and XR809 in the text.
    @Test func theCommandExitsOneWhenTheTraceIsNotFound() async throws {
        try PythonTools.require([.botocore])
        let binary = try #require(TestSupport.xrayctl, "the xrayctl binary was not built beside the tests")
        let stub = try await XRayReadStub()
        defer { stub.stop() }
        try await stub.post("_stub/mode", ["drop": true])
        let project = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let environment = DoctorAWSTests.environment(["AWS_ACCESS_KEY_ID": "AKIAVERIFYTEST000000", "AWS_SECRET_ACCESS_KEY": "verify-secret",
                                                      "AWS_REGION": "us-east-1"])
        let result = try await TestSupport.run(binary, ["doctor", project.path, "--aws", "--verify", "--wait", "0.5", "--timeout", "5",
                                                  "--endpoint-url", stub.endpoint.absoluteString, "--daemon-address", "127.0.0.1:\(stub.udpPort)"],
                                         environment: environment)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("== trace verification (X-Ray SDK)"))
        #expect(result.stdout.contains("2. accepted: not confirmed"))
        #expect(result.stdout.contains("error: the X-Ray SDK test trace 1-"), "\(result.stdout)")
        #expect(result.stdout.contains("[XR809]"))
        #expect(!result.stdout.contains("verify-secret"))
        try await expectValid(stub)
    }

    /// `doctor --aws --verify --seen` end to end through Doctor.run: the exit-code finding, the
    /// service-graph table against the project's model, and the JSON.
    @Test func doctorVerifiesAndComparesTheServiceGraph() async throws {
        try PythonTools.require([.botocore])
        let stub = try await XRayReadStub()
        defer { stub.stop() }
        let project = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        // The fixture's ECS service and Lambda function, and a worker that sends nothing.
        let fixture = try #require(TestSupport.read(TestSupport.path("Tests/XRayKitTests/Fixtures/models/groups-split.yaml")))
        let worker = "  - name: worker\n    platform: ecs-fargate\n    image: 111122223333.dkr.ecr.us-west-2.amazonaws.com/shop-worker:1.0\n    port: 8081\n"
        try Data((fixture + worker).utf8).write(to: project.appendingPathComponent("xray.yaml"))
        let model = try #require(ProjectScan.projectModel(project.path))
        let names = model.services.map(\.name)
        try #require(names.count >= 2)
        // A Lambda service's node carries its function's name.
        let lambda = try #require(ServiceGraphComparison.modelServices(model).first { $0.graphNames.count == 2 })
        let graph: [[String: Any]] = [
            ["ReferenceId": 0, "Name": "clients", "Names": ["clients"], "Type": "client",
             "Edges": [["ReferenceId": 1, "SummaryStatistics": ["OkCount": 9, "TotalCount": 10,
                                                               "ErrorStatistics": ["ThrottleCount": 0, "OtherCount": 0, "TotalCount": 0],
                                                               "FaultStatistics": ["OtherCount": 1, "TotalCount": 1]]]]],
            ["ReferenceId": 1, "Name": names[0], "Names": [names[0]], "Type": "AWS::ECS::Container",
             "Edges": [["ReferenceId": 2, "SummaryStatistics": ["OkCount": 5, "TotalCount": 8,
                                                               "ErrorStatistics": ["ThrottleCount": 2, "OtherCount": 1, "TotalCount": 3],
                                                               "FaultStatistics": ["OtherCount": 0, "TotalCount": 0]]]]],
            ["ReferenceId": 2, "Name": "legacy-billing", "Names": ["legacy-billing"], "Type": "AWS::EC2::Instance"],
            ["ReferenceId": 3, "Name": lambda.graphNames[1], "Names": [lambda.graphNames[1]], "Type": "AWS::Lambda::Function"],
        ]
        try await stub.post("_stub/mode", ["graph": graph, "drop": true])
        var options = Doctor.Options(directory: project.path, daemonAddress: "127.0.0.1:\(stub.udpPort)", timeout: 5, aws: true,
                                     endpoint: stub.endpoint, environment: DoctorAWSTests.environment(["AWS_ACCESS_KEY_ID": "AKIAVERIFYTEST000000", "AWS_SECRET_ACCESS_KEY": "verify-secret", "AWS_REGION": "us-east-1"]),
                                     export: .xrayAPI)
        options.verify = true
        options.seen = true
        options.wait = 0.3
        options.firstLookDelay = 0.02
        let report = await Doctor.run(options)
        #expect(report.lintReport.fails(at: .error))
        #expect(report.lintReport.findings.contains { $0.rule == "XR809" })
        let silent = report.lintReport.findings.filter { $0.rule == "XR810" }
        let expectedSilent = Set(names.dropFirst()).subtracting([lambda.name])
        #expect(expectedSilent == ["worker"])
        #expect(Set(silent.compactMap { finding in names.first { finding.message.contains("'\($0)'") } }) == expectedSilent)
        let text = Doctor.text(report)
        #expect(text.contains("== trace verification (X-Ray SDK)"))
        #expect(text.contains("3. stored: failed"))
        #expect(text.contains("\(names[0]) -> legacy-billing"))
        let edgeLine = try #require(text.split(separator: "\n").first { $0.contains("\(names[0]) -> legacy-billing") })
        #expect(edgeLine.split(separator: " ").suffix(4) == ["8", "3", "0", "2"])
        let json = Doctor.render(report, .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let seen = try #require(object["serviceGraph"] as? [String: Any])
        #expect(Set(seen["silent"] as? [String] ?? []) == expectedSilent)
        #expect((seen["nodes"] as? [[String: Any]])?.contains { $0["name"] as? String == "legacy-billing" && $0["inModel"] as? Bool == false } == true)
        #expect((object["verification"] as? [String: Any])?["found"] as? Bool == false)
        #expect(object["report"] != nil)
        try await expectValid(stub)
    }
}
