extension ModelReader {
    package static let commonServiceKeys = ["name", "platform", "language", "source"]
    package static let ecsKeys = ["image", "network_mode", "cpu", "memory", "memory_reservation", "port", "host_port",
                          "environment", "command", "task_role", "execution_role", "task_cpu", "task_memory"]
    package static let platformKeys: [Platform: [String]] = [
        .ecsEC2Daemon: ecsKeys.filter { !$0.hasPrefix("task_") || $0 == "task_role" },
        .ecsEC2Sidecar: ecsKeys.filter { !$0.hasPrefix("task_") || $0 == "task_role" },
        .ecsFargate: ecsKeys,
        .elasticBeanstalk: ["instance_profile", "eb_platform", "daemon_config"],
        .lambda: ["function_name", "role", "instrumentation", "adot_layer"],
        .apiGateway: ["rest_api_id", "stage", "api_type"],
        .ec2: ["os", "instance_role"],
        .eks: ["cluster", "namespace", "deployment", "container", "service_account", "identity", "oidc_provider"],
    ]
    package static let ebPlatforms = ["java", "tomcat", "node", "python", "go", "dotnet", "ruby", "php", "docker",
                              "multicontainer-docker"]

    /// `allowEmpty`: the model sets up something account-wide (Transaction Search) and may trace no service itself.
    package func services(_ node: LocatedNode, project: String, partition: Partition, agent: AgentSpec?, allowEmpty: Bool = false) -> [ServiceSpec]? {
        // `services:` with nothing under it reads as null: an empty list.
        if allowEmpty, node.scalar?.kind == .null { return [] }
        guard let items = node.items else {
            reader.error(node, "services must be a list, found \(node.typeName)")
            return nil
        }
        if items.isEmpty && !allowEmpty { reader.error(node, "services is empty; describe at least one service to trace") }
        let services = items.compactMap { service($0, project: project, partition: partition, agent: agent) }
        var seen: [String: SourceLocation] = [:]
        for service in services {
            if let first = seen[service.name] {
                reader.error(at: service.location, "service name '\(service.name)' is already used at line \(first.line)")
            }
            seen[service.name] = seen[service.name] ?? service.location
        }
        warnSharedHostPort(services)
        // One DaemonSet and one ServiceAccount serve every EKS service, so one way to its role.
        let eks = services.eks
        if let first = eks.first, let other = eks.first(where: { $0.1.identity != first.1.identity }) {
            reader.error(at: other.0.location, "eks service '\(other.0.name)' uses identity \(other.1.identity.rawValue) but '\(first.0.name)' uses \(first.1.identity.rawValue); the agent's one ServiceAccount gets its role one way: use the same identity for every eks service")
        }
        return services.count == items.count ? services : nil
    }

    /// In host mode a sidecar agent binds the instance's port 2000 itself, as the DAEMON service's agent
    /// does on every instance: two such tasks on one instance cannot both start (ECS places them where
    /// the port is free, or leaves them pending). The model cannot see placement, so it warns.
    private func warnSharedHostPort(_ services: [ServiceSpec]) {
        var binders: [String] = services.contains { $0.platform == .ecsEC2Daemon } ? ["the DAEMON service's agent"] : []
        for service in services where service.platform == .ecsEC2Sidecar {
            guard case .ecs(let spec) = service.target, spec.networkMode == .host else { continue }
            if let first = binders.first {
                reader.warning(at: service.location, "service '\(service.name)' runs its agent in host mode, which binds host port 2000 as \(first) does: tasks of both cannot run on the same instance (use awsvpc or bridge mode, a placement constraint that keeps them apart, or ecs-ec2-daemon for both)")
            }
            binders.append("'\(service.name)'")
        }
    }

    private func service(_ node: LocatedNode, project: String, partition: Partition, agent: AgentSpec?) -> ServiceSpec? {
        // The platform decides which keys are valid, so read it before anything else.
        var platform: Platform?
        if let platformNode = node["platform"],
           let text = reader.choice(platformNode, "platform", from: Platform.allCases.map(\.rawValue)) {
            platform = Platform(rawValue: text)
        }
        let allKeys = Array(Set(Self.platformKeys.values.joined())).sorted()
        let keys = Self.commonServiceKeys + (platform.flatMap { Self.platformKeys[$0] } ?? allKeys)
        let fields = reader.fields(node, "a service", keys: keys) { key in
            guard let platform, allKeys.contains(key) else { return nil }
            return "'\(key)' does not apply to platform \(platform.rawValue)"
        }
        guard let fields else { return nil }
        if node["platform"] == nil { reader.error(node, "a service is missing the required key 'platform'") }

        var name: String?
        if let nameNode = reader.required(fields, "name", "a service"), let text = reader.string(nameNode, "service name") {
            let longestRole = Naming.prefixed(project, text) + Naming.longestRoleSuffix
            if !Naming.isSimpleName(text) || text.count > 40 {
                reader.error(nameNode, "service name", "'\(text)' must be 1-40 letters, digits and hyphens: it names files, task families and roles")
            } else if longestRole.count > Naming.maxRoleName {
                reader.error(nameNode, "service name", "'\(text)' is too long: with the project prefix its role name '\(longestRole)' exceeds IAM's \(Naming.maxRoleName) characters")
            } else {
                name = text
            }
        }
        let language = fields["language"].flatMap { reader.choice($0, "language", from: ServiceSpec.languages) }
        let source = fields["source"].flatMap { reader.string($0, "source") }
        guard let platform else { return nil }

        let target: ServiceSpec.Target?
        switch platform {
        case .ecsEC2Daemon, .ecsEC2Sidecar, .ecsFargate:
            target = ecs(fields, platform: platform, partition: partition, agent: agent).map(ServiceSpec.Target.ecs)
        case .elasticBeanstalk:
            target = beanstalk(fields).map(ServiceSpec.Target.elasticBeanstalk)
        case .lambda:
            target = lambda(fields, partition: partition).map(ServiceSpec.Target.lambda)
        case .apiGateway:
            target = apiGateway(fields).map(ServiceSpec.Target.apiGateway)
        case .ec2:
            if agent?.kind == .adot, let platformNode = fields["platform"] {
                reader.error(platformNode, "xrayctl installs the X-Ray daemon or the CloudWatch agent on EC2 hosts, not the ADOT collector; set agent kind xray-daemon or cloudwatch-agent, or install ADOT yourself")
            }
            target = ec2(fields, partition: partition).map(ServiceSpec.Target.ec2)
        case .eks:
            target = eks(fields, service: name, agent: agent).map(ServiceSpec.Target.eks)
        }
        guard let name, let target else { return nil }
        var spec = ServiceSpec(name: name, platform: platform, location: node.location, language: language,
                               source: source, target: target)
        spec.languageLocation = fields["language"]?.location
        return spec
    }

    private func beanstalk(_ fields: NodeReader.Fields) -> BeanstalkServiceSpec? {
        var spec = BeanstalkServiceSpec(instanceProfile: BeanstalkServiceSpec.defaultInstanceProfile)
        if let node = fields["instance_profile"], let text = reader.string(node, "instance_profile") {
            // xrayctl creates a role of the same name, so the role name grammar applies (64 characters).
            if text.count > 64 || !text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) }) {
                reader.error(node, "instance_profile is the instance profile's name (such as aws-elasticbeanstalk-ec2-role), found '\(text)'")
            } else {
                spec.instanceProfile = text
            }
        }
        if let node = fields["eb_platform"], let text = reader.choice(node, "eb_platform", from: Self.ebPlatforms) {
            if text == "multicontainer-docker" {
                reader.error(node, "Elastic Beanstalk does not provide the X-Ray daemon on the Multicontainer Docker (Amazon ECS) platform; run the daemon as a container beside the app, or move the service to ecs-ec2-sidecar")
            }
            spec.ebPlatform = text
        }
        if let node = fields["daemon_config"],
           let daemon = reader.fields(node, "daemon_config", keys: ["log_level", "buffer_mb"]) {
            spec.daemonLogLevel = daemon["log_level"].flatMap { reader.choice($0, "daemon_config log_level", from: AgentSpec.logLevels) }
            spec.daemonBufferMB = daemon["buffer_mb"].flatMap { reader.int($0, "daemon_config buffer_mb", in: 3...65536) }
            if daemon.values.isEmpty { reader.error(node, "daemon_config is empty; set log_level or buffer_mb, or remove it") }
        }
        return spec
    }

    private func lambda(_ fields: NodeReader.Fields, partition: Partition) -> LambdaServiceSpec? {
        guard let node = reader.required(fields, "function_name", "a lambda service"),
              let name = reader.string(node, "function_name") else { return nil }
        guard AWSNames.isFunction(name) else {
            reader.error(node, "function_name", "must be a Lambda function name (letters, digits, - and _) or function ARN, found '\(name)'")
            return nil
        }
        // The function keeps its own role unless the model asks for a new one: a generated role
        // replaces the current one and with it every permission the function had.
        let role = roleChoice(fields["role"], "role", partition: partition, default: .keep, allowNone: false, allowKeep: true)
        var spec = LambdaServiceSpec(functionName: name, role: role)
        if let node = fields["instrumentation"],
           let text = reader.choice(node, "instrumentation", from: LambdaServiceSpec.Instrumentation.allCases.map(\.rawValue)) {
            spec.instrumentation = LambdaServiceSpec.Instrumentation(rawValue: text)!
        }
        if let node = fields["adot_layer"], let text = reader.string(node, "adot_layer") {
            // arn:PARTITION:lambda:REGION:ACCOUNT:layer:NAME:VERSION, in the function's region.
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            if parts.count != 8 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "layer" || Int(parts[7]) == nil
                || !ARN.isAccountID(String(parts[4])) || parts[6].isEmpty {
                reader.error(node, "adot_layer must be a layer version ARN such as arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:VERSION (the version the layer's documentation lists), found '\(text)'")
            } else if parts[1] != Substring(partition.rawValue) {
                reader.error(node, "adot_layer is in partition '\(parts[1])' but the model is in '\(partition.rawValue)'")
            } else {
                spec.adotLayer = text
            }
        }
        if spec.instrumentation == .adot && spec.adotLayer == nil && fields["adot_layer"] == nil {
            reader.error(fields["instrumentation"] ?? node, "instrumentation adot needs adot_layer: the layer version ARN to use (xrayctl does not pick a version)")
        }
        if spec.instrumentation != .adot, let layerNode = fields["adot_layer"] {
            reader.warning(layerNode, "adot_layer is used only with instrumentation: adot")
        }
        return spec
    }

    private func apiGateway(_ fields: NodeReader.Fields) -> APIGatewayServiceSpec? {
        if let node = fields["api_type"], let type = reader.choice(node, "api_type", from: ["rest", "http"]), type == "http" {
            reader.error(node, "X-Ray traces REST APIs only; an HTTP API (API Gateway v2) has no tracing setting. Use a REST API, or trace the integration behind it")
            return nil
        }
        let id = reader.required(fields, "rest_api_id", "an api-gateway service").flatMap { node -> String? in
            guard let id = reader.string(node, "rest_api_id") else { return nil }
            guard id.count == 10, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
                reader.error(node, "rest_api_id is the 10-character ID of a REST API (such as a1b2c3d4e5), found '\(id)'")
                return nil
            }
            return id
        }
        let stage = reader.required(fields, "stage", "an api-gateway service").flatMap { node -> String? in
            guard let stage = reader.string(node, "stage") else { return nil }
            guard stage.count <= 128, stage.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }) else {
                reader.error(node, "stage must be letters, digits, - and _, found '\(stage)'")
                return nil
            }
            return stage
        }
        guard let id, let stage else { return nil }
        return APIGatewayServiceSpec(restAPIID: id, stage: stage)
    }

    private func ec2(_ fields: NodeReader.Fields, partition: Partition) -> EC2ServiceSpec? {
        var os = EC2ServiceSpec.OperatingSystem.amazonLinux2023
        if let node = fields["os"],
           let text = reader.choice(node, "os", from: EC2ServiceSpec.OperatingSystem.allCases.map(\.rawValue)) {
            os = EC2ServiceSpec.OperatingSystem(rawValue: text)!
        }
        let role = roleChoice(fields["instance_role"], "instance_role", partition: partition, default: .generate, allowNone: true)
        return EC2ServiceSpec(os: os, instanceRole: role)
    }

    private func eks(_ fields: NodeReader.Fields, service: String?, agent: AgentSpec?) -> EKSServiceSpec? {
        let cluster = reader.required(fields, "cluster", "an eks service").flatMap { node -> String? in
            guard let text = reader.string(node, "cluster") else { return nil }
            guard AWSNames.isEKSCluster(text) else {
                reader.error(node, "cluster must be an EKS cluster name (1-100 letters, digits, - and _, starting with a letter or digit), found '\(text)'")
                return nil
            }
            return text
        }
        let namespace = fields["namespace"].flatMap { kubernetesName($0, "namespace") } ?? "default"
        // A default is checked as the value it stands for, located where it comes from.
        let deployment: String?
        if let node = fields["deployment"] {
            deployment = kubernetesName(node, "deployment", subdomain: true)
        } else if let service, let node = fields["name"] {
            deployment = defaultKubernetesName(service, at: node, "deployment", from: "the service name", subdomain: true)
        } else {
            deployment = nil
        }
        let container: String?
        if let node = fields["container"] {
            container = kubernetesName(node, "container")
        } else if let deployment, let node = fields["deployment"] ?? fields["name"] {
            container = defaultKubernetesName(deployment, at: node, "container",
                                              from: fields["deployment"] == nil ? "the service name" : "the deployment")
        } else {
            container = nil
        }
        _ = fields["service_account"].flatMap { kubernetesName($0, "service_account", subdomain: true) }
        var identity = EKSServiceSpec.Identity.podIdentity
        if let node = fields["identity"],
           let text = reader.choice(node, "identity", from: EKSServiceSpec.Identity.allCases.map(\.rawValue)) {
            identity = EKSServiceSpec.Identity(rawValue: text)!
        }
        var provider: String?
        if let node = fields["oidc_provider"], var text = reader.string(node, "oidc_provider") {
            // `aws eks describe-cluster` prints the issuer as a URL; IAM names the provider without
            // the scheme, so the URL is taken as it is pasted, with a word about what was dropped.
            if text.lowercased().hasPrefix("https://"), AWSNames.isOIDCProvider(String(text.dropFirst("https://".count))) {
                text = String(text.dropFirst("https://".count))
                reader.warning(node, "oidc_provider: removed 'https://' from the issuer URL; IAM names the provider '\(text)' (the value may be written without it)")
            }
            if !AWSNames.isOIDCProvider(text) {
                reader.error(node, "oidc_provider is the cluster's OIDC issuer without https:// (aws eks describe-cluster --query cluster.identity.oidc.issuer), such as oidc.eks.us-east-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE, found '\(text)'")
            } else if identity != .irsa {
                reader.warning(node, "oidc_provider is used only with identity: irsa")
            } else {
                provider = text
            }
        }
        if identity == .irsa && fields["oidc_provider"] == nil {
            reader.error(fields["identity"]!, "identity irsa needs oidc_provider: the cluster's OIDC issuer without https:// (aws eks describe-cluster --query cluster.identity.oidc.issuer)")
        }
        // EKS Pod Identity credentials come from the container credentials provider, which the
        // daemon's SDK for Go v1 lacked; 3.6.0 moved to the SDK for Go v2 (its CHANGELOG, PR #247).
        if identity == .podIdentity, let agent, agent.kind == .xrayDaemon,
           let version = agent.image.semanticVersion, version < [3, 6, 0] {
            reader.error(fields["identity"] ?? fields["cluster"]!, "the X-Ray daemon \(agent.image.tag ?? "") cannot use EKS Pod Identity (it arrived with the AWS SDK for Go v2 in daemon 3.6.0); use image \(AgentSpec.Kind.xrayDaemon.defaultImage) or identity: irsa")
        }
        guard let cluster, let deployment, let container else { return nil }
        return EKSServiceSpec(cluster: cluster, namespace: namespace, deployment: deployment, container: container,
                              identity: identity, oidcProvider: provider)
    }

    /// A Kubernetes object name: a DNS label (namespaces, containers; 63 characters) or a DNS
    /// subdomain (Deployments, ServiceAccounts; 253).
    package func kubernetesName(_ node: LocatedNode, _ what: String, subdomain: Bool = false) -> String? {
        guard let text = reader.string(node, what) else { return nil }
        guard Self.isKubernetesName(text, subdomain: subdomain) else {
            reader.error(node, "\(what) must be a Kubernetes name (\(Self.kubernetesNameRule(subdomain: subdomain))), found '\(text)'")
            return nil
        }
        return text
    }

    /// A name the model leaves out and takes from another value, which must then be a name of its kind too.
    package func defaultKubernetesName(_ text: String, at node: LocatedNode, _ what: String, from source: String, subdomain: Bool = false) -> String? {
        guard Self.isKubernetesName(text, subdomain: subdomain) else {
            reader.error(node, "\(what) defaults to \(source) '\(text)', which is not a Kubernetes name (\(Self.kubernetesNameRule(subdomain: subdomain))); set \(what): to the name in the cluster")
            return nil
        }
        return text
    }

    package static func isKubernetesName(_ text: String, subdomain: Bool) -> Bool {
        let isLabel: (Substring) -> Bool = { label in
            guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
            return first.isASCII && (first.isLowercase || first.isNumber) && last.isASCII && (last.isLowercase || last.isNumber)
                && label.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        }
        return subdomain
            ? text.count <= 253 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isLabel)
            : isLabel(Substring(text))
    }

    package static func kubernetesNameRule(subdomain: Bool) -> String {
        "lowercase letters, digits and -\(subdomain ? ", dot-separated" : ""), starting and ending with a letter or digit, at most \(subdomain ? 253 : 63) characters"
    }
}
