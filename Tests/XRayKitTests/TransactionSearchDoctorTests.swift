import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// `doctor --aws` and Transaction Search. moto 5.2.1 implements none of X-Ray's Transaction Search
/// calls (GetTraceSegmentDestination, GetIndexingRules), so a stub answers them, and CloudWatch
/// Logs' DescribeResourcePolicies, the way the services do (shapes from botocore's models).
@Suite struct TransactionSearchDoctorTests {
    /// An HTTP stub for X-Ray (rest-json paths) and CloudWatch Logs (JSON 1.1 targets).
    static func stub(destination: String, status: String, policies: [String]) throws -> LoopbackListener {
        try LoopbackListener(tcp: .respond { request in
            let body: String
            if request.contains("/GetTraceSegmentDestination") {
                body = #"{"Destination": "\#(destination)", "Status": "\#(status)"}"#
            } else if request.contains("/GetIndexingRules") {
                body = #"{"IndexingRules": [{"Name": "Default", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": 2.5}}}]}"#
            } else if request.lowercased().contains("x-amz-target: logs_20140328.describeresourcepolicies") {
                let entries = policies.map { #"{"policyName": "p", "policyDocument": \#(String(reflecting: $0))}"# }
                body = #"{"resourcePolicies": [\#(entries.joined(separator: ","))]}"#
            } else {
                body = "{}"
            }
            return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        })
    }

    static let environment = ["AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secretsecretsecret",
                              "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", "HOME": "/nonexistent-xrayctl-home"]
    static let spansPolicy = #"{"Statement":[{"Effect":"Allow","Principal":{"Service":"xray.amazonaws.com"},"Action":"logs:PutLogEvents","Resource":"arn:aws:logs:us-east-1:123456789012:log-group:aws/spans:*"}]}"#

    static func check(_ stub: LoopbackListener, otlp: Bool) async -> (findings: [Finding], notes: [String]) {
        await AccountChecks.run(.init(environment: environment, endpoint: URL(string: "http://127.0.0.1:\(stub.port)"), role: nil,
                                      timeout: 3, today: Date(), sendsOTLP: otlp))
    }

    @Test func otlpWhileTransactionSearchIsOffIsAnError() async throws {
        let stub = try Self.stub(destination: "XRay", status: "ACTIVE", policies: [])
        defer { stub.stop() }
        let result = await Self.check(stub, otlp: true)
        let search = result.findings.filter { $0.rule == "XR808" }
        #expect(search.map(\.location.file).sorted() == ["aws:logs:DescribeResourcePolicies", "aws:xray:GetTraceSegmentDestination"], "\(result.findings.map(\.message))")
        #expect(search.first { $0.location.file.hasSuffix("Destination") }?.message.contains("is off (spans go to XRay)") == true)
        // Both point to the command that works without a model of the project's services.
        #expect(search.allSatisfy { $0.fix?.contains("xrayctl generate transaction-search --region \(Self.environment["AWS_REGION"] ?? "") -o transaction-search") == true },
                "\(search.map { $0.fix ?? "" })")
        #expect(result.notes.contains("trace segment destination: XRay (ACTIVE)"))
        #expect(result.notes.contains("indexing rules: Default 2.5%"))
    }

    @Test func pendingIsNotYetOn() async throws {
        let stub = try Self.stub(destination: "CloudWatchLogs", status: "PENDING", policies: [Self.spansPolicy])
        defer { stub.stop() }
        let result = await Self.check(stub, otlp: true)
        #expect(result.findings.filter { $0.rule == "XR808" }.map(\.message) == ["the project sends OTLP to X-Ray, but Transaction Search is still PENDING: X-Ray drops those spans without an error"])
    }

    @Test func activeWithItsPolicyIsFine() async throws {
        let stub = try Self.stub(destination: "CloudWatchLogs", status: "ACTIVE", policies: [Self.spansPolicy])
        defer { stub.stop() }
        let result = await Self.check(stub, otlp: true)
        #expect(!result.findings.contains { $0.rule == "XR808" }, "\(result.findings.map(\.message))")
        #expect(result.notes.contains("CloudWatch Logs resource policies: 1, one lets X-Ray write spans"))
    }

    /// A project on the X-Ray API does not need Transaction Search: notes only.
    @Test func theXRayAPIPathOnlyReports() async throws {
        let stub = try Self.stub(destination: "XRay", status: "ACTIVE", policies: [])
        defer { stub.stop() }
        let result = await Self.check(stub, otlp: false)
        #expect(!result.findings.contains { $0.rule == "XR808" })
        #expect(result.notes.contains("trace segment destination: XRay (ACTIVE)"))
    }

    /// Without --export, doctor takes the export from the project's xray.yaml.
    @Test func theProjectModelSaysItSendsOTLP() async throws {
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("version: 1\nproject: p\nregion: us-east-1\nagent: {kind: adot}\ntraces: {export: otlp, transaction_search: {}}\nservices:\n  - {name: fn, platform: lambda, function_name: f}\n".utf8)
            .write(to: folder.appendingPathComponent("xray.yaml"))
        let stub = try Self.stub(destination: "XRay", status: "ACTIVE", policies: [])
        defer { stub.stop() }
        let options = Doctor.Options(directory: folder.path, daemonAddress: "127.0.0.1:\(LoopbackListener.closedPort())", timeout: 1, aws: true,
                                     endpoint: URL(string: "http://127.0.0.1:\(stub.port)"), environment: Self.environment)
        let report = await Doctor.run(options)
        #expect(report.layers.last?.findings.contains { $0.rule == "XR808" } == true)
        var overridden = options
        overridden.export = .xrayAPI
        #expect(await Doctor.run(overridden).layers.last?.findings.contains { $0.rule == "XR808" } == false)
    }
}

/// doctor probes the OTLP receivers beside X-Ray's 2000: an empty POST /v1/traces on the HTTP port,
/// a connection on the gRPC port.
@Suite struct OTLPProbeTests {
    @Test func reportsAnHTTPReceiverAndARefusedGRPCPort() async throws {
        let http = try LoopbackListener(tcp: .respond { request in
            let status = request.hasPrefix("POST /v1/traces ") ? "200 OK" : "404 Not Found"
            return "HTTP/1.1 \(status)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        })
        defer { http.stop() }
        let closed = LoopbackListener.closedPort()
        let notes = await OTLPProbe.notes(host: "127.0.0.1", ports: (grpc: closed, http: http.port), timeout: 2)
        #expect(notes == ["OTLP HTTP 127.0.0.1:\(http.port): POST /v1/traces answered HTTP 200",
                          "OTLP gRPC 127.0.0.1:\(closed): connection refused (no OTLP receiver there; the X-Ray daemon has none)"])
        // Something listening on the gRPC port (here an HTTP/1.1 server) counts as a receiver.
        let listening = await OTLPProbe.notes(host: "127.0.0.1", ports: (grpc: http.port, http: closed), timeout: 2)
        #expect(listening.last == "OTLP gRPC 127.0.0.1:\(http.port): accepts connections")
    }
}
