import ArgumentParser
import XRayKit
import Foundation

// `xrayctl generate ARTIFACT [flags]`: each artifact takes only the flags it uses, in small groups,
// each flag with its help and (where there is a fixed set) its accepted values.

/// Where the artifact belongs: every artifact takes these.
struct AccountFlags: ParsableArguments {
    @Option(help: "The AWS region.") var region = "us-east-1"
    @Option(help: "The 12-digit account ID (role ARNs carry the placeholder ACCOUNT_ID without it).") var account: String?
    @Option(help: "The project: prefixes role, family and rule names (default: the service's name).") var project: String?
}

/// The agent that receives segments.
struct AgentFlags: ParsableArguments {
    @Option(help: "The agent.") var agent: AgentSpec.Kind?
    @Option(name: .customLong("buffer-mb"), help: "The daemon's buffer in MB (-m), at least 3.") var bufferMB: Int?
    @Option(name: .customLong("log-level"), help: "The daemon's log level (\(AgentSpec.logLevels.joined(separator: ", "))).") var logLevel: String?
    @Option(name: .customLong("cross-account-role"), help: "A role ARN in another account the daemon uploads with (-r).") var crossAccountRole: String?

    var fields: [String: String] {
        ["kind": agent?.rawValue, "buffer_mb": bufferMB.map(String.init), "log_level": logLevel,
         "cross_account_role": crossAccountRole].compactMapValues { $0 }
    }
}

enum ECSPlatform: String, ExpressibleByArgument, CaseIterable {
    case ecsEC2Sidecar = "ecs-ec2-sidecar", ecsFargate = "ecs-fargate", ecsEC2Daemon = "ecs-ec2-daemon"
}

extension ECSServiceSpec.NetworkMode: ExpressibleByArgument {}

/// An ECS service's container.
struct ServiceFlags: ParsableArguments {
    @Option(help: "The service's name.") var name = "app"
    @Option(help: "Where it runs.") var platform: ECSPlatform = .ecsFargate
    @Option(help: "The app's image, such as public.ecr.aws/nginx/nginx:1.27.") var image: String?
    @Option(help: "The app's container port.") var port: Int?
    @Option(name: .customLong("network-mode"), help: "The network mode (Fargate: awsvpc).") var networkMode: ECSServiceSpec.NetworkMode?
    @Option(help: "The app's CPU units.") var cpu: Int?
    @Option(name: .customLong("memory-reservation"), help: "The app's memory reservation in MiB.") var memoryReservation: Int?

    var fields: [String: String] {
        ["name": name, "platform": platform.rawValue, "image": image, "port": port.map(String.init),
         "network_mode": networkMode?.rawValue, "cpu": cpu.map(String.init),
         "memory_reservation": memoryReservation.map(String.init)].compactMapValues { $0 }
    }
}

enum ArtifactRoleUse: String, ExpressibleByArgument, CaseIterable { case agent, lambda, ec2 }

/// One sampling rule.
struct RuleFlags: ParsableArguments {
    @Option(name: .customLong("rule-name"), help: "The rule's name (prefixed with the project).") var ruleName = "rule"
    @Option(help: "1 to 9999; lower is tried first.") var priority = 1000
    @Option(help: "Traces per second recorded before the rate applies.") var reservoir = 1
    @Option(help: "The fraction of further requests recorded, 0 to 1.") var rate = 0.05
    @Option(help: "The service name pattern (* and ?).") var service: String?
    @Option(help: "The host pattern.") var host: String?
    @Option(help: "The HTTP method pattern.") var method: String?
    @Option(help: "The URL path pattern.") var path: String?

    var fields: [String: String] {
        ["name": ruleName, "priority": String(priority), "reservoir": String(reservoir), "rate": String(rate),
         "service": service, "host": host, "method": method, "path": path].compactMapValues { $0 }
    }
}

extension SingleArtifact {
    /// Prints the artifact; a value the model's validation refuses is said of the flag that set it (exit 64).
    func print(_ request: SingleArtifact.Request) throws {
        do {
            Swift.print(try render(request), terminator: "")
        } catch {
            throw CLIFailure.usage(modelTree(request).flags.errorLines(error))
        }
    }

    static func request(_ account: AccountFlags) -> Request {
        var request = Request()
        request.region = account.region
        request.account = account.account
        request.project = account.project
        return request
    }
}

extension XRayCtl.Generate {
    static let artifactCommands: [any ParsableCommand.Type] = [
        Ebextensions.self, TaskDefinition.self, DaemonService.self, Policy.self, TrustPolicy.self, DaemonConfig.self,
        SamplingRules.self, LambdaTracing.self, TransactionSearch.self,
    ]

    static func configuration(_ artifact: SingleArtifact, _ what: String) -> CommandConfiguration {
        CommandConfiguration(commandName: artifact.rawValue, abstract: "Print \(what) from flags alone, without a model file.")
    }

    struct Ebextensions: ParsableCommand {
        static let configuration = XRayCtl.Generate.configuration(.ebextensions, "an .ebextensions config that turns on Beanstalk's X-Ray daemon")
        @OptionGroup var account: AccountFlags
        @Option(help: "The environment's name.") var name = "app"
        @Option(name: .customLong("log-level"), help: "The daemon's log level (\(AgentSpec.logLevels.joined(separator: ", "))), written to its cfg.yaml.") var logLevel: String?
        func run() throws {
            var request = SingleArtifact.request(account)
            request.service = ["name": name, "log_level": logLevel].compactMapValues { $0 }
            try SingleArtifact.ebextensions.print(request)
        }
    }

    struct TaskDefinition: ParsableCommand {
        static let configuration = XRayCtl.Generate.configuration(.taskDefinition, "an ECS task definition with the agent wired in (RegisterTaskDefinition input)")
        @OptionGroup var account: AccountFlags
        @OptionGroup var service: ServiceFlags
        @OptionGroup var agent: AgentFlags
        func run() throws {
            var request = SingleArtifact.request(account)
            request.service = service.fields
            request.agent = agent.fields
            try SingleArtifact.taskDefinition.print(request)
        }
    }

    struct DaemonService: ParsableCommand {
        static let configuration = XRayCtl.Generate.configuration(.daemonService, "the ECS DAEMON service that runs one agent per container instance (CreateService input)")
        @OptionGroup var account: AccountFlags
        @OptionGroup var agent: AgentFlags
        func run() throws {
            var request = SingleArtifact.request(account)
            request.agent = agent.fields
            try SingleArtifact.daemonService.print(request)
        }
    }

    struct Policy: ParsableCommand {
        static let configuration = XRayCtl.Generate.configuration(.policy, "the permission policy of a role that uploads traces")
        @OptionGroup var account: AccountFlags
        @Option(help: "The role's service name.") var name = "app"
        @Option(help: "Whose role: the agent's task role, a Lambda execution role, or an EC2 instance role.") var `for`: ArtifactRoleUse = .agent
        @Option(name: .customLong("cross-account-role"), help: "A role ARN in another account the agent assumes (the policy then allows only that).") var crossAccountRole: String?
        func run() throws {
            var request = SingleArtifact.request(account)
            request.service = ["name": name]
            request.roleFor = self.for.rawValue
            request.agent = ["cross_account_role": crossAccountRole].compactMapValues { $0 }
            try SingleArtifact.policy.print(request)
        }
    }

    struct TrustPolicy: ParsableCommand {
        static let configuration = XRayCtl.Generate.configuration(.trustPolicy, "the trust policy of a role that uploads traces")
        @OptionGroup var account: AccountFlags
        @Option(help: "The role's service name.") var name = "app"
        @Option(help: "Whose role: the agent's task role, a Lambda execution role, or an EC2 instance role.") var `for`: ArtifactRoleUse = .agent
        func run() throws {
            var request = SingleArtifact.request(account)
            request.service = ["name": name]
            request.roleFor = self.for.rawValue
            try SingleArtifact.trustPolicy.print(request)
        }
    }

    struct DaemonConfig: ParsableCommand {
        static let configuration = XRayCtl.Generate.configuration(.daemonConfig, "the X-Ray daemon's cfg.yaml (Version 2)")
        @OptionGroup var account: AccountFlags
        @OptionGroup var agent: AgentFlags
        func run() throws {
            var request = SingleArtifact.request(account)
            request.agent = agent.fields
            try SingleArtifact.daemonConfig.print(request)
        }
    }

    struct SamplingRules: ParsableCommand {
        static let configuration = XRayCtl.Generate.configuration(.samplingRules, "one sampling rule (an array of CreateSamplingRule inputs)")
        @OptionGroup var account: AccountFlags
        @OptionGroup var rule: RuleFlags
        func run() throws {
            var request = SingleArtifact.request(account)
            request.rule = rule.fields
            try SingleArtifact.samplingRules.print(request)
        }
    }

    struct LambdaTracing: ParsableCommand {
        static let configuration = XRayCtl.Generate.configuration(.lambdaTracing, "the UpdateFunctionConfiguration input that turns on a function's active tracing")
        @OptionGroup var account: AccountFlags
        @Option(help: "The service's name.") var name = "app"
        @Option(name: .customLong("function-name"), help: "The function's name or ARN (default: --name).") var functionName: String?
        func run() throws {
            var request = SingleArtifact.request(account)
            request.service = ["name": name, "function_name": functionName].compactMapValues { $0 }
            try SingleArtifact.lambdaTracing.print(request)
        }
    }

    struct TransactionSearch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transaction-search",
            abstract: "Turn on Transaction Search in an account, without a model of its services.",
            discussion: """
                Writes what 'traces: {transaction_search: {}}' in xray.yaml generates: the CloudWatch Logs \
                resource policy X-Ray writes spans with, the UpdateTraceSegmentDestination and \
                UpdateIndexingRule inputs, the permissions to turn it on, a CloudFormation template, \
                Terraform, and a README with the steps. X-Ray's OTLP endpoint drops spans until it is on. \
                Without -o the files go to standard output, each after a '==> PATH <==' line.
                """)
        @Option(help: "The AWS region.") var region = "us-east-1"
        @Option(help: "The 12-digit account ID (the files carry the placeholder ACCOUNT_ID without it).") var account: String?
        @Option(help: "Names the CloudWatch Logs resource policy (PROJECT-xray-transaction-search).") var project = TransactionSearchArtifact.defaultProject
        @Option(name: .customLong("indexing-percentage"), help: "The share of spans indexed as trace summaries, 0 to 100 (default 1; 1% is free).")
        var indexingPercentage: Double?
        @Option(name: [.short, .long], help: "Write the files under this directory instead of standard output.") var output: String?
        @Flag(help: "With -o: overwrite files xrayctl did not write or that were edited since.") var force = false

        func run() throws {
            var request = SingleArtifact.Request()
            request.region = region
            request.account = account
            request.project = project
            let files: [GeneratedFile]
            do {
                files = try TransactionSearchArtifact.files(request, indexingPercentage: indexingPercentage)
            } catch {
                throw CLIFailure.usage(TransactionSearchArtifact.flags.errorLines(error))
            }
            guard let directory = output else {
                Swift.print(files.map { "==> \($0.path) <==\n" + $0.contents }.joined(separator: "\n"), terminator: "")
                return
            }
            let written: [String]
            do {
                written = try ArtifactWriter(directory: URL(fileURLWithPath: directory)).write(files, force: force).written
            } catch {
                throw CLIFailure.unusable(error.description)
            }
            for path in written { Swift.print("wrote \(directory)/\(path)") }
            if written.isEmpty { Swift.print("\(directory) is up to date") }
        }
    }
}
