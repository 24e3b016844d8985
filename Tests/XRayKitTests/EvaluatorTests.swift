import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct EvaluatorTests {
    func statements(_ json: String) throws -> [PolicyStatement] {
        let document = DocumentLoader.load(path: "p.json", data: Data(json.utf8))
        let root = try #require(document.root)
        return PolicyView(document: document, node: root, name: nil).statements
    }

    @Test func allowDenyAndNotGranted() throws {
        let policy = try statements(#"{"Statement": [{"Effect": "Allow", "Action": "XRAY:put*", "Resource": "*"}, {"Effect": "Deny", "Action": "xray:PutTelemetry?ecords", "Resource": "*"}]}"#)
        #expect(PolicyEvaluator.evaluate("xray:PutTraceSegments", statements: policy).decision == .allowed, "actions match case-insensitively")
        #expect(PolicyEvaluator.evaluate("xray:PutTelemetryRecords", statements: policy).decision == .denied(overridesAllow: true))
        #expect(PolicyEvaluator.evaluate("xray:GetSamplingRules", statements: policy).decision == .notGranted)
    }

    @Test func notActionNotResourceAndResources() throws {
        let policy = try statements(#"{"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "sts:*"], "Resource": "*"}, {"Effect": "Allow", "Action": "sts:AssumeRole", "NotResource": "arn:aws:iam::1:role/admin"}]}"#)
        #expect(PolicyEvaluator.evaluate("xray:PutTraceSegments", statements: policy).decision == .allowed)
        #expect(PolicyEvaluator.evaluate("iam:PassRole", statements: policy).decision == .notGranted)
        #expect(PolicyEvaluator.evaluate("sts:AssumeRole", resource: "arn:aws:iam::1:role/xray", statements: policy).decision == .allowed)
        #expect(PolicyEvaluator.evaluate("sts:AssumeRole", resource: "arn:aws:iam::1:role/admin", statements: policy).decision == .notGranted)
        let scoped = try statements(#"{"Statement": [{"Effect": "Allow", "Action": "xray:PutTraceSegments", "Resource": "arn:aws:xray:*:*:group/*"}]}"#)
        #expect(PolicyEvaluator.evaluate("xray:PutTraceSegments", statements: scoped).decision == .notGranted,
                "X-Ray write actions take resource *, which a group ARN does not match")
    }

    @Test func conditionsAndUnknownsAreNotGuessed() throws {
        let conditional = try statements(#"{"Statement": [{"Effect": "Allow", "Action": "xray:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}"#)
        #expect(PolicyEvaluator.evaluate("xray:PutTraceSegments", statements: conditional).decision == .conditional)
        #expect(PolicyEvaluator.evaluate("xray:PutTraceSegments", statements: [], unknownPolicies: 1).decision == .unknown)
        #expect(ManagedPolicies.statements(for: "arn:aws:iam::123456789012:policy/custom") == nil)
        let managed = try #require(ManagedPolicies.statements(for: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"))
        for action in ManagedPolicies.xrayWrite {
            #expect(PolicyEvaluator.evaluate(action, statements: managed).decision == .allowed)
        }
        let power = try #require(ManagedPolicies.statements(for: "PowerUserAccess"))
        #expect(PolicyEvaluator.evaluate("xray:PutTraceSegments", statements: power).decision == .allowed)
        #expect(PolicyEvaluator.evaluate("iam:CreateRole", statements: power).decision == .notGranted)
    }

    @Test func wildcardMatching() {
        #expect(Wildcard.matches("xray:Get*", "XRAY:GetSamplingRules"))
        #expect(Wildcard.matches("xray:?utTraceSegments", "xray:PutTraceSegments"))
        #expect(!Wildcard.matches("xray:Put", "xray:PutTraceSegments"))
        #expect(!Wildcard.matches("ARN:*", "arn:x", caseInsensitive: false))
        // ASCII text is matched byte for byte; the rest, and a CRLF (one character), character by character.
        #expect(Wildcard.asciiMatches("arn:aws:s3:::*/logs/*", "ARN:aws:s3:::bucket/logs/x", caseInsensitive: true) == true)
        #expect(Wildcard.asciiMatches("a*b*c", "aXbYd", caseInsensitive: true) == false)
        #expect(Wildcard.asciiMatches("é*", "é", caseInsensitive: true) == nil)
        #expect(Wildcard.asciiMatches("a?b", "a\r\nb", caseInsensitive: true) == nil)
        #expect(Wildcard.matches("a?b", "a\r\nb"))
        #expect(Wildcard.matches("CAFÉ:*", "café:x") && !Wildcard.matches("CAFÉ:*", "café:x", caseInsensitive: false))
    }

    @Test func byteSearch() {
        #expect("ab:layer:x:ab".utf8Offsets(of: "ab") == [0, 11])
        #expect("aaaa".utf8Offsets(of: "aa") == [0, 2])
        #expect("aaaa".utf8Offsets(of: "aa", first: true) == [0])
        #expect("ünïcode ${A}".containsBytes("${") && !"abc".containsBytes("abcd") && !"abc".containsBytes(""))
    }

    @Test func daemonAddressParsing() throws {
        #expect(try DaemonAddress.parse("127.0.0.1:2000").get() == DaemonAddress(udpHost: "127.0.0.1", udpPort: 2000, tcpHost: "127.0.0.1", tcpPort: 2000))
        #expect(try DaemonAddress.parse("udp:a:2000 tcp:b:3000").get() == DaemonAddress(udpHost: "a", udpPort: 2000, tcpHost: "b", tcpPort: 3000))
        let bad = ["http://a:2000", "a", "a:b", "a:2000 b:2000", "tcp:a:1 tcp:a:2", "a:1 b:2 c:3", "a:70000"]
        for text in bad {
            if case .success = DaemonAddress.parse(text) { Issue.record("accepted \(text)") }
        }
    }

    @Test func daemonFlags() {
        let nodes = ["-m", "24", "--bind=0.0.0.0:2000", "-o", "-r", "arn:aws:iam::1:role/x"].map {
            LocatedNode(.scalar(.init(text: $0, kind: .string, isQuoted: true)), at: SourceLocation(file: "f", line: 1, column: 1))
        }
        let flags = DaemonFlags(nodes)
        #expect(flags["buffer-memory"]?.value == "24")
        #expect(flags["bind"]?.value == "0.0.0.0:2000")
        #expect(flags["local-mode"] != nil && flags["local-mode"]?.value == nil)
        #expect(flags["role-arn"]?.value == "arn:aws:iam::1:role/x")
    }
}
