import XRayCore
import XRaySampling

/// What a file is, decided from its content (and, for `.ebextensions`, its path).
public enum DocumentKind: String, Sendable, CaseIterable {
    case cloudFormation = "CloudFormation/SAM template"
    case taskDefinition = "ECS task definition"
    case ecsService = "ECS service"
    case ebextensions = "Elastic Beanstalk .ebextensions config"
    case dockerrun = "Elastic Beanstalk Dockerrun.aws.json (v2)"
    case policy = "IAM policy"
    case authorizationDetails = "IAM account authorization details"
    case daemonConfig = "X-Ray daemon config"
    case samplingRules = "X-Ray sampling rules"
    case localSamplingRules = "X-Ray SDK local sampling rules"
    case xrayGroups = "X-Ray groups (create-group input, get-groups output)"
    case segments = "X-Ray segment documents"
    case model = "xrayctl model (xray.yaml)"
    case containerDefinitions = "ECS container definitions (a task's list, or one container)"
    case collectorConfig = "OpenTelemetry/ADOT collector configuration"
    case cloudwatchAgentConfig = "CloudWatch agent configuration"
    case otelSDKConfig = "OpenTelemetry SDK declarative configuration (otel-config.yaml, file_format)"
    case serverlessFramework = "Serverless Framework service (serverless.yml)"
    case kubernetes = "Kubernetes manifest"
    case terraformPlan = "Terraform plan or state (terraform show -json)"
    case terraformSource = "Terraform configuration (.tf)"
    case unknown = "unrecognised"

    /// Every kind lint reads (`lint --help` and the man page list them).
    public static var linted: [DocumentKind] { allCases.filter { $0 != .unknown } }
}

/// One linted file: its text, its located tree (nil when it could not be parsed) and its kind.
public struct SourceDocument: Sendable {
    public var path: String
    public var text: String {
        didSet { lineIndex = LineIndex() }
    }
    public var root: LocatedNode?
    public var kind: DocumentKind
    /// Findings made while loading (XR001 syntax, XR003 duplicate keys).
    public var loadFindings: [Finding]
    /// Named on the command line (not found by walking a folder): an unrecognised kind is worth saying.
    public var explicitlyNamed = false
    /// A Terraform plan's resources by where their values are (its root is the template it amounts to).
    package var terraformAddresses: [TerraformPlan.Address] = []
    /// For a Terraform module read from `.tf` files: what stayed unknown and why (`lint -v`).
    public package(set) var terraformUnknowns: [String] = []
    /// Shared by the documents of one file (a YAML stream's, a plan and its settings).
    package var lineIndex = LineIndex()
    /// What the documents written as strings in the file may expand to, all together; shared like
    /// `lineIndex`.
    public package(set) var nodeBudget = NodeBudget()
    /// The documents written as strings in the file, parsed once; shared like `nodeBudget`.
    package var embeddedTrees = EmbeddedTrees()

    // Other modules of the package build these (doctor reads documents from AWS's answers); the
    // implicit memberwise initializer is internal.
    package init(path: String, text: String, root: LocatedNode?, kind: DocumentKind, loadFindings: [Finding]) {
        self.path = path
        self.text = text
        self.root = root
        self.kind = kind
        self.loadFindings = loadFindings
    }

    /// Line `number` (1-based) of the file, without its line break; nil past the last.
    package func line(_ number: Int) -> Substring? { lineIndex.line(number, of: text) }

    /// Another document of the same file, sharing its text, line index and node budget.
    package func sibling(root: LocatedNode?, kind: DocumentKind) -> SourceDocument {
        var document = SourceDocument(path: path, text: text, root: root, kind: kind, loadFindings: [])
        document.lineIndex = lineIndex
        document.nodeBudget = nodeBudget
        document.embeddedTrees = embeddedTrees
        return document
    }

    /// A CloudFormation template, or a Terraform plan or module read as one.
    public var isTemplate: Bool { kind == .cloudFormation || kind == .terraformPlan || kind == .terraformSource && root != nil }

    public var isInEbextensions: Bool {
        path.split(separator: "/").dropLast().last == ".ebextensions"
    }
}

/// Recognises a document's kind from its content (the linter never trusts file names, except
/// for `.ebextensions/`, which Elastic Beanstalk itself identifies by folder).
package enum KindDetector {
    package static let daemonKeys: Set<String> = ["TotalBufferSizeMB", "Concurrency", "Region", "Endpoint", "Socket", "Logging",
                                          "LocalMode", "ResourceARN", "RoleARN", "NoVerifySSL", "ProxyAddress", "Version",
                                          "Profile", "Processor", "MemoryLimit", "LogRotation"]
    package static let daemonOnlyKeys: Set<String> = ["TotalBufferSizeMB", "Socket", "Logging", "LocalMode", "NoVerifySSL",
                                              "ProxyAddress", "Profile", "Processor", "MemoryLimit", "Concurrency"]

    /// A sampling rule object in the API's shape, outside any wrapper: a name and its numbers.
    package static func isBareSamplingRule(_ node: LocatedNode) -> Bool {
        node["RuleName"]?.scalar != nil && (node["FixedRate"] != nil || node["ReservoirSize"] != nil)
    }

    package static func detect(_ root: LocatedNode?, path: String) -> DocumentKind {
        let inEbextensions = path.split(separator: "/").dropLast().last == ".ebextensions"
        guard let root else { return .unknown }
        if let items = root.items {
            if !items.isEmpty, items.allSatisfy({ $0["SamplingRule"] != nil }) { return .samplingRules }
            // Bare rules, as `aws xray get-sampling-rules --query 'SamplingRuleRecords[].SamplingRule'` prints them.
            if !items.isEmpty, items.allSatisfy(isBareSamplingRule) { return .samplingRules }
            if !items.isEmpty, items.allSatisfy(isContainerDefinition) { return .containerDefinitions }
            if !items.isEmpty, items.allSatisfy(isSegment) { return .segments }
            return .unknown
        }
        guard root.pairs != nil else { return .unknown }
        if inEbextensions { return .ebextensions }
        if TerraformPlan.isPlan(root) { return .terraformPlan }
        // Every Kubernetes object names its apiVersion and kind (kubectl, Helm and Kustomize output alike).
        if root["apiVersion"]?.scalar != nil, root["kind"]?.scalar != nil, root["metadata"] != nil || root["items"] != nil {
            return .kubernetes
        }
        if root["Resources"]?.pairs != nil || root["AWSTemplateFormatVersion"] != nil { return .cloudFormation }
        if root["AWSEBDockerrunVersion"] != nil { return .dockerrun }
        if root["containerDefinitions"] != nil || root["taskDefinition"]?["containerDefinitions"] != nil { return .taskDefinition }
        if root["serviceName"] != nil && (root["taskDefinition"] != nil || root["schedulingStrategy"] != nil) { return .ecsService }
        if root["service"]?["serviceName"] != nil || root["services"]?.items?.first?["serviceName"] != nil { return .ecsService }
        if root["Statement"] != nil { return .policy }
        // A model, even one missing required keys (XR004 then names them): a services list whose
        // entries have a platform, or the model's own file name.
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        if root["services"] != nil && (root["project"] != nil && root["version"] != nil
            || root["services"]?.items?.contains(where: { $0["platform"] != nil }) == true
            || ["xray.yaml", "xray.yml"].contains(fileName)) { return .model }
        if root["RoleDetailList"] != nil || root["Policies"]?.items != nil && root["UserDetailList"] != nil { return .authorizationDetails }
        if root["SamplingRule"] != nil || root["SamplingRuleRecords"] != nil || root["SamplingRuleUpdate"] != nil { return .samplingRules }
        if isGroup(root) || isGroup(root["Group"]) || root["Groups"]?.items.map({ !$0.isEmpty && $0.allSatisfy(isGroup) }) == true {
            return .xrayGroups
        }
        if let version = root["version"]?.text, ["1", "2"].contains(version) || root["default"] != nil,
           root["default"] != nil || root["rules"] != nil { return .localSamplingRules }
        if isSegment(root) { return .segments }
        if isContainerDefinition(root) && (root["portMappings"] != nil || root["essential"] != nil || root["environment"] != nil
            || root["memory"] != nil || root["memoryReservation"] != nil || root["command"] != nil) { return .containerDefinitions }
        if root["receivers"]?.pairs != nil && (root["exporters"] != nil || root["service"]?["pipelines"] != nil) { return .collectorConfig }
        // OpenTelemetry's declarative SDK configuration: every file names its `file_format`.
        if root["file_format"]?.scalar != nil { return .otelSDKConfig }
        if root["traces"]?["traces_collected"] != nil || root["metrics"]?["metrics_collected"] != nil
            || root["logs"]?["logs_collected"] != nil || root["logs"]?["metrics_collected"] != nil
            || root["opentelemetry"]?["collect"] != nil { return .cloudwatchAgentConfig }
        if root["service"] != nil, let provider = root["provider"], provider["name"]?.text == "aws" || root["functions"] != nil {
            return .serverlessFramework
        }
        if root["option_settings"] != nil { return .ebextensions }
        // A daemon config: mostly daemon keys (or near misses of them, which XR502 then names).
        let keys = Set(root.pairs!.compactMap { $0.key.text })
        let daemonLike = keys.filter { daemonKeys.contains($0) || Suggestion.closest(to: $0, in: Array(daemonKeys)) != nil }
        if !keys.isEmpty, !keys.isDisjoint(with: daemonOnlyKeys) || keys.contains("Version"),
           Double(daemonLike.count) >= Double(keys.count) / 2 { return .daemonConfig }
        return .unknown
    }

    /// An ECS container definition: a name and an image, and no key of another kind.
    package static func isContainerDefinition(_ node: LocatedNode) -> Bool {
        node.pairs != nil && node["name"] != nil && node["image"] != nil && node["containerDefinitions"] == nil
            && node["Type"] == nil && node["services"] == nil
    }

    /// An X-Ray group as CreateGroup/UpdateGroup take it and GetGroup(s) print it.
    package static func isGroup(_ node: LocatedNode?) -> Bool {
        guard let node else { return false }
        return node["FilterExpression"] != nil && (node["GroupName"]?.scalar != nil || node["GroupARN"]?.scalar != nil)
    }

    package static func isSegment(_ node: LocatedNode) -> Bool {
        node["trace_id"] != nil && (node["id"] != nil || node["name"] != nil)
            || node["type"]?.text == "subsegment" && node["parent_id"] != nil
    }
}

extension [SourceDocument] {
    /// The bytes of the files these documents came from (each file once: the documents of a YAML
    /// stream share their file's text), for `Parallel`'s choice of cores.
    package var fileBytes: Int {
        var seen = Set<String>()
        return reduce(0) { total, document in seen.insert(document.path).inserted ? total + document.text.utf8.count : total }
    }
}
