import ArgumentParser
import XRayKit

/// The flags every single-artifact command takes; each artifact uses the ones it needs.
struct ArtifactFlags: ParsableArguments {
    @Option var region = "us-east-1"
    @Option var account: String?
    @Option var project: String?
    @Option(help: "The service's name.") var name: String?
    @Option(help: "ecs-ec2-sidecar, ecs-fargate or ecs-ec2-daemon (task-definition).") var platform: String?
    @Option var image: String?
    @Option var port: Int?
    @Option(name: .customLong("network-mode")) var networkMode: String?
    @Option var cpu: Int?
    @Option(name: .customLong("memory-reservation")) var memoryReservation: Int?
    @Option(name: .customLong("function-name")) var functionName: String?
    @Option(help: "agent (default), lambda or ec2 (policy, trust-policy).") var `for` = "agent"
    @Option(help: "xray-daemon, adot or cloudwatch-agent.") var agent: String?
    @Option(name: .customLong("buffer-mb")) var bufferMB: Int?
    @Option(name: .customLong("log-level")) var logLevel: String?
    @Option(name: .customLong("cross-account-role")) var crossAccountRole: String?
    @Option(name: .customLong("rule-name"), help: "sampling-rules: the rule's name.") var ruleName: String?
    @Option var priority: Int?
    @Option var reservoir: Int?
    @Option var rate: Double?
    @Option var service: String?
    @Option var host: String?
    @Option var method: String?
    @Option var path: String?

    func print(_ artifact: SingleArtifact) throws {
        var request = SingleArtifact.Request()
        request.region = region
        request.account = account
        request.project = project
        request.roleFor = self.for
        request.agent = ["kind": agent, "buffer_mb": bufferMB.map(String.init), "log_level": artifact == .ebextensions ? nil : logLevel,
                         "cross_account_role": crossAccountRole].compactMapValues { $0 }
        request.service = ["name": name, "platform": platform, "image": image, "port": port.map(String.init),
                           "network_mode": networkMode, "cpu": cpu.map(String.init),
                           "memory_reservation": memoryReservation.map(String.init), "function_name": functionName,
                           "log_level": artifact == .ebextensions ? logLevel : nil].compactMapValues { $0 }
        request.rule = ["name": ruleName ?? "rule", "priority": String(priority ?? 1000), "reservoir": String(reservoir ?? 1),
                        "rate": String(rate ?? 0.05), "service": service, "host": host, "method": method, "path": path]
            .compactMapValues { $0 }
        do {
            Swift.print(try artifact.render(request), terminator: "")
        } catch {
            // The model is made from flags: name the flag, not a model key or a place in a file.
            for diagnostic in error.diagnostics where diagnostic.severity == .error {
                printError("error: " + Self.namingFlags(diagnostic.message))
            }
            throw ExitCode(64)
        }
    }

    /// Model keys as the flags that set them (`image` → `--image`, `memory_reservation` →
    /// `--memory-reservation`), in a message the model's validation wrote.
    static func namingFlags(_ message: String) -> String {
        let keys = ["memory_reservation", "function_name", "network_mode", "cross_account_role", "buffer_mb", "log_level",
                    "image", "port", "cpu", "platform", "rate", "priority", "reservoir", "project", "region", "account"]
        var text = message.replacingOccurrences(of: "the required key", with: "the required flag")
        for key in keys {
            let flag = "--" + key.replacingOccurrences(of: "_", with: "-")
            text = text.replacingOccurrences(of: "'\(key)'", with: flag)
            if text.hasPrefix(key + " ") { text = flag + text.dropFirst(key.count) }
            text = text.replacingOccurrences(of: " \(key) must", with: " \(flag) must")
        }
        return text
    }
}

/// One subcommand per artifact (`xrayctl generate task-definition --name api --image IMG`).
protocol ArtifactCommand: ParsableCommand {
    static var artifact: SingleArtifact { get }
    var flags: ArtifactFlags { get }
}

extension ArtifactCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: artifact.rawValue,
                             abstract: "Print the \(artifact.rawValue) artifact from flags alone, without a model file.")
    }

    func run() throws { try flags.print(Self.artifact) }
}

extension XRayCtl.Generate {
    static let artifactCommands: [any ParsableCommand.Type] = [
        Ebextensions.self, TaskDefinition.self, DaemonService.self, Policy.self, TrustPolicy.self, DaemonConfig.self,
        SamplingRules.self, LambdaTracing.self,
    ]

    struct Ebextensions: ArtifactCommand { static let artifact = SingleArtifact.ebextensions; @OptionGroup var flags: ArtifactFlags }
    struct TaskDefinition: ArtifactCommand { static let artifact = SingleArtifact.taskDefinition; @OptionGroup var flags: ArtifactFlags }
    struct DaemonService: ArtifactCommand { static let artifact = SingleArtifact.daemonService; @OptionGroup var flags: ArtifactFlags }
    struct Policy: ArtifactCommand { static let artifact = SingleArtifact.policy; @OptionGroup var flags: ArtifactFlags }
    struct TrustPolicy: ArtifactCommand { static let artifact = SingleArtifact.trustPolicy; @OptionGroup var flags: ArtifactFlags }
    struct DaemonConfig: ArtifactCommand { static let artifact = SingleArtifact.daemonConfig; @OptionGroup var flags: ArtifactFlags }
    struct SamplingRules: ArtifactCommand { static let artifact = SingleArtifact.samplingRules; @OptionGroup var flags: ArtifactFlags }
    struct LambdaTracing: ArtifactCommand { static let artifact = SingleArtifact.lambdaTracing; @OptionGroup var flags: ArtifactFlags }
}
