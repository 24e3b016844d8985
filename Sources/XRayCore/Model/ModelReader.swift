/// Turns the located tree of `xray.yaml` into model values; every check that can be made on the
/// model alone lives here, so generators may assume a consistent model.
package struct ModelReader {
    package let reader: NodeReader

    package init(_ reader: NodeReader) { self.reader = reader }

    package static let topLevelKeys = ["version", "project", "region", "account", "partition", "cluster",
                               "agent", "encryption", "sampling", "logs", "services", "traces",
                               "application_signals", "outputs", "groups", "account_settings", "otel_config"]

    package func model(_ root: LocatedNode) -> XRayModel? {
        guard let fields = reader.fields(root, "the model", keys: Self.topLevelKeys) else { return nil }

        if let node = reader.required(fields, "version", "the model"),
           let version = reader.int(node, "version", in: 0...Int.max), version != 1 {
            reader.error(node, "version \(version) is not supported; this xrayctl reads version 1")
        }
        let projectName = reader.required(fields, "project", "the model").flatMap(self.project)
        let regionCode = reader.required(fields, "region", "the model").flatMap(self.region)
        let accountID = fields["account"].flatMap(self.account)
        let partition = self.partition(fields["partition"], region: regionCode)
        let cluster = fields["cluster"].flatMap { node -> String? in
            guard let text = reader.string(node, "cluster") else { return nil }
            guard AWSNames.isCluster(text) else {
                reader.error(node, "cluster must be an ECS cluster name (1-255 letters, digits, - and _) or cluster ARN, found '\(text)'")
                return nil
            }
            return text
        }
        let agentSpec = self.agent(fields["agent"], partition: partition)
        let encryptionSpec = fields["encryption"].flatMap(self.encryption)
        let samplingSpec = fields["sampling"].flatMap { self.sampling($0, project: projectName ?? "") }
        let tracesSpec = fields["traces"].flatMap { self.traces($0, agent: agentSpec) } ?? TracesSpec()
        let groupSpecs = fields["groups"].map { self.groups($0, project: projectName ?? "") } ?? []
        // Transaction Search and groups are set up per account: a model may hold those alone, without services.
        let accountLevel = tracesSpec.transactionSearch != nil || !groupSpecs.isEmpty
        let serviceSpecs = accountLevel && fields["services"] == nil ? []
            : reader.required(fields, "services", "the model")
                .flatMap { self.services($0, project: projectName ?? "", partition: partition, agent: agentSpec, allowEmpty: accountLevel) }

        let logsSpec = fields["logs"].flatMap(self.logs) ?? LogsSpec()

        let signals = fields["application_signals"].map { applicationSignals($0, agent: agentSpec, services: serviceSpecs ?? []) } ?? false

        let outputKinds = fields["outputs"].flatMap(self.outputs)
        let otelMode = fields["otel_config"].map { otelConfig($0, agent: agentSpec, applicationSignals: signals) } ?? .env

        guard let projectName, let regionCode, let agentSpec, let serviceSpecs else { return nil }
        var model = XRayModel(project: projectName, region: regionCode, account: accountID, partition: partition,
                              cluster: cluster, agent: agentSpec, encryption: encryptionSpec, sampling: samplingSpec,
                              logs: logsSpec, services: serviceSpecs, traces: tracesSpec, applicationSignals: signals)
        if let outputKinds { model.outputs = outputKinds }
        model.otelConfig = otelMode
        model.groups = groupSpecs
        if let node = fields["account_settings"],
           let text = reader.choice(node, "account_settings", from: AccountSettings.allCases.map(\.rawValue)) {
            model.accountSettings = AccountSettings(rawValue: text)!
        }
        return model
    }

    /// `outputs: [cloudformation, terraform]`: which whole-setup files to write (an empty list: neither).
    private func outputs(_ node: LocatedNode) -> Set<OutputKind>? {
        guard let items = node.items else {
            reader.error(node, "outputs must be a list such as [cloudformation, terraform], found \(node.typeName)")
            return nil
        }
        var kinds = Set<OutputKind>()
        for item in items {
            guard let text = reader.choice(item, "outputs entry", from: OutputKind.allCases.map(\.rawValue)) else { continue }
            kinds.insert(OutputKind(rawValue: text)!)
        }
        return kinds
    }

    package static let logsKeys = ["driver", "retention_days", "group_prefix", "router_image"]

    private func logs(_ node: LocatedNode) -> LogsSpec? {
        guard let fields = reader.fields(node, "logs", keys: Self.logsKeys) else { return nil }
        var spec = LogsSpec()
        if let driverNode = fields["driver"],
           let text = reader.choice(driverNode, "logs driver", from: LogsSpec.Driver.allCases.map(\.rawValue)) {
            spec.driver = LogsSpec.Driver(rawValue: text)!
        }
        if let daysNode = fields["retention_days"], let days = reader.int(daysNode, "logs retention_days", in: 1...3653) {
            if LogsSpec.retentionDays.contains(days) {
                spec.retentionDays = days
            } else {
                let list = LogsSpec.retentionDays.map(String.init).joined(separator: ", ")
                reader.error(daysNode, "CloudWatch Logs keeps logs for one of \(list) days, not \(days)")
            }
        }
        if let prefixNode = fields["group_prefix"], let prefix = reader.string(prefixNode, "logs group_prefix") {
            // Log group names: 1-512 of [.-_/#A-Za-z0-9]; the service name is appended after a slash.
            if prefix.count > 400 || !prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-/#".contains($0)) })
                || prefix.hasSuffix("/") {
                reader.error(prefixNode, "group_prefix must be letters, digits and . _ - / # (no trailing /), found '\(prefix)'")
            } else {
                spec.groupPrefix = prefix
            }
        }
        if let imageNode = fields["router_image"] { spec.routerImage = image(imageNode, "logs router_image") }
        if spec.driver == .firelens && spec.routerImage == nil && fields["router_image"] == nil {
            reader.error(fields["driver"] ?? node, "the firelens driver needs router_image: the Fluent Bit image of the log router (such as your pinned copy of public.ecr.aws/aws-observability/aws-for-fluent-bit)")
        }
        return spec
    }

    private func project(_ node: LocatedNode) -> String? {
        guard let text = reader.string(node, "project") else { return nil }
        guard Naming.isSimpleName(text), text.count <= 24 else {
            reader.error(node, "project", "'\(text)' must be 1-24 letters, digits and hyphens: it prefixes task families, role names and sampling rule names")
            return nil
        }
        return text
    }

    private func region(_ node: LocatedNode) -> String? {
        guard let text = reader.string(node, "region") else { return nil }
        guard Region.isWellFormed(text) else {
            let message = "'\(text)' is not an AWS region code (such as us-east-2)\(Suggestion.didYouMean(text, in: Region.known))"
            reader.error(node, message, predicate: message)
            return nil
        }
        if !Region.known.contains(text) {
            reader.warning(node, "'\(text)' is not a region this xrayctl knows\(Suggestion.didYouMean(text, in: Region.known))")
        }
        return text
    }

    private func account(_ node: LocatedNode) -> String? {
        guard let text = reader.string(node, "account") else { return nil }
        guard ARN.isAccountID(text) else {
            reader.error(node, "account", "must be a 12-digit AWS account ID (quote it to keep leading zeros), found '\(text)'")
            return nil
        }
        if text == ARN.documentationAccount {
            reader.warning(node, "account \(text) is the example account of AWS's documentation, not yours: set your account ID (aws sts get-caller-identity --query Account --output text), or remove account to have ARNs filled in at deploy time")
        }
        return text
    }

    private func partition(_ node: LocatedNode?, region: String?) -> Partition {
        let implied = region.map { Partition.of(region: $0) } ?? .aws
        guard let node else { return implied }
        guard let text = reader.choice(node, "partition", from: Partition.allCases.map(\.rawValue)),
              let partition = Partition(rawValue: text) else { return implied }
        if let region, partition != implied {
            reader.error(node, "partition '\(partition.rawValue)' does not contain region '\(region)' (it belongs to '\(implied.rawValue)')")
        }
        return partition
    }

    package static let agentKeys = ["kind", "image", "cpu", "memory_reservation", "buffer_mb", "log_level",
                            "cross_account_role", "namespace"]

    private func agent(_ node: LocatedNode?, partition: Partition) -> AgentSpec? {
        var kind = AgentSpec.Kind.xrayDaemon
        guard let node else {
            return AgentSpec(kind: kind, image: ImageReference(kind.defaultImage)!, cpu: 32,
                             memoryReservation: 256, bufferMB: 24, logLevel: "info", crossAccountRole: nil)
        }
        guard let fields = reader.fields(node, "agent", keys: Self.agentKeys) else { return nil }
        if let kindNode = fields["kind"],
           let text = reader.choice(kindNode, "agent kind", from: AgentSpec.Kind.allCases.map(\.rawValue)) {
            kind = AgentSpec.Kind(rawValue: text)!
        }
        var image = ImageReference(kind.defaultImage)!
        if let imageNode = fields["image"], let parsed = self.image(imageNode, "agent image") {
            image = parsed
            if parsed.floats {
                reader.warning(imageNode, "agent image '\(parsed)' is not pinned to a version; a new release can change behaviour under you (pin a tag such as \(kind.defaultImage))")
            }
        }
        let cpu = fields["cpu"].flatMap { reader.int($0, "agent cpu", in: 0...10240) } ?? 32
        let memory = fields["memory_reservation"].flatMap { reader.int($0, "agent memory_reservation", in: 6...30720) } ?? 256
        // The daemon refuses to start with less than 3 MB of buffer (docs/xray-facts.md §1.4).
        let buffer = fields["buffer_mb"].flatMap { reader.int($0, "agent buffer_mb", in: 3...memory) } ?? min(24, memory / 2)
        let logLevel = fields["log_level"].flatMap { reader.choice($0, "agent log_level", from: AgentSpec.logLevels) } ?? "info"
        var crossAccount: ARN?
        if let roleNode = fields["cross_account_role"] {
            crossAccount = roleARN(roleNode, "agent cross_account_role", partition: partition)
            if crossAccount != nil && !kind.profile.assumesCrossAccountRole {
                reader.error(roleNode, "cross_account_role", "is supported with the X-Ray daemon only; for the \(kind.displayName) set the role in its exporter configuration")
            }
        }
        var spec = AgentSpec(kind: kind, image: image, cpu: cpu, memoryReservation: memory, bufferMB: buffer,
                             logLevel: logLevel, crossAccountRole: crossAccount, crossAccountLocation: fields["cross_account_role"]?.location)
        if let node = fields["namespace"], let namespace = kubernetesName(node, "agent namespace") {
            if let addOn = AgentSpec.addOnNamespaces[namespace] {
                // Its DaemonSet, ServiceAccount and Service would share names with the add-on's own.
                reader.error(node, "agent namespace '\(namespace)' belongs to the EKS add-on \(addOn); choose another (default \(AgentSpec.defaultNamespace)) so the two never manage the same objects")
            } else {
                spec.namespace = namespace
            }
        }
        return spec
    }

    private func encryption(_ node: LocatedNode) -> EncryptionSpec? {
        guard let fields = reader.fields(node, "encryption", keys: ["kms_key"]),
              let keyNode = reader.required(fields, "kms_key", "encryption"),
              let key = reader.string(keyNode, "encryption kms_key") else { return nil }
        // PutEncryptionConfig accepts a key ID, an alias, or either as an ARN (docs/xray-facts.md §2.6).
        guard AWSNames.isKMSKey(key) else {
            reader.error(keyNode, "kms_key must be a KMS key ARN, key ID (a UUID or mrk- and 32 hex digits) or alias (alias/ then letters, digits, /, _ and -), found '\(key)'")
            return nil
        }
        return EncryptionSpec(kmsKey: key, location: keyNode.location)
    }

    // MARK: shared value checks

    package func image(_ node: LocatedNode, _ what: String) -> ImageReference? {
        guard let text = reader.string(node, what) else { return nil }
        guard let image = ImageReference(text) else {
            reader.error(node, what, "'\(text)' is not a valid image reference ([registry/]repository[:tag][@sha256:digest], lowercase repository)")
            return nil
        }
        return image
    }

    package func roleARN(_ node: LocatedNode, _ what: String, partition: Partition) -> ARN? {
        guard let text = reader.string(node, what) else { return nil }
        guard let arn = ARN(text), arn.service == "iam", AWSNames.isRoleResource(arn.resource), ARN.isAccountID(arn.account),
              arn.region.isEmpty else {
            reader.error(node, what, "must be an IAM role ARN such as arn:\(partition.rawValue):iam::123456789012:role/NAME, found '\(text)'")
            return nil
        }
        guard arn.partition == partition.rawValue else {
            reader.error(node, what, "is in partition '\(arn.partition)' but the model is in '\(partition.rawValue)'")
            return nil
        }
        return arn
    }

    /// `generate`, an existing role ARN, or (where allowed) `none` and `keep`.
    package func roleChoice(_ node: LocatedNode?, _ what: String, partition: Partition, default value: RoleChoice,
                    allowNone: Bool, allowKeep: Bool = false) -> RoleChoice {
        guard let node else { return value }
        guard let text = reader.string(node, what) else { return value }
        switch text {
        case "generate": return .generate
        case "none" where allowNone: return .none
        case "keep" where allowKeep: return .keep
        default:
            guard text.hasPrefix("arn:") else {
                let words = ["'generate'"] + (allowNone ? ["'none'"] : []) + (allowKeep ? ["'keep'"] : [])
                let choices = words.joined(separator: ", ") + " or a role ARN"
                reader.error(node, "\(what) must be \(choices), found '\(text)'")
                return value
            }
            return roleARN(node, what, partition: partition).map(RoleChoice.existing) ?? value
        }
    }
}
