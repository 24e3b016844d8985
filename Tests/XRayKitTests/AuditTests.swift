import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayRules
@testable import XRayViews

/// An organisation on moto (Conformance/audit_account.py) for the test's lifetime: three member
/// accounts, two seeded with known defects and clean resources in two regions, one whose audit
/// role may read nothing; X-Ray's reads go to apply_readme.py's recording stub.
final class AuditOrganisation: @unchecked Sendable {
    let moto: String
    let stub: String
    /// The Elastic Beanstalk and EKS reads moto lacks (audit_read_stub.py).
    let reads: String
    let keys: (String, String)
    let readable: [String]
    let locked: String
    /// Listed by Organizations too; it holds the audit role and no workloads.
    let management: String
    let defects: [(rule: String, arn: String, part: String?)]
    let clean: [String]
    /// The workloads seeded, as `--inventory json` must list them (without the migration command).
    let inventory: [[String: Any]]
    let secrets: [String]
    private let server: PythonServer

    init() async throws {
        server = try await PythonServer("audit_account.py")
        let object = server.announcement
        guard let moto = object["moto"] as? String, let stub = object["stub"] as? String,
              let reads = object["reads"] as? String, let keys = object["keys"] as? [String],
              let readable = object["readable"] as? [String], let locked = object["locked"] as? String,
              let management = object["management"] as? String,
              let seeded = object["seeded"] as? [String: Any], let secrets = object["secrets"] as? [String] else {
            throw server.refused()
        }
        self.moto = moto
        self.stub = stub
        self.reads = reads
        self.keys = (keys[0], keys[1])
        self.readable = readable
        self.locked = locked
        self.management = management
        defects = (seeded["defects"] as? [[String: String]] ?? []).map { ($0["rule"]!, $0["arn"]!, $0["part"]) }
        clean = seeded["clean"] as? [String] ?? []
        inventory = seeded["inventory"] as? [[String: Any]] ?? []
        self.secrets = secrets + [keys[1], keys[0]]
    }

    /// The environment of an audit run: the caller's keys, moto for every service, the stub for X-Ray
    /// and the read stub for Elastic Beanstalk and EKS.
    var environment: [String: String] {
        ["AWS_ACCESS_KEY_ID": keys.0, "AWS_SECRET_ACCESS_KEY": keys.1, "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
         "AWS_ENDPOINT_URL": moto, "AWS_ENDPOINT_URL_XRAY": stub,
         "AWS_ENDPOINT_URL_EKS": reads, "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK": reads,
         "HOME": FileManager.default.temporaryDirectory.appendingPathComponent("xrayctl-tests-no-home").path]
    }

    func stop() { server.stop() }
}

@Suite(.serialized, .tags(.slow), PythonTools.available(PythonTools.apply))
struct AuditTests {
    func audit(_ organisation: AuditOrganisation, _ arguments: [String]) async throws -> TestSupport.ProcessResult {
        let binary = try #require(TestSupport.xrayctl)
        return try await TestSupport.run(binary, ["audit"] + arguments, environment: organisation.environment)
    }

    @Test func findsTheSeededDefectsByARNAcrossTheOrganisation() async throws {
        try PythonTools.require(PythonTools.apply)
        let organisation = try await AuditOrganisation()
        defer { organisation.stop() }
        let result = try await audit(organisation, ["--org", "--role-name", "xrayctl-audit", "--regions", "us-east-1,eu-west-1", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)\n\(result.stderr)")
        let findings = report["findings"] as? [[String: Any]] ?? []
        func located(_ finding: [String: Any]) -> String { finding["file"] as? String ?? "" }

        // Every seeded defect, at its ARN (and container).
        for defect in organisation.defects {
            let place = defect.arn + (defect.part.map { " \($0)" } ?? "")
            #expect(findings.contains { $0["rule"] as? String == defect.rule && located($0) == place && $0["address"] as? String == defect.arn },
                    "\(defect.rule) at \(place) not found in \(findings.map { "\($0["rule"]!) \(located($0))" })")
        }
        // Clean resources give nothing but the end-of-support notice every X-Ray daemon gets (XR805:
        // each task definition running one); the revision no service runs is not read.
        for arn in organisation.clean {
            let found = findings.filter { located($0).hasPrefix(arn) }
            #expect(found.allSatisfy { $0["rule"] as? String == "XR805" }, "\(arn): \(found)")
            #expect(found.isEmpty != arn.contains(":task-definition/"), "\(arn): \(found)")
        }
        #expect(!findings.contains { located($0).contains("task-definition/unused") })

        // The locked account is reported (XR811) and skipped; both readable ones are read.
        let notAudited = findings.filter { $0["rule"] as? String == "XR811" }
        #expect(!notAudited.isEmpty && notAudited.allSatisfy { located($0).hasPrefix("AWS::::Account:\(organisation.locked)") }, "\(notAudited)")
        #expect(result.stderr.contains("\(organisation.locked) us-east-1: not audited"), "\(result.stderr)")
        for account in organisation.readable {
            #expect(findings.contains { located($0).contains(":\(account):") })
            #expect(!notAudited.contains { located($0).contains(account) })
        }

        // No credential of the run, nor a secret seeded in the resources, is printed anywhere.
        for secret in organisation.secrets {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "a secret was printed")
        }
        #expect(!result.stdout.contains("Signature=") && !result.stderr.contains("Signature="))
    }

    @Test func textAndSARIFNameTheARN() async throws {
        try PythonTools.require(PythonTools.apply)
        let organisation = try await AuditOrganisation()
        defer { organisation.stop() }
        let account = organisation.readable[1]
        let text = try await audit(organisation, ["--org", "--role-name", "xrayctl-audit", "--accounts", account, "--quiet"])
        let broken = "arn:aws:ecs:us-east-1:\(account):task-definition/broken-app:1"
        #expect(text.stdout.contains("\(broken) container xray-daemon: warning: "), "\(text.stdout)\n\(text.stderr)")
        #expect(text.stdout.contains("1 account, 1 account×region pair audited"))
        #expect(text.stderr.isEmpty, "--quiet: \(text.stderr)")

        let sarif = try await audit(organisation, ["--org", "--role-name", "xrayctl-audit", "--accounts", account, "--format", "sarif", "--quiet"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        let names = results.flatMap { result in
            ((result["locations"] as? [[String: Any]]) ?? []).flatMap { ($0["logicalLocations"] as? [[String: Any]]) ?? [] }
                .compactMap { $0["fullyQualifiedName"] as? String }
        }
        #expect(names.contains(broken), "\(names)")
        for secret in organisation.secrets {
            #expect(!text.stdout.contains(secret) && !sarif.stdout.contains(secret))
        }
    }

    @Test func inventoryListsExactlyTheWorkloads() async throws {
        try PythonTools.require(PythonTools.apply)
        let organisation = try await AuditOrganisation()
        defer { organisation.stop() }
        let result = try await audit(organisation, ["--org", "--role-name", "xrayctl-audit", "--regions", "us-east-1,eu-west-1", "--inventory", "json", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let workloads = try #require(object["workloads"] as? [[String: Any]])
        func key(_ row: [String: Any]) -> String {
            ["account", "region", "kind", "arn"].map { row[$0] as? String ?? "?" }.joined(separator: " ")
                + " " + ((row["agents"] as? [String]) ?? []).joined(separator: ";") + " " + ((row["sdkSignals"] as? [String]) ?? []).joined(separator: ";")
        }
        #expect(workloads.map(key).sorted() == organisation.inventory.map(key).sorted())
        // The daemon's workloads get the command that moves them to OTLP; the OpenTelemetry one none.
        for row in workloads {
            let migrate = row["migrate"] as? String
            if ((row["agents"] as? [String]) ?? []).contains(where: { $0.hasPrefix("xray-daemon") }), row["kind"] as? String != "beanstalk-environment" {
                #expect(migrate?.contains("xrayctl instrument") == true && migrate?.contains("--agent adot --export otlp") == true)
            } else if row["kind"] as? String == "lambda-function", ((row["agents"] as? [String]) ?? []) == ["none"] {
                #expect(migrate == nil)
            }
        }
        let csv = try await audit(organisation, ["--org", "--role-name", "xrayctl-audit", "--regions", "us-east-1,eu-west-1", "--inventory", "csv", "--quiet"])
        #expect(csv.stdout.split(separator: "\r\n").count == organisation.inventory.count + 1)
        #expect(csv.stdout.hasPrefix("account,region,kind,arn,agents,sdk_signals,migrate\r\n"))
    }

    @Test func shardsSplitTheOrganisationWithoutOverlap() async throws {
        try PythonTools.require(PythonTools.apply)
        let organisation = try await AuditOrganisation()
        defer { organisation.stop() }
        var seen: [String] = []
        for shard in ["1/2", "2/2"] {
            let result = try await audit(organisation, ["--org", "--role-name", "xrayctl-audit", "--shard", shard, "--format", "json"])
            let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("[") }
            seen += lines.compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
        }
        let all = (organisation.readable + [organisation.locked, organisation.management]).sorted()
        #expect(seen.sorted() == all, "\(seen)")
    }
}

/// The parts of audit that need no AWS: shards, addresses, the XML reader, redaction.
@Suite struct AuditUnitTests {
    /// `--print-policy` names the partition of the regions audited; the StackSet template leaves it to
    /// CloudFormation; Organizations is called at its one endpoint in each partition.
    @Test func policiesAndOrganizationsFollowThePartition() async throws {
        let china = Audit.rolePolicy(partition: .awsCN)
        #expect(china.contains("arn:aws-cn:ecs:*:*:service/*") && !china.contains("arn:aws:"))
        #expect(Audit.rolePolicy().contains("arn:aws:eks:*:*:cluster/*"))
        #expect(CanonicalJSON.encode(AuditPolicy.caller(roleName: "audit", partition: .awsUSGov)).contains("arn:aws-us-gov:iam::*:role/audit"))
        let template = Audit.stackSetTemplate
        #expect(template.contains("arn:${AWS::Partition}:apigateway:*::/apis") && !template.contains("\"arn:aws:"))
        #expect(Partition.allCases.map(Organization.endpointRegion) == ["us-east-1", "cn-northwest-1", "us-gov-west-1"])
        let printed = try await TestSupport.run(try #require(TestSupport.xrayctl), ["audit", "--print-policy", "--regions", "cn-north-1,cn-northwest-1"])
        #expect(printed.status == 0 && printed.stdout.contains("arn:aws-cn:eks:") && !printed.stdout.contains("arn:aws:"))
    }

    /// An endpoint that answers every call but the caller's identity with an error quoting the whole
    /// request: the credentials, the session token and the signature must not come back out.
    @Test func nothingSecretComesBackFromAnEchoingEndpoint() async throws {
        let listener = try LoopbackListener(tcp: .respond { request in
            let body: String
            let status: String
            if request.contains("GetCallerIdentity") {
                status = "200 OK"
                body = "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"
            } else {
                status = "400 Bad Request"
                let echoed = String(decoding: try! JSONSerialization.data(withJSONObject: [request]), as: UTF8.self).dropFirst().dropLast()
                body = "{\"__type\":\"ValidationException\",\"message\":\(echoed)}"
            }
            return "HTTP/1.1 \(status)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        })
        defer { listener.stop() }
        let secrets = ["AKIAECHOTESTKEY12345", "echo/secret+KEY/that-must-not-leak", "SESSIONTOKENechoedBYtheSERVER0123456789"]
        let lines = LineCollector()
        let result = try await Audit.run(.init(environment: ["AWS_ACCESS_KEY_ID": secrets[0], "AWS_SECRET_ACCESS_KEY": secrets[1],
                                                             "AWS_SESSION_TOKEN": secrets[2], "AWS_REGION": "us-east-1",
                                                             "AWS_EC2_METADATA_DISABLED": "true", "HOME": "/nonexistent"],
                                               endpoint: URL(string: "http://127.0.0.1:\(listener.port)"), timeout: 5,
                                               progress: { lines.add($0) }))
        #expect(listener.requests.contains { $0.contains(secrets[2]) && $0.contains("Signature=") }, "the token and signature were sent")
        let printed = [AuditFormat.text.render(result), AuditFormat.json.render(result), AuditFormat.sarif.render(result),
                       AuditFormat.asff.render(result)].joined() + result.notes.joined() + result.failures.joined() + lines.all.joined()
        #expect(result.findings.contains { $0.rule == "XR811" && $0.message.contains("ValidationException") }, "\(result.findings.map(\.message))")
        for secret in secrets { #expect(!printed.contains(secret)) }
        #expect(printed.range(of: "Signature=[0-9a-f]{8}", options: .regularExpression) == nil)
    }

    @Test func shardsAreDeterministicAndCoverEveryAccount() throws {
        let accounts = (1...7).map { String(format: "%012d", $0 * 7919) }
        let shards = try (1...3).map { try #require(Shard("\($0)/3")) }
        let split = shards.map { $0.select(accounts.shuffled()) }
        #expect(split.flatMap { $0 }.sorted() == accounts.sorted())
        #expect(Set(split[0]).isDisjoint(with: split[1]) && Set(split[1]).isDisjoint(with: split[2]))
        #expect(shards[0].select(accounts) == shards[0].select(accounts.reversed()))
        for bad in ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", ""] { #expect(Shard(bad) == nil, "\(bad)") }
    }

    @Test func findingsTakeTheAddressOfTheLongestPointer() throws {
        let object: [String: Any] = ["taskDefinition": ["taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3",
                                                        "containerDefinitions": [["name": "app", "image": "app"], ["name": "xray-daemon", "image": "amazon/aws-xray-daemon"]]]]
        let arn = "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3"
        let document = try #require(AuditDocument.make(path: "aws/111122223333/us-east-1/web.json", object: object, whole: AuditAddress(arn)) { root in
            (root["taskDefinition"]?["containerDefinitions"]?.items ?? []).enumerated().map { ($0.element.pointer, AuditAddress(arn, part: "container \($0.offset)")) }
        })
        #expect(document.document.kind == .taskDefinition)
        #expect(document.address(of: "/taskDefinition/containerDefinitions/1/image").description == "\(arn) container 1")
        #expect(document.address(of: "/taskDefinition/family").description == arn)
        #expect(document.address(of: "").description == arn)
    }

    @Test func queryAnswersBecomeTheCLIShape() throws {
        let xml = """
            <GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult><RoleDetailList><member>
            <RoleName>r</RoleName><Arn>arn:aws:iam::111122223333:role/r</Arn><RolePolicyList/>
            <AttachedManagedPolicies><member><PolicyArn>arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess</PolicyArn></member></AttachedManagedPolicies>
            </member></RoleDetailList><IsTruncated>false</IsTruncated></GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>
            """
        let tree = XMLTree(Data(xml.utf8))
        let value = try #require(tree.find("GetAccountAuthorizationDetailsResult")?.value(lists: ["RolePolicyList"]) as? [String: Any])
        let roles = try #require(value["RoleDetailList"] as? [[String: Any]])
        #expect(roles.count == 1)
        #expect((roles[0]["RolePolicyList"] as? [Any])?.isEmpty == true)
        #expect(((roles[0]["AttachedManagedPolicies"] as? [[String: Any]])?.first?["PolicyArn"] as? String) == "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess")
    }
}

/// What audit writes for AWS to read: the role's policy (moto's IAM grammar, Parliament, botocore),
/// the StackSet template (cfn-lint, no error or warning) and ASFF (botocore's BatchImportFindings
/// request validator).
@Suite(.tags(.slow), PythonTools.available(PythonTools.validators))
struct AuditArtifactTests {
    @Test func policyAndStackSetTemplatePassAWSValidators() async throws {
        try PythonTools.require(PythonTools.validators)
        let folder = TestSupport.TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("iam"), withIntermediateDirectories: true)
        try Data(Audit.rolePolicy().utf8).write(to: folder.url.appendingPathComponent("iam/xrayctl-audit.policy.json"))
        try Data(CanonicalJSON.encode(AuditPolicy.caller(roleName: "xrayctl-audit")).utf8)
            .write(to: folder.url.appendingPathComponent("iam/auditor.policy.json"))
        try Data(Audit.stackSetTemplate.utf8).write(to: folder.url.appendingPathComponent("cloudformation.yaml"))
        let report = try await PythonTools.validate(directory: folder.url)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.checked.count == 3)
        // Every call the audit makes, and nothing that writes.
        let actions = AuditPolicy.roleActions.flatMap(\.actions)
        #expect(actions.allSatisfy { $0.split(separator: ":")[1].hasPrefix("Get") || $0.split(separator: ":")[1].hasPrefix("List") || $0.split(separator: ":")[1].hasPrefix("Describe") })
    }

    @Test func asffPassesBotocoreAndIDsAreStable() async throws {
        try PythonTools.require(PythonTools.validators)
        var findings: [Finding] = []
        let places: [(String, String, String?)] = [
            ("XR110", "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3", "container xray-daemon"),
            ("XR402", "arn:aws:lambda:eu-west-1:111122223333:function:orders", nil),
            ("XR205", "arn:aws:iam::111122223333:role/task", nil),
            ("XR811", "AWS::::Account:444455556666", "eu-west-1"),
        ]
        for (rule, arn, part) in places {
            var finding = Finding(rule: rule, severity: .warning, message: "a \"message\" with text", location: .origin(arn + (part.map { " \($0)" } ?? "")),
                                  pointer: "", fix: "a fix")
            finding.address = arn
            findings.append(finding)
        }
        // More than one call's worth: 100 findings a line.
        for index in 0..<150 {
            var finding = Finding(rule: "XR107", severity: .error, message: "no task role", location: .origin("arn:aws:ecs:us-east-1:111122223333:task-definition/app\(index):1"),
                                  pointer: "", fix: nil)
            finding.address = finding.location.file
            findings.append(finding)
        }
        // API Gateway's ARNs name no account: the pair's account is used. Two findings of one rule on
        // one stage (two messages) stay two.
        for message in ["first problem", "second problem"] {
            var finding = Finding(rule: "XR405", severity: .warning, message: message,
                                  location: .origin("arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod"), pointer: "", fix: nil)
            finding.address = finding.location.file
            findings.append(finding)
        }
        let first = ASFF.render(findings, home: "us-east-1", account: "111122223333", now: Date(timeIntervalSince1970: 1_795_000_000))
        let again = ASFF.render(findings.reversed(), home: "us-east-1", account: "111122223333", now: Date(timeIntervalSince1970: 1_795_100_000))
        #expect(!first.contains("\"AwsAccountId\":\"\""))
        #expect(first.contains("\"ProductArn\":\"arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default\""))
        let lines = first.split(separator: "\n")
        #expect(lines.count == 2)
        func ids(_ text: String) throws -> Set<String> {
            Set(try text.split(separator: "\n").flatMap { line -> [String] in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                return (object["Findings"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String }
            })
        }
        #expect(try ids(first) == ids(again) && ids(first).count == findings.count)
        #expect(first.contains("\"ProductArn\":\"arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default\""))
        #expect(first.contains("\"ProductArn\":\"arn:aws:securityhub:eu-west-1:444455556666:product/444455556666/default\""))

        let script = """
            import json, sys
            import botocore.session
            from botocore.validate import ParamValidator
            shape = botocore.session.get_session().get_service_model("securityhub").operation_model("BatchImportFindings").input_shape
            problems = []
            for line in sys.stdin:
                report = ParamValidator().validate(json.loads(line), shape)
                if report.has_errors():
                    problems.append(report.generate_report())
            print(json.dumps(problems))
            """
        let result = try await TestSupport.run(TestSupport.which("python3")!, ["-c", script], stdin: first)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(result.stdout)\(result.stderr)")
    }
}

/// Progress lines, gathered from the audit's tasks.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// Audit's GETs (Lambda's `/2015-03-31/functions/`, API Gateway's `/restapis?position=…`) are signed
/// as botocore signs them: the trailing slash kept, no Content-Type without a body.
@Suite struct AuditSigningTests {
    @Test(.tags(.slow), PythonTools.available([.botocore]))
    func getRequestsMatchBotocore() async throws {
        try PythonTools.require([.botocore])
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                         sessionToken: "token", source: "test")
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        for (service, path) in [("lambda", "/2015-03-31/functions/"), ("apigateway", "/restapis?position=abc%3D%3D")] {
            let request = SigV4.Request(method: "GET", url: URL(string: "https://\(service).eu-west-1.amazonaws.com\(path)")!, headers: [:], body: Data())
            let signed = SigV4.sign(request, credentials: credentials, region: "eu-west-1", service: service, date: date)
            let script = """
                import datetime
                from unittest import mock
                from botocore.auth import SigV4Auth
                from botocore.awsrequest import AWSRequest
                from botocore.credentials import Credentials
                request = AWSRequest(method="GET", url="https://\(service).eu-west-1.amazonaws.com\(path)", data=b"")
                fixed = datetime.datetime.fromtimestamp(1795000000, datetime.timezone.utc).replace(tzinfo=None)
                with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
                    SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token"), "\(service)", "eu-west-1").add_auth(request)
                print(request.headers["Authorization"])
                """
            let result = try await TestSupport.run(TestSupport.which("python3")!, ["-c", script])
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == signed.headers["authorization"], "\(path): \(result.stderr)")
        }
    }
}
