import XRayCore
import XRaySampling

/// `xrayctl generate ARTIFACT [flags]`: one artifact from flags alone, without a model file.
/// The flags become a small model tree, which goes through the same validation, and the one
/// generator that makes the artifact is asked for it.
public enum SingleArtifact: String, CaseIterable, Sendable {
    case ebextensions
    case taskDefinition = "task-definition"
    case daemonService = "daemon-service"
    case policy
    case trustPolicy = "trust-policy"
    case daemonConfig = "daemon-config"
    case samplingRules = "sampling-rules"
    case lambdaTracing = "lambda-tracing"

    /// What the flags say, in the model's key names.
    public struct Request: Sendable {
        public var region = "us-east-1"
        public var account: String?
        public var project: String?
        /// Agent settings (`kind`, `buffer_mb`, `log_level`, `cross_account_role`).
        public var agent: [String: String] = [:]
        /// The service (`name`, `platform`, `image`, `port`, …).
        public var service: [String: String] = [:]
        /// One sampling rule (`name`, `priority`, `reservoir`, `rate`, matchers).
        public var rule: [String: String] = [:]
        /// For `policy` and `trust-policy`: whose role (`agent`/`ecs-tasks`, `lambda`, `ec2`).
        public var roleFor = "agent"

        public init() {}
    }

    /// Keys whose flag values are numbers in the model.
    package static let numericKeys: Set<String> = ["port", "host_port", "cpu", "memory", "memory_reservation", "task_cpu", "task_memory",
                                           "buffer_mb", "priority", "reservoir", "rate"]

    public func render(_ request: Request) throws(DiagnosticsError) -> String {
        let (tree, name, _) = modelTree(request)
        // The flags as a model tree (no YAML text in between), read and validated like a file.
        let typed = try ModelDecoder.decode(LocatedNode(tree, at: SourceLocation.origin("flags"))).model
        guard let text = artifact(typed, roleFor: request.roleFor, prefixed: Naming.prefixed(request.project ?? name, name)) else {
            throw DiagnosticsError([.error(at: SourceLocation.origin("flags"), "these flags produce no \(rawValue)")])
        }
        return text
    }

    /// The model the flags describe (in the model's key names), the service's name, and which flag
    /// set each value: each group of values is put into the tree next to the flags it came from.
    package func modelTree(_ request: Request) -> (tree: YAMLValue, name: String, flags: FlagTable) {
        var service = request.service
        // The service's keys (paths below the service) that hold a flag's value, and the flag.
        var serviceFlags = Self.serviceFlags
        service["name"] = service["name"] ?? "app"
        switch self {
        case .taskDefinition:
            service["platform"] = service["platform"] ?? "ecs-fargate"
        case .daemonService, .daemonConfig, .samplingRules:
            service = ["name": "app", "platform": "ecs-ec2-daemon", "image": "app:1", "memory_reservation": "128"]
            serviceFlags = [:]
        case .policy, .trustPolicy:
            switch request.roleFor {
            // A generated execution role: the one role whose trust and policy can be printed alone.
            case "lambda":
                service = ["name": service["name"]!, "platform": "lambda", "function_name": service["name"]!, "role": "generate"]
                serviceFlags = ["name": .name, "function_name": .name]
            case "ec2":
                service = ["name": service["name"]!, "platform": "ec2"]
                serviceFlags = ["name": .name]
            default:
                service = ["name": service["name"]!, "platform": "ecs-fargate", "image": "app:1"]
                serviceFlags = ["name": .name]
            }
        case .ebextensions:
            service["platform"] = "elastic-beanstalk"
            if let level = service.removeValue(forKey: "log_level") { service["daemon_config"] = "log_level=\(level)" }
            serviceFlags = ["name": .name, "daemon_config/log_level": .logLevel]
        case .lambdaTracing:
            service["platform"] = "lambda"
            if service["function_name"] == nil {
                service["function_name"] = service["name"]
                serviceFlags["function_name"] = .name
            }
        }
        var flags = FlagTable()
        var model: [(String, YAMLValue)] = [("version", .int(1))]
        model.append(("project", .string(request.project ?? service["name"]!)))
        flags.put("/project", request.project == nil ? serviceFlags["name"] : .project)
        model.append(("region", .string(request.region)))
        flags.put("/region", .region)
        if let account = request.account { model.append(("account", .string(account))) }
        flags.put("/account", .account)
        if !request.agent.isEmpty { model.append(("agent", Self.map(request.agent))) }
        flags.put(Self.agentFlags, under: "/agent")
        if self == .samplingRules {
            model.append(("sampling", .map([("rules", .list([Self.map(request.rule)]))])))
            flags.put(Self.ruleFlags, under: "/sampling/rules/0")
        }
        model.append(("services", .list([Self.map(service)])))
        flags.put(serviceFlags, under: "/services/0")
        return (.map(model), service["name"]!, flags)
    }

    /// The flag behind each key of `Request.service` (`log_level`: the daemon's, on Beanstalk).
    package static let serviceFlags: [String: ArtifactFlag] = [
        "name": .name, "platform": .platform, "image": .image, "port": .port, "network_mode": .networkMode, "cpu": .cpu,
        "memory_reservation": .memoryReservation, "function_name": .functionName, "log_level": .logLevel,
    ]
    /// The flag behind each key of `Request.agent`.
    package static let agentFlags: [String: ArtifactFlag] = [
        "kind": .agent, "buffer_mb": .bufferMB, "log_level": .logLevel, "cross_account_role": .crossAccountRole,
    ]
    /// The flag behind each key of `Request.rule`.
    package static let ruleFlags: [String: ArtifactFlag] = [
        "name": .ruleName, "priority": .priority, "reservoir": .reservoir, "rate": .rate,
        "service": .service, "host": .host, "method": .method, "path": .path,
    ]

    /// The one artifact, asked of the generator that makes it.
    private func artifact(_ model: XRayModel, roleFor: String, prefixed: String) -> String? {
        let context = GenerationContext(model: model)
        switch self {
        case .daemonConfig:
            // Only the X-Ray daemon reads cfg.yaml; the other agents have configurations of their own.
            return model.agent.kind.profile.readsDaemonConfigFile ? DaemonConfigFile.render(DaemonConfigFile.settings(for: model)) : nil
        // The one file of its kind that generator writes.
        case .ebextensions, .lambdaTracing:
            let suffix = self == .ebextensions ? ".ebextensions/xray-daemon.config" : "/lambda-tracing.json"
            return Generator.platformOutput(model.services[0], context).files.first { $0.path.hasSuffix(suffix) }?.contents
        case .policy, .trustPolicy:
            let name = roleFor == "lambda" ? prefixed + Naming.executionRoleSuffix
                : roleFor == "ec2" ? prefixed + "-instance-role" : prefixed + Naming.taskRoleSuffix
            let roles = RoleMerging.merge(Generator.platformOutput(model.services[0], context).roles)
            return roles.lazy.compactMap { self.artifact(of: .role($0), roleNamed: name) }.first
        case .taskDefinition, .daemonService, .samplingRules:
            var setup = Generator.platformOutput(model.services[0], context)
            if let sampling = model.sampling { setup.append(SamplingGenerator(context: context).generate(sampling)) }
            return setup.resources.lazy.compactMap { self.artifact(of: $0, roleNamed: nil) }.first
        }
    }

    /// The single-artifact emitter: what this artifact is of one resource, or nil when the resource
    /// gives none of this kind.
    private func artifact(of resource: SetupResource, roleNamed name: String?) -> String? {
        switch resource {
        case .role(let role):
            guard role.name == name else { return nil }
            switch self {
            case .policy: return role.inlinePolicy.map(CanonicalJSON.encode)
            case .trustPolicy: return role.trust.map(CanonicalJSON.encode)
            default: return nil
            }
        case .taskDefinition(let task): return self == .taskDefinition ? CanonicalJSON.encode(task.definition) : nil
        case .daemonService(let service, _): return self == .daemonService ? CanonicalJSON.encode(service) : nil
        case .samplingRules(let rules, _, _): return self == .samplingRules ? CanonicalJSON.encode(rules) : nil
        case .keyPolicy, .logGroup, .samplingRateBoosts, .defaultSamplingRule, .group, .encryption, .transactionSearch, .applicationSignalsDiscovery,
             .spansEncryption, .accountSettingCheck,
             .functionTracing, .functionRolePolicy, .adotLayer, .stageTracing, .beanstalkEnvironment, .instance,
             .podIdentityAssociation, .kubernetes:
            return nil
        }
    }

    /// Flag values as model values: numbers where the model wants numbers, `a=b` pairs as a mapping.
    package static func map(_ fields: [String: String]) -> YAMLValue {
        .map(fields.sorted { $0.key < $1.key }.map { key, value in
            // A number the model cannot hold (1e20 as a whole number, inf, nan) stays text, so the
            // model's own validation names the flag's value and its accepted range.
            if numericKeys.contains(key), let number = Double(value), number.isFinite {
                if !value.contains("."), let whole = Int(exactly: number) { return (key, .int(whole)) }
                return (key, .double(number))
            }
            if key == "daemon_config" || key == "environment" {
                let pairs = value.split(separator: ",").compactMap { pair -> (String, YAMLValue)? in
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { return nil }
                    return (parts[0], numericKeys.contains(parts[0]) ? Int(parts[1]).map(YAMLValue.int) ?? .string(parts[1]) : .string(parts[1]))
                }
                return (key, .map(pairs))
            }
            return (key, .string(value))
        })
    }
}

/// `xrayctl generate transaction-search`: what the model path writes for `traces.transaction_search`
/// in a model without services (an account-level setup), from flags. The flags become that model,
/// validated like a file, and `Generator` makes the files: the CloudWatch Logs resource policy,
/// the UpdateTraceSegmentDestination and UpdateIndexingRule inputs, the permissions to turn it on,
/// the template, the Terraform and the README with the steps.
public enum TransactionSearchArtifact {
    /// The project names the CloudWatch Logs resource policy (PROJECT-xray-transaction-search).
    public static let defaultProject = "tracing"

    public static func files(_ request: SingleArtifact.Request, indexingPercentage: Double?) throws(DiagnosticsError) -> [GeneratedFile] {
        try Generator.generate(model(request, indexingPercentage: indexingPercentage))
    }

    package static func model(_ request: SingleArtifact.Request, indexingPercentage: Double?) throws(DiagnosticsError) -> XRayModel {
        var search: [(String, YAMLValue)] = []
        if let indexingPercentage {
            // A value the model cannot hold (nan, inf) stays text, so the model's check names it.
            search.append(("indexing_percentage", indexingPercentage.isFinite ? .double(indexingPercentage) : .string(String(indexingPercentage))))
        }
        var tree: [(String, YAMLValue)] = [
            ("version", .int(1)),
            ("project", .string(request.project ?? defaultProject)),
            ("region", .string(request.region)),
        ]
        if let account = request.account { tree.append(("account", .string(account))) }
        tree.append(("traces", .map([("transaction_search", .map(search))])))
        return try ModelDecoder.decode(LocatedNode(.map(tree), at: SourceLocation(file: "flags", line: 1, column: 1))).model
    }

    /// Which flag sets each value of the model above.
    package static let flags = FlagTable([
        "/project": .project, "/region": .region, "/account": .account,
        "/traces/transaction_search/indexing_percentage": .indexingPercentage,
    ])
}

/// A flag of `xrayctl generate ARTIFACT` that puts a value into the model the artifact is made from.
package enum ArtifactFlag: String, CaseIterable, Sendable {
    case region = "--region", account = "--account", project = "--project"
    case name = "--name", platform = "--platform", image = "--image", port = "--port", networkMode = "--network-mode"
    case cpu = "--cpu", memoryReservation = "--memory-reservation", functionName = "--function-name"
    case agent = "--agent", bufferMB = "--buffer-mb", logLevel = "--log-level", crossAccountRole = "--cross-account-role"
    case ruleName = "--rule-name", priority = "--priority", reservoir = "--reservoir", rate = "--rate"
    case service = "--service", host = "--host", method = "--method", path = "--path"
    case indexingPercentage = "--indexing-percentage"
}

/// Which flag sets each value of a model built from flags, by the value's pointer (a key the flag
/// may leave out included, so a missing one is named too). The model's diagnostics say which key
/// they are about; this names the flag instead, for the user who typed flags, not a file.
package struct FlagTable: Sendable, Equatable {
    package private(set) var flags: [String: ArtifactFlag]

    package init(_ flags: [String: ArtifactFlag] = [:]) { self.flags = flags }

    package subscript(pointer: String) -> ArtifactFlag? { flags[pointer] }

    /// `flag` sets the value at `pointer`; nil: no flag does (a value of xrayctl's own).
    package mutating func put(_ pointer: String, _ flag: ArtifactFlag?) { flags[pointer] = flag }

    /// Flags by key (or path) below `pointer`.
    package mutating func put(_ keys: [String: ArtifactFlag], under pointer: String) {
        for (key, flag) in keys { flags[pointer + "/" + key] = flag }
    }

    /// A diagnostic about a value a flag set, said of the flag: `--port must be between 1 and 65535,
    /// found 70000`, `--image is required`; one about no flag's value (a check across several) as it is.
    package func message(_ diagnostic: Diagnostic) -> String {
        guard let key = diagnostic.key, let flag = flags[key.pointer] else { return diagnostic.message }
        if key.isMissing { return "\(flag.rawValue) is required" }
        if let predicate = key.predicate { return "\(flag.rawValue) \(predicate)" }
        return "\(flag.rawValue): \(diagnostic.message)"
    }

    /// The errors of a model built from flags, as lines for standard error.
    package func errorLines(_ error: DiagnosticsError) -> [String] {
        error.diagnostics.filter { $0.severity == .error }.map { "error: " + message($0) }
    }
}
