import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// `audit --inventory`: every workload the audit read, with the agent it runs (the X-Ray daemon
/// and its version from the image tag, the ADOT collector, the CloudWatch agent), where X-Ray SDKs
/// or OpenTelemetry show (Lambda layers, environment variables), and the command that moves it to
/// OTLP — what is still on the daemon when it leaves support (docs/xray-facts.md §8).
package struct InventoryRow: Sendable, Hashable {
    package var account: String
    package var region: String
    /// `ecs-task-definition`, `lambda-function`, `eks-cluster` or `beanstalk-environment`.
    package var kind: String
    package var arn: String
    /// `xray-daemon 3.3.14`, `adot v0.43.1`, `cloudwatch-agent latest`, `lambda-active-tracing`, or `none`.
    package var agents: [String]
    /// Variables and layers that show an SDK: `AWS_XRAY_DAEMON_ADDRESS`, `OTEL_EXPORTER_OTLP_ENDPOINT`, a layer ARN.
    package var signals: [String]
    package var migrate: String

    package static let header = ["account", "region", "kind", "arn", "agents", "sdk_signals", "migrate"]
    package var fields: [String] {
        [account, region, kind, arn, agents.joined(separator: "; "), signals.joined(separator: "; "), migrate]
    }
}

package enum Inventory {
    /// The workloads of one account+region's documents.
    package static func rows(_ documents: [AuditDocument], scope: AuditScope) -> [InventoryRow] {
        var rows: [InventoryRow] = []
        for audited in documents {
            guard let root = audited.document.root else { continue }
            switch audited.document.kind {
            case .taskDefinition:
                guard let arn = audited.addresses[""]?.arn else { continue }
                let containers = root["taskDefinition"]?["containerDefinitions"]?.items ?? []
                var agents: [String] = [], signals: [String] = []
                for container in containers {
                    let image = container["image"]?.text ?? ""
                    if let kind = ContainerView.agentKind(of: image) ?? ContainerView.agentKind(of: container["name"]?.text) {
                        agents.append("\(kind.rawValue) \(tag(image))")
                    }
                    signals += (container["environment"]?.items ?? []).compactMap { $0["name"]?.text }.filter(isSDKVariable)
                }
                let family = arn.split(separator: "/").last.map { String($0.split(separator: ":").first ?? "") } ?? "task"
                let migrate = agents.contains { $0.hasPrefix(AgentSpec.Kind.xrayDaemon.rawValue) } || agents.isEmpty && !signals.isEmpty
                    ? "aws ecs describe-task-definition --region \(scope.region) --task-definition \(arn) --query taskDefinition > \(family).json && xrayctl instrument \(family).json --agent adot --export otlp --region \(scope.region) -o \(family).otlp.json"
                    : ""
                rows.append(InventoryRow(account: scope.account, region: scope.region, kind: "ecs-task-definition", arn: arn,
                                         agents: agents.isEmpty ? ["none"] : agents, signals: Array(Set(signals)).sorted(), migrate: migrate))
            case .cloudFormation:
                for (key, resource) in root["Resources"]?.pairs ?? [] where resource["Type"]?.text == "AWS::Lambda::Function" {
                    guard let id = key.text, let arn = audited.addresses["/Resources/" + LocatedNode.escape(id)]?.arn else { continue }
                    let properties = resource["Properties"]
                    let active = properties?["TracingConfig"]?["Mode"]?.text == "Active"
                    let layers = (properties?["Layers"]?.items ?? []).compactMap(\.text)
                    let variables = (properties?["Environment"]?["Variables"]?.pairs ?? []).compactMap { $0.key.text }.filter(isSDKVariable)
                    let name = properties?["FunctionName"]?.text ?? id
                    rows.append(InventoryRow(account: scope.account, region: scope.region, kind: "lambda-function", arn: arn,
                                             agents: active ? ["lambda-active-tracing"] : ["none"],
                                             signals: (layers.filter(isSDKLayer) + variables).sorted(),
                                             migrate: active ? "xrayctl instrument TEMPLATE --agent adot --export otlp --region \(scope.region) (TEMPLATE: the one that defines \(name))" : ""))
                }
                rows += clusters(root, audited, scope: scope)
            case .ebextensions:
                // Beanstalk runs the daemon itself when XRayEnabled is on (docs/xray-facts.md §4).
                guard let arn = audited.addresses[""]?.arn else { continue }
                let enabled = (root["option_settings"]?.items ?? []).contains {
                    $0["namespace"]?.text == BeanstalkConfigView.xrayNamespace && $0["option_name"]?.text == "XRayEnabled" && $0["value"]?.text?.lowercased() == "true"
                }
                rows.append(InventoryRow(account: scope.account, region: scope.region, kind: "beanstalk-environment", arn: arn,
                                         agents: [enabled ? "xray-daemon beanstalk" : "none"], signals: [], migrate: ""))
            default:
                continue
            }
        }
        return rows.sorted { $0.arn < $1.arn }
    }

    /// EKS clusters with the agents their add-ons run: the ADOT add-on (`adot`) and the CloudWatch
    /// Observability add-on (`amazon-cloudwatch-observability`, the CloudWatch agent; docs/xray-facts.md §11).
    private static func clusters(_ root: LocatedNode, _ audited: AuditDocument, scope: AuditScope) -> [InventoryRow] {
        let resources = root["Resources"]?.pairs ?? []
        var agents: [String: [String]] = [:]
        for (_, resource) in resources where resource["Type"]?.text == "AWS::EKS::Addon" {
            guard let properties = resource["Properties"], let cluster = properties["ClusterName"]?.text else { continue }
            let version = properties["AddonVersion"]?.text ?? "latest"
            switch properties["AddonName"]?.text {
            case "adot": agents[cluster, default: []].append("adot \(version)")
            case "amazon-cloudwatch-observability": agents[cluster, default: []].append("cloudwatch-agent \(version)")
            default: break
            }
        }
        return resources.compactMap { key, resource in
            guard resource["Type"]?.text == "AWS::EKS::Cluster", let id = key.text, let name = resource["Properties"]?["Name"]?.text,
                  let arn = audited.addresses["/Resources/" + LocatedNode.escape(id)]?.arn else { return nil }
            return InventoryRow(account: scope.account, region: scope.region, kind: "eks-cluster", arn: arn,
                                agents: (agents[name] ?? ["none"]).sorted(), signals: [], migrate: "")
        }
    }

    /// The image's tag or digest; `latest` when it has none (what the registry then serves).
    package static func tag(_ image: String) -> String {
        if let at = image.firstIndex(of: "@") { return String(image[image.index(after: at)...]) }
        let last = image.split(separator: "/").last.map(String.init) ?? image
        return last.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? "latest"
    }

    package static func isSDKVariable(_ name: String) -> Bool {
        name.hasPrefix("AWS_XRAY_") || name.hasPrefix("OTEL_") || name == "AWS_LAMBDA_EXEC_WRAPPER"
    }

    /// AWS's OpenTelemetry layers (`AWSOpenTelemetryDistro*`, `aws-otel-*`) and X-Ray SDK layers.
    package static func isSDKLayer(_ arn: String) -> Bool {
        let lowered = arn.lowercased()
        return lowered.contains("opentelemetry") || lowered.contains("aws-otel") || lowered.contains("xray")
    }

    package static func markdown(_ rows: [InventoryRow]) -> String {
        func cell(_ text: String) -> String { text.isEmpty ? "" : text.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + InventoryRow.header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: InventoryRow.header.count)]
        lines += rows.map { row in "| " + row.fields.map { cell($0.isEmpty ? "" : ($0.contains(" && ") || $0.hasPrefix("xrayctl ") ? "`\($0)`" : $0)) }.joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled.
    package static func csv(_ rows: [InventoryRow]) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([InventoryRow.header] + rows.map(\.fields)).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    package static func json(_ rows: [InventoryRow]) -> String {
        let items: [JSONValue] = rows.map { row in
            .object(["account": .string(row.account), "region": .string(row.region), "kind": .string(row.kind), "arn": .string(row.arn),
                     "agents": .array(row.agents.map(JSONValue.string)), "sdkSignals": .array(row.signals.map(JSONValue.string)),
                     "migrate": row.migrate.isEmpty ? .null : .string(row.migrate)])
        }
        return CanonicalJSON.encode(JSONValue.object(["workloads": .array(items)]))
    }
}
