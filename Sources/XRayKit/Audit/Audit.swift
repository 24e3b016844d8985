import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// `xrayctl audit`: lints what is deployed. Reads, never writes: per account and region it
/// discovers ECS services and the task definitions they run, Lambda functions, API Gateway
/// stages, EKS clusters (add-ons, Pod Identity associations), Elastic Beanstalk environments'
/// option settings, IAM roles (once per account), X-Ray's sampling rules, encryption and groups and
/// Transaction Search, builds from the answers the documents lint reads from files, and runs the
/// same rules; each finding names the ARN it is about.
public enum Audit {
    public struct Options: Sendable {
        public var environment: [String: String]
        /// Regions to read; empty: the region the credentials chain resolves.
        public var regions: [String]
        public var endpoint: URL?
        public var timeout: Double
        /// Account×region pairs read at once.
        public var concurrency: Int
        /// Every active account of the organisation (Organizations ListAccounts).
        public var organization: Bool
        /// The role to assume in each account (`--role-name`); nil reads with the caller's credentials.
        public var roleName: String?
        /// Only these accounts.
        public var accounts: [String]
        public var shard: String?
        public var today: Date
        public var lintOptions: LintOptions
        /// Also list every workload with its agent (`--inventory`).
        public var inventory = false
        /// Progress lines (standard error in the CLI).
        public var progress: (@Sendable (String) -> Void)?
        /// Where findings are written as each pair finishes (the CLI: standard output); nil keeps them
        /// in `Result.findings`.
        package var output: AuditOutput?

        public init(environment: [String: String] = ProcessInfo.processInfo.environment, regions: [String] = [], endpoint: URL? = nil,
                    timeout: Double = 10, concurrency: Int = 4, organization: Bool = false, roleName: String? = nil,
                    accounts: [String] = [], shard: String? = nil, today: Date = Date(), lintOptions: LintOptions = LintOptions(),
                    progress: (@Sendable (String) -> Void)? = nil) {
            self.environment = environment
            self.regions = regions
            self.endpoint = endpoint
            self.timeout = timeout
            self.concurrency = concurrency
            self.organization = organization
            self.roleName = roleName
            self.accounts = accounts
            self.shard = shard
            self.today = today
            self.lintOptions = lintOptions
            self.progress = progress
        }
    }

    public struct Result: Sendable {
        /// Without `Options.output`: by pair (accounts by ID, regions as given), sorted within a pair.
        /// With it: empty, the findings were written.
        public var findings: [Finding]
        /// What was read where (`ACCOUNT REGION: …`).
        public var notes: [String]
        public var accounts: Int
        public var pairs: Int
        /// Accounts, regions or calls that could not be read, as said on standard error.
        public var failures: [String]
        /// With `inventory`: every workload read, by ARN.
        package var inventory: [InventoryRow] = []
        /// The first region read: where findings about global resources (IAM) are filed in ASFF.
        public var home = ""
        /// Findings by severity, written or kept.
        package var counts: [Severity: Int] = [:]

        public var lintReport: LintReport { LintReport(findings: findings, fileCount: pairs) }

        /// Whether any finding is at or above the threshold (exit code 1).
        public func fails(at threshold: Severity) -> Bool { counts.contains { $0.key >= threshold && $0.value > 0 } }
    }

    /// Why the audit could not start (no credentials or region, the organisation cannot be listed).
    public struct Stop: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Every region of the commercial partition (`--regions all`); the opt-in ones an account has
    /// not enabled are reported (XR811) and skipped.
    public static var allRegions: [String] { Region.known.filter { !$0.hasPrefix("cn-") && !$0.hasPrefix("us-gov-") } }

    public static func run(_ options: Options) async throws -> Result {
        let resolver = CredentialResolver(environment: options.environment, timeout: min(options.timeout, 5))
        guard let credentials = await resolver.credentials() else {
            throw Stop(description: "no credentials could be resolved (environment, shared config and credentials files for profile '\(resolver.profile)', ECS container credentials, EC2 instance metadata)")
        }
        // The home region (STS, Organizations' assumed roles, IAM findings in ASFF) is the caller's own,
        // never simply the first region asked for: `--regions all` starts with an opt-in region most
        // accounts have not enabled, and a home there would stop the whole audit.
        let resolved = await resolver.region().flatMap { Region.isWellFormed($0) ? $0 : nil }
        let fallback = options.regions.contains("us-east-1") ? "us-east-1" : options.regions.first
        guard let home = resolved ?? fallback, Region.isWellFormed(home) else {
            throw Stop(description: "no region: give --regions, or set AWS_REGION")
        }
        let regions = options.regions.isEmpty ? [home] : options.regions
        let secrets = SecretList([credentials])
        let base = AuditClient(client: client(credentials, region: home, options), throttled: ThrottleCounter())

        let caller: String
        do {
            caller = try await Organization.callerAccount(base)
        } catch {
            throw Stop(description: secrets.redact("sts:GetCallerIdentity failed: \(error)"))
        }
        var accounts: [String]
        if options.organization {
            do {
                accounts = try await Organization.activeAccounts(base)
            } catch {
                throw Stop(description: secrets.redact("organizations:ListAccounts failed: \(error) (run from the management account or a delegated administrator)"))
            }
        } else {
            accounts = options.accounts.isEmpty ? [caller] : options.accounts
        }
        if options.organization && !options.accounts.isEmpty { accounts = accounts.filter(Set(options.accounts).contains) }
        // Duplicates go before sharding, so that a repeated ID cannot shift the split between jobs.
        accounts = Array(Set(accounts)).sorted()
        if let shard = options.shard.flatMap(Shard.init) { accounts = shard.select(accounts) }

        let sink = AuditSink(accounts: accounts.count, regions: regions.count, window: options.concurrency, output: options.output,
                             progress: options.progress, throttled: base.throttled, secrets: secrets)
        options.output?.begin(home: regions[0])
        let limiter = Limiter(options.concurrency)
        await withTaskGroup(of: Void.self) { group in
            for (number, account) in accounts.enumerated() {
                group.addTask {
                    await auditAccount(account, first: number * regions.count, regions: regions, caller: caller, base: base, options: options,
                                       limiter: limiter, sink: sink, secrets: secrets)
                }
            }
        }
        var result = await sink.result(accounts: accounts.count)
        options.output?.end(accounts: accounts.count, pairs: result.pairs)
        result.home = regions[0]
        return result
    }

    static func client(_ credentials: AWSCredentials, region: String, _ options: Options) -> AWSClient {
        var client = AWSClient(credentials: credentials, region: region, endpointOverride: options.endpoint, timeout: options.timeout)
        if options.endpoint == nil {
            // The AWS SDKs' per-service and global endpoint variables (for emulators and VPC endpoints).
            client.endpointOverride = options.environment["AWS_ENDPOINT_URL"].flatMap(URL.init(string:))
            let services = ["xray": "XRAY", "ecs": "ECS", "lambda": "LAMBDA", "apigateway": "API_GATEWAY", "iam": "IAM", "sts": "STS",
                            "organizations": "ORGANIZATIONS", "logs": "CLOUDWATCH_LOGS", "eks": "EKS",
                            "elasticbeanstalk": "ELASTIC_BEANSTALK"]
            for (service, name) in services {
                if let url = options.environment["AWS_ENDPOINT_URL_" + name].flatMap(URL.init(string:)) { client.serviceEndpoints[service] = url }
            }
        }
        return client
    }

    /// One account: its role, its IAM (once), then its regions, pairs `first…` in the output's order.
    private static func auditAccount(_ account: String, first: Int, regions: [String], caller: String, base: AuditClient, options: Options,
                                     limiter: Limiter, sink: AuditSink, secrets: SecretList) async {
        // Admission before the limiter: a pair holding a slot never waits for the reorder buffer.
        await sink.admit(first)
        await limiter.acquire()
        var client = base
        let home = AuditScope(account: account, region: regions[0])
        if let role = options.roleName {
            do {
                let credentials = try await Organization.assume(base, account: account, role: role, partition: home.partition)
                secrets.add(credentials)
                client.client.credentials = credentials
            } catch {
                await limiter.release()
                await sink.failed(first, home, call: "sts:AssumeRole (\(role))", error, wholeAccount: true)
                return
            }
        } else if account != caller {
            await limiter.release()
            await sink.failed(first, home, call: "the caller's credentials are for \(caller) (give --role-name to read other accounts)",
                              AWSClient.Failure(code: "WrongAccount", message: ""), wholeAccount: true)
            return
        }
        let iam: AuditDocument?
        do {
            iam = try await IAMDiscovery.run(client, scope: home)
        } catch {
            iam = nil
            await sink.failed(first, AuditScope(account: account, region: "global"), call: "iam:GetAccountAuthorizationDetails", error)
        }
        await limiter.release()
        let accountClient = client
        await withTaskGroup(of: Void.self) { group in
            for (offset, region) in regions.enumerated() {
                group.addTask {
                    await sink.admit(first + offset)
                    await limiter.acquire()
                    var regional = accountClient
                    regional.client.region = region
                    await auditRegion(first + offset, AuditScope(account: account, region: region), client: regional, iam: iam, options: options, sink: sink)
                    await limiter.release()
                }
            }
        }
    }

    /// One account+region: discovery, the documents, the lint run, the findings by ARN.
    private static func auditRegion(_ index: Int, _ scope: AuditScope, client: AuditClient, iam: AuditDocument?, options: Options, sink: AuditSink) async {
        var documents: [AuditDocument] = []
        var notes: [String] = []
        // ECS first: an account or region the caller cannot use at all fails here, once.
        do {
            documents += try await ECSDiscovery.run(client, scope: scope)
        } catch where error.isNotPermitted {
            await sink.failed(index, scope, call: "ecs:ListClusters", error, wholeRegion: true)
            return
        } catch {
            await sink.failed(index, scope, call: "ecs", error)
        }
        var template = AuditTemplate()
        do { try await ServerlessDiscovery.functions(client, into: &template) } catch { await sink.failed(index, scope, call: "lambda:ListFunctions", error) }
        do { try await ServerlessDiscovery.stages(client, scope: scope, into: &template) } catch { await sink.failed(index, scope, call: "apigateway", error) }
        do { try await EKSDiscovery.run(client, scope: scope, into: &template) } catch { await sink.failed(index, scope, call: "eks", error) }
        do { documents += try await BeanstalkDiscovery.run(client, scope: scope) } catch { await sink.failed(index, scope, call: "elasticbeanstalk", error) }
        if let document = template.document(path: scope.path("resources.json"), whole: AuditAddress(scope.accountAddress, part: scope.region)) {
            documents.append(document)
        }
        do {
            if let document = try await XRayDiscovery.samplingRules(client, scope: scope) { documents.append(document) }
        } catch {
            await sink.failed(index, scope, call: "xray:GetSamplingRules", error)
        }
        do { notes.append(try await XRayDiscovery.encryption(client)) } catch { await sink.failed(index, scope, call: "xray:GetEncryptionConfig", error) }
        do { notes.append(try await XRayDiscovery.groups(client)) } catch { await sink.failed(index, scope, call: "xray:GetGroups", error) }

        let all = documents + (iam.map { [$0] } ?? [])
        let result = Linter.run(all.map(\.document), options: LintOptions(disabled: options.lintOptions.disabled,
                                                                         enabledOnly: options.lintOptions.enabledOnly, today: options.today))
        let byPath = Dictionary(all.map { ($0.document.path, $0) }) { first, _ in first }
        var findings = result.findings.compactMap { finding -> Finding? in
            guard let document = byPath[finding.location.file] else { return nil }
            return addressed(finding, document.address(of: finding.pointer))
        }
        // OTLP senders in the account need Transaction Search (docs/xray-facts.md §10): any container or
        // function whose variables name X-Ray's OTLP endpoint.
        let sendsOTLP = documents.contains { $0.document.text.range(of: #"xray\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/v1/traces"#, options: .regularExpression) != nil }
        let search = await TransactionSearchCheck.run(client.client, sendsOTLP: sendsOTLP)
        findings += search.findings.filter { options.lintOptions.isEnabled($0.rule) }.map { finding in
            addressed(finding, AuditAddress(scope.accountAddress, part: "\(scope.region) \(finding.location.file.replacingOccurrences(of: "aws:", with: ""))"))
        }
        notes += search.notes
        await sink.done(index, scope, findings: findings, notes: notes, inventory: options.inventory ? Inventory.rows(documents, scope: scope) : [])
    }

    private static func addressed(_ finding: Finding, _ address: AuditAddress) -> Finding {
        var finding = finding
        finding.address = address.arn
        finding.location = .origin(address.description)
        return finding
    }
}

/// The credentials of a run, so no text the audit prints can carry one (an endpoint that echoes
/// a request back, an error that quotes a header).
package final class SecretList: @unchecked Sendable {
    private let lock = NSLock()
    private var secrets: [String] = []

    package init(_ credentials: [AWSCredentials]) { credentials.forEach(add) }

    package func add(_ credentials: AWSCredentials) {
        lock.withLock { secrets += [credentials.accessKeyID, credentials.secretAccessKey, credentials.sessionToken ?? ""] }
    }

    package func redact(_ text: String) -> String {
        let text = Redaction.redact(text, secrets: lock.withLock { secrets })
        // A signature is no credential, but it is not the output's business either (an echoed
        // Authorization header).
        guard text.contains("Signature=") else { return text }
        return text.replacingOccurrences(of: "Signature=[0-9a-fA-F]+", with: "Signature=[redacted]", options: .regularExpression)
    }
}

/// At most `count` holders at once: the bound on account×region pairs in flight.
package actor Limiter {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    package init(_ count: Int) { free = max(1, count) }

    package func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    package func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}

/// What `xrayctl audit` prints: lint's formats, or Security Hub's.
public enum AuditFormat: String, CaseIterable, Sendable {
    case text, json, sarif, asff

    /// A finished run's findings, written as the streaming output writes them (AuditOutput).
    public func render(_ result: Audit.Result, now: Date = Date()) -> String {
        let text = TextBuffer()
        let output = AuditOutput(format: self, now: now, write: text.append)
        output.begin(home: result.home)
        output.pair(result.findings)
        output.end(accounts: result.accounts, pairs: result.pairs)
        return text.value
    }
}

/// Text gathered from a writer.
private final class TextBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ part: String) { lock.withLock { text += part } }
    var value: String { lock.withLock { text } }
}

/// `audit --inventory FORMAT`.
public enum InventoryFormat: String, CaseIterable, Sendable {
    case markdown, csv, json

    public func render(_ result: Audit.Result) -> String {
        switch self {
        case .markdown: return Inventory.markdown(result.inventory)
        case .csv: return Inventory.csv(result.inventory)
        case .json: return Inventory.json(result.inventory)
        }
    }
}

extension Audit {
    /// `--print-policy`: the audit role's permissions, exactly the calls the audit makes, with ARNs
    /// in the partition of the regions audited.
    public static func rolePolicy(partition: Partition = .aws) -> String { CanonicalJSON.encode(AuditPolicy.role(partition: partition)) }
    /// `--print-stackset-template`: the audit role as a CloudFormation template for a StackSet.
    public static var stackSetTemplate: String { AuditPolicy.stackSetTemplate() }
}
