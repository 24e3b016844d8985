import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// The account layer of `xrayctl doctor --aws`: the same credentials, region, signing and
/// requests an agent would use, against AWS (or the endpoint given).
public enum AccountChecks {
    public struct Options: Sendable {
        public var environment: [String: String]
        public var endpoint: URL?
        public var role: String?
        public var timeout: Double
        public var today: Date
        /// The project sends traces to X-Ray's OTLP endpoint (its model's `traces.export: otlp`, or
        /// `doctor --export otlp`), which needs Transaction Search on.
        public var sendsOTLP = false
    }

    /// A finding of `rule` about an AWS answer (`file` names the call, such as aws:iam:GetRole).
    package static func finding<R: Rule>(_ rule: R.Type, _ severity: Severity, _ file: String, _ message: String, fix: String? = nil) -> Finding {
        R.finding(at: .origin(file), message, fix: fix, severity: severity)
    }

    public static func run(_ options: Options) async -> (findings: [Finding], notes: [String]) {
        let resolver = CredentialResolver(environment: options.environment, timeout: options.timeout)
        let credentials = await resolver.credentials()
        let region = await resolver.region()
        guard let credentials, let region else {
            let missing = credentials == nil && region == nil ? "neither credentials nor a region" : credentials == nil ? "no credentials" : "no region"
            let incomplete = credentials == nil ? resolver.incompleteProfile().map { "; \($0)" } ?? "" : ""
            return ([finding(NoCredentialsOrRegion.self, .error, "aws", "\(missing) could be resolved (environment, shared config and credentials files for profile '\(resolver.profile)', ECS container credentials\(resolver.metadataDisabled ? "" : ", EC2 instance metadata"))\(incomplete)",
                             fix: region == nil ? "Set AWS_REGION (the daemon needs it too: -n or Region)" : "Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run where a role is attached")], [])
        }
        // The region becomes part of every endpoint's host name: anything but a region code
        // (`us east 1`, `evil.example#`) could break the URL or send signed calls elsewhere.
        guard Region.isWellFormed(region) else {
            return ([finding(NoCredentialsOrRegion.self, .error, "aws", "the region '\(region)' is not an AWS region code (such as us-east-1); it comes from AWS_REGION, AWS_DEFAULT_REGION or the config file's region for profile '\(resolver.profile)'",
                             fix: "Set AWS_REGION to a region code\(Suggestion.didYouMean(region, in: Region.known))")], [])
        }
        let (findings, notes) = await checks(credentials: credentials, region: region, options: options)
        // Nothing derived from an answer may echo a secret back (a server that reflects headers).
        let redact = { (text: String) in Redaction.redact(text, secrets: [credentials.secretAccessKey, credentials.sessionToken ?? "", credentials.accessKeyID]) }
        return (findings.map { var finding = $0; finding.message = redact(finding.message); finding.fix = finding.fix.map(redact); return finding },
                notes.map(redact))
    }

    /// What removes the caller's secrets from text built from AWS's answers.
    package struct Redactor: Sendable {
        var secrets: [String]
        package func text(_ text: String) -> String { Redaction.redact(text, secrets: secrets) }
        package func callAsFunction(_ finding: Finding) -> Finding {
            var finding = finding
            finding.message = text(finding.message)
            finding.fix = finding.fix.map(text)
            return finding
        }
    }

    /// The client the account checks use, when credentials and a well-formed region resolve (the
    /// account checks have already said why when they do not).
    package static func client(_ options: Options) async -> (AWSClient, Redactor)? {
        let resolver = CredentialResolver(environment: options.environment, timeout: options.timeout)
        guard let credentials = await resolver.credentials(), let region = await resolver.region(), Region.isWellFormed(region) else { return nil }
        return (AWSClient(credentials: credentials, region: region, endpointOverride: options.endpoint, timeout: options.timeout),
                Redactor(secrets: [credentials.secretAccessKey, credentials.sessionToken ?? "", credentials.accessKeyID]))
    }

    package static func checks(credentials: AWSCredentials, region: String, options: Options) async -> (findings: [Finding], notes: [String]) {
        let client = AWSClient(credentials: credentials, region: region, endpointOverride: options.endpoint, timeout: options.timeout)
        var findings: [Finding] = []
        var notes = ["credentials from \(credentials.source) (key \(credentials.accessKeyID.prefix(4))…), region \(region)\(options.endpoint.map { ", endpoint \($0.absoluteString)" } ?? "")"]

        do {
            let identity = try await client.query("sts", action: "GetCallerIdentity", version: "2011-06-15")
            notes.append("caller: \(identity.first("Arn") ?? "?") (account \(identity.first("Account") ?? "?"))")
        } catch {
            notes.append("sts:GetCallerIdentity failed: \(error)")
        }

        findings += await putTestSegment(client)

        do throws(AWSClient.Failure) {
            let answer = try await client.xray("/GetSamplingRules", body: "{}")
            guard answer?["SamplingRuleRecords"]?.items != nil else {
                throw AWSClient.Failure(code: "UnreadableAnswer", message: "the answer has no SamplingRuleRecords list")
            }
            let records = answer?["SamplingRuleRecords"]?.items?.count ?? 0
            notes.append("xray:GetSamplingRules: \(records) rule(s)")
            if let answer {
                let document = SourceDocument(path: "aws:xray:GetSamplingRules", text: "", root: answer, kind: .samplingRules, loadFindings: [])
                let samplingRules = Set(RuleCatalog.rules(in: .sampling).map(\.description.id))
                findings += Linter.lint([document], options: LintOptions(enabledOnly: samplingRules, today: options.today))
            }
        } catch where error.isAccessDenied {
            findings.append(finding(AgentRoleCannotSample.self, .warning, "aws:xray:GetSamplingRules",
                                    "these credentials cannot read the sampling rules (\(error)); an agent using them falls back to local rules",
                                    fix: "Allow xray:GetSamplingRules and xray:GetSamplingTargets (AWSXRayDaemonWriteAccess)"))
        } catch {
            notes.append("xray:GetSamplingRules failed: \(error)")
        }

        do {
            let config = try await client.xray("/EncryptionConfig", body: "{}")?["EncryptionConfig"]
            let type = config?["Type"]?.text ?? "?"
            notes.append("encryption: \(type)\(config?["KeyId"]?.text.map { " with \($0)" } ?? "")\(config?["Status"]?.text.map { " (\($0))" } ?? "")")
        } catch {
            notes.append("xray:GetEncryptionConfig failed: \(error)")
        }

        let search = await TransactionSearchCheck.run(client, sendsOTLP: options.sendsOTLP)
        findings += search.findings
        notes += search.notes

        if let role = options.role {
            let (roleFindings, roleNotes) = await RoleCheck.run(role, client: client)
            findings += roleFindings
            notes += roleNotes
        }
        return (findings, notes)
    }

    /// Sends one real segment with PutTraceSegments, as the daemon would.
    package static func putTestSegment(_ client: AWSClient) async -> [Finding] {
        let document = TestSegment.document()
        let body = CanonicalJSON.compact(JSONValue.object(["TraceSegmentDocuments": .array([.string(document)])]))
        let file = "aws:xray:PutTraceSegments"
        do {
            let answer = try await client.xray("/TraceSegments", body: body)
            if let rejected = answer?["UnprocessedTraceSegments"]?.items?.first {
                let code = rejected["ErrorCode"]?.text ?? "?", message = rejected["Message"]?.text ?? ""
                return [finding(CannotPutTraceSegments.self, .error, file, "X-Ray accepted the call but rejected the test segment: \(code) \(message)")]
            }
            return []
        } catch {
            let fix: String
            switch error.code {
            case _ where error.isAccessDenied:
                fix = "Allow xray:PutTraceSegments and xray:PutTelemetryRecords for this caller (attach AWSXRayDaemonWriteAccess)"
            case "InvalidSignatureException", "SignatureDoesNotMatch":
                fix = error.message.contains("expired") ? "Sync the clock (NTP): the signature is more than 15 minutes off" : "Check the secret key"
            case "UnrecognizedClientException", "InvalidClientTokenId":
                fix = "The access key does not exist in this account or partition; check the credentials and region"
            case "ConnectionFailed", "Timeout":
                fix = "Reach xray.\(client.region).amazonaws.com over HTTPS: a NAT gateway, an HTTPS proxy (-p / HTTPS_PROXY) or the com.amazonaws.\(client.region).xray interface endpoint"
            case "UnreadableAnswer":
                fix = "The endpoint answered, but not as X-Ray does: check --endpoint-url, HTTPS_PROXY and any proxy in between"
            default:
                fix = "See the error above"
            }
            return [finding(CannotPutTraceSegments.self, .error, file, "PutTraceSegments with these credentials failed: \(error)", fix: fix)]
        }
    }
}

/// `--role`: reads a role's trust, inline and attached policies and evaluates them for tracing.
package enum RoleCheck {
    package static func run(_ role: String, client: AWSClient) async -> (findings: [Finding], notes: [String]) {
        let name = role.split(separator: "/").last.map(String.init) ?? role
        let file = "aws:iam:role/\(name)"
        var notes: [String] = []
        var statements: [PolicyStatement] = []
        var unknown = 0
        do {
            let roleValues = try await client.query("iam", action: "GetRole", version: "2010-05-08", parameters: [("RoleName", name)])
            if let trust = roleValues.first("AssumeRolePolicyDocument").flatMap(policy(file: file + ":trust")) {
                let services = trust.statementNodes.flatMap { $0.field("principal")?.field("service")?.asList.compactMap(\.text) ?? [] }
                notes.append("role \(name) trusts \(services.isEmpty ? "no service" : services.joined(separator: ", "))")
            }
            let inline = try await client.query("iam", action: "ListRolePolicies", version: "2010-05-08", parameters: [("RoleName", name)])
            for policyName in inline.all("member") {
                let values = try await client.query("iam", action: "GetRolePolicy", version: "2010-05-08",
                                                     parameters: [("RoleName", name), ("PolicyName", policyName)])
                if let view = values.first("PolicyDocument").flatMap(policy(file: file + ":policy/\(policyName)")) {
                    statements += view.statements
                } else {
                    unknown += 1
                }
            }
            let attached = try await client.query("iam", action: "ListAttachedRolePolicies", version: "2010-05-08", parameters: [("RoleName", name)])
            for arn in attached.all("PolicyArn") {
                if let known = ManagedPolicies.statements(for: arn) {
                    statements += known
                    continue
                }
                let policyValues = try await client.query("iam", action: "GetPolicy", version: "2010-05-08", parameters: [("PolicyArn", arn)])
                guard let version = policyValues.first("DefaultVersionId") else { unknown += 1; continue }
                let versionValues = try await client.query("iam", action: "GetPolicyVersion", version: "2010-05-08",
                                                           parameters: [("PolicyArn", arn), ("VersionId", version)])
                if let view = versionValues.first("Document").flatMap(policy(file: file + ":" + arn)) {
                    statements += view.statements
                } else {
                    unknown += 1
                }
            }
            notes.append("role \(name): \(inline.all("member").count) inline and \(attached.all("PolicyArn").count) attached polic(ies)")
        } catch {
            return ([AccountChecks.finding(AgentRoleCannotUpload.self, .info, file, "cannot read role \(name): \(error)",
                                           fix: "Allow iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:GetPolicy and iam:GetPolicyVersion to check it")], notes)
        }
        var findings: [Finding] = []
        func decision(_ action: String) -> PolicyEvaluator.Decision {
            PolicyEvaluator.evaluate(action, statements: statements, unknownPolicies: unknown).decision
        }
        let upload = XRayActions.upload.map { ($0, decision($0)) }
        if upload.contains(where: { if case .denied = $0.1 { return true }; return false }) {
            findings.append(AccountChecks.finding(DenyRemovesXRay.self, .error, file, "an explicit Deny in role \(name) removes the X-Ray write actions"))
        } else if case let missing = upload.filter({ $0.1 == .notGranted }).map(\.0), !missing.isEmpty {
            findings.append(AccountChecks.finding(AgentRoleCannotUpload.self, .error, file, "role \(name) does not allow \(missing.joined(separator: " and "))",
                                                  fix: "Attach AWSXRayDaemonWriteAccess to \(name)"))
        } else if upload.contains(where: { $0.1 == .conditional }) {
            findings.append(AccountChecks.finding(ConditionalXRayGrant.self, .info, file, "role \(name) allows the X-Ray write actions only under a condition"))
        } else if upload.contains(where: { $0.1 == .unknown }) {
            findings.append(AccountChecks.finding(AgentRoleCannotUpload.self, .info, file, "cannot tell whether role \(name) allows the X-Ray write actions: a policy could not be read"))
        }
        let sampling = XRayActions.sampling.filter { decision($0) == .notGranted }
        if !sampling.isEmpty {
            findings.append(AccountChecks.finding(AgentRoleCannotSample.self, .warning, file, "role \(name) does not allow \(sampling.joined(separator: " and ")); agents using it ignore centralized sampling rules",
                                                  fix: "Attach AWSXRayDaemonWriteAccess to \(name)"))
        }
        return (findings, notes)
    }

    /// IAM returns policy documents URL-encoded; one that is not a JSON object is not read.
    package static func policy(file: String) -> (String) -> PolicyView? {
        { encoded in
            let text = encoded.removingPercentEncoding ?? encoded
            guard JSONAnswer.isObject(Data(text.utf8)) else { return nil }
            let document = DocumentLoader.load(path: file, data: Data(text.utf8))
            return document.root.map { PolicyView(document: document, node: $0, name: nil) }
        }
    }
}

extension AWSClient.Failure {
    package var isAccessDenied: Bool { ["AccessDeniedException", "AccessDenied", "UnauthorizedOperation"].contains(code) }
}
