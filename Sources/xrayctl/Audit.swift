import ArgumentParser
import Foundation
import XRayKit

extension AuditFormat: ExpressibleByArgument {}
extension InventoryFormat: ExpressibleByArgument {}

extension XRayCtl {
    struct AuditCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Lint what is deployed: the accounts and regions of an organisation, read-only, with the lint rules.",
            discussion: """
                Reads (never writes), per account and region: ECS services and the task definition revisions \
                they and running tasks use, Lambda functions, API Gateway REST stages and HTTP APIs, EKS clusters \
                (add-ons, Pod Identity associations), Elastic Beanstalk environments' option settings, IAM roles \
                and their policies (once per account), X-Ray sampling rules, encryption, groups and Transaction \
                Search. It builds the documents lint reads from files and runs the same rules; each finding \
                names the ARN (and container) it is about. Findings are written as each account×region pair \
                finishes, pairs in a fixed order (accounts by ID, regions as given), so memory stays flat. With --org it lists the organisation's active \
                accounts and assumes --role-name in each. An account or region that cannot be read is reported \
                (XR811) and skipped. Progress goes to standard error. Credentials come from the AWS CLI's chain; \
                AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured like the AWS SDKs do.
                """)

        @Option(help: "The shared config profile to read with (default: AWS_PROFILE, else default).")
        var profile: String?
        @Option(help: "Regions to read, comma-separated, or all (default: the profile's region).")
        var regions: String?
        @Option(name: .customLong("endpoint-url"), help: "Send every AWS call to this endpoint (an emulator).")
        var endpointURL: String?
        @Flag(help: "Read every active account of the organisation (AWS Organizations ListAccounts; needs --role-name).")
        var org = false
        @Option(name: .customLong("role-name"), help: "The read-only role to assume in each account.")
        var roleName: String?
        @Option(help: "Only these account IDs, comma-separated.")
        var accounts: String?
        @Option(help: "I/N: read only the I-th of N shares of the accounts (sorted by ID), for N parallel jobs.")
        var shard: String?
        @Option(help: "Account×region pairs read at once.")
        var concurrency = 4
        @Option(help: "Seconds to wait for each AWS answer.")
        var timeout = 10.0
        @Option(name: [.short, .long], help: "Output format (asff: Security Hub BatchImportFindings input, one call's worth a line).")
        var format: AuditFormat = .text
        @Option(help: "Print the inventory of workloads (agent, SDK signs, migration command) in this format instead of the findings.")
        var inventory: InventoryFormat?
        @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity.") var failOn: Severity = .error
        @Flag(name: [.short, .long], help: "No progress on standard error.")
        var quiet = false
        @Flag(name: .customLong("print-policy"), help: "Print the least-privilege read-only policy the audit role needs (ARNs in the partition of --regions), and call nothing.")
        var printPolicy = false
        @Flag(name: .customLong("print-stackset-template"), help: "Print a CloudFormation template of the audit role for a StackSet over the organisation, and call nothing.")
        var printStackSetTemplate = false

        var regionList: [String] {
            guard let regions else { return [] }
            if regions.lowercased() == "all" { return Audit.allRegions }
            return regions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        var accountList: [String] {
            (accounts ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }

        func validate() throws {
            if let endpointURL, URL(string: endpointURL)?.scheme == nil { throw ValidationError("--endpoint-url must be a URL such as http://127.0.0.1:5000") }
            if let bad = regionList.first(where: { !Region.isWellFormed($0) }) { throw ValidationError("'\(bad)' in --regions is not a region code (such as us-east-1), nor all") }
            if regions != nil && regionList.isEmpty { throw ValidationError("--regions names no region") }
            if let bad = accountList.first(where: { $0.count != 12 || !$0.allSatisfy(\.isNumber) }) { throw ValidationError("'\(bad)' in --accounts is not a 12-digit account ID") }
            if let shard, Shard(shard) == nil { throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, such as 2/8") }
            if org && roleName == nil { throw ValidationError("--org reads member accounts through a role: give --role-name") }
            if !accountList.isEmpty && !org && roleName == nil && accountList.count > 1 {
                throw ValidationError("--accounts with several accounts needs --role-name (the caller's credentials read one account)")
            }
            if let roleName, !AWSNames.isRoleName(roleName) { throw ValidationError("--role-name must be a role name, not an ARN or path") }
            guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 64") }
            guard timeout > 0, timeout <= 120 else { throw ValidationError("--timeout must be between 0 and 120 seconds") }
        }

        func run() async throws {
            if printPolicy {
                print(Audit.rolePolicy(partition: regionList.first.map(Partition.of(region:)) ?? .aws), terminator: "")
                return
            }
            if printStackSetTemplate {
                print(Audit.stackSetTemplate, terminator: "")
                return
            }
            var environment = ProcessInfo.processInfo.environment
            if let profile { environment["AWS_PROFILE"] = profile }
            let progress: (@Sendable (String) -> Void)? = quiet ? nil : { @Sendable line in printError(line) }
            var options = Audit.Options(environment: environment, regions: regionList, endpoint: endpointURL.flatMap(URL.init(string:)),
                                        timeout: timeout, concurrency: concurrency, organization: org, roleName: roleName,
                                        accounts: accountList, shard: shard, today: XRayCtl.Lint.today(),
                                        progress: progress)
            options.inventory = inventory != nil
            if inventory == nil {
                // Findings are written as each account×region pair finishes, not held to the end.
                options.output = AuditOutput(format: format, now: XRayCtl.Lint.today()) { @Sendable text in
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
            let result: Audit.Result
            do {
                result = try await Audit.run(options)
            } catch {
                throw CLIFailure.unusable("audit: error: \(error)")
            }
            if let inventory {
                print(inventory.render(result), terminator: "")
                return
            }
            if result.fails(at: failOn) { throw CLIFailure.findings }
        }
    }
}
