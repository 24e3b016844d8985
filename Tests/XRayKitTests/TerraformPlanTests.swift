import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// `terraform show -json` plans, built by hand in the documented format (no terraform binary
/// here): resources in nested modules, roles joined to policies attached by other resources,
/// values known only after apply, and findings that name the resource's address.
@Suite struct TerraformPlanTests {
    func lint(_ plan: [String: Any], rules: Set<String>? = nil) throws -> [Finding] {
        let data = try JSONSerialization.data(withJSONObject: plan, options: [.sortedKeys])
        let documents = DocumentLoader.loadAll(path: "plan.json", data: data)
        #expect(documents.first?.kind == .terraformPlan)
        return Linter.lint(documents, options: LintOptions(enabledOnly: rules, today: RuleExampleTests.today))
    }

    static func resource(_ address: String, _ values: [String: Any]) -> [String: Any] {
        let parts = TerraformPlan.withoutIndexes(address).split(separator: ".").suffix(2)
        return ["address": address, "mode": "managed", "type": String(parts.first!), "name": String(parts.last!), "values": values]
    }

    static let daemonOnFargate: String = {
        let containers: [[String: Any]] = [
            ["name": "api", "image": "api:1.0", "essential": true],
            ["name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "essential": true,
             "portMappings": [["containerPort": 2000, "protocol": "udp"]]],
        ]
        let data = try! JSONSerialization.data(withJSONObject: containers, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }()

    static func task(_ address: String, extra: [String: Any] = [:]) -> [String: Any] {
        resource(address, ["family": "api", "network_mode": "awsvpc", "requires_compatibilities": ["FARGATE"], "cpu": "512",
                           "memory": "1024", "container_definitions": daemonOnFargate].merging(extra) { $1 })
    }

    /// A role that comes from a data source is known only after apply: the agent may have one,
    /// so nothing says it has none (XR107), and XR201 says the role was not checked.
    @Test func aRoleKnownOnlyAfterApplyIsNeverAFalseError() throws {
        let plan: [String: Any] = [
            "format_version": "1.2",
            "planned_values": ["root_module": ["resources": [Self.task("aws_ecs_task_definition.api")]]],
            "resource_changes": [["address": "aws_ecs_task_definition.api", "change": ["after_unknown": ["task_role_arn": true, "arn": true]]]],
            "configuration": ["root_module": ["resources": [["address": "aws_ecs_task_definition.api",
                                                           "expressions": ["task_role_arn": ["references": ["data.aws_iam_role.existing.arn", "data.aws_iam_role.existing"]]]]]]],
        ]
        let findings = try lint(plan)
        #expect(!findings.contains { $0.rule == "XR107" }, "\(findings.map(\.message))")
        #expect(findings.allSatisfy { $0.severity != .error }, "\(findings.map { "\($0.rule) \($0.message)" })")
        #expect(findings.contains { $0.rule == "XR201" && $0.address == "aws_ecs_task_definition.api" })
    }

    /// The same task with no role at all is the error it is, named by its address in a module.
    @Test func aTaskWithoutARoleInAModuleIsAnErrorAtItsAddress() throws {
        let plan: [String: Any] = [
            "format_version": "1.2",
            "planned_values": ["root_module": ["child_modules": [["address": "module.svc[\"api\"]", "resources": [Self.task("module.svc[\"api\"].aws_ecs_task_definition.this")]]]]],
        ]
        let findings = try lint(plan, rules: ["XR107"])
        #expect(findings.map(\.rule) == ["XR107"])
        #expect(findings.first?.address == "module.svc[\"api\"].aws_ecs_task_definition.this")
        // Inside the container_definitions string: the pointer goes into it.
        #expect(findings.first?.pointer.contains("/values") == true)
    }

    /// A role's policy attached by a separate resource, joined as Terraform joins them: by the
    /// role's name, and through the attachment's reference to a policy of the plan.
    @Test func policiesAttachedBySeparateResourcesCountForTheRole() throws {
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let write = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["xray:PutTraceSegments","xray:PutTelemetryRecords","xray:GetSamplingRules","xray:GetSamplingTargets","xray:GetSamplingStatisticSummaries"],"Resource":"*"}]}"#
        func plan(attached: Bool) -> [String: Any] {
            var resources: [[String: Any]] = [
                Self.resource("aws_iam_role.task", ["name": "api-task", "assume_role_policy": trust]),
                Self.resource("aws_iam_policy.xray", ["name": "xray", "policy": write]),
                Self.task("aws_ecs_task_definition.api"),
            ]
            var configuration: [[String: Any]] = [["address": "aws_ecs_task_definition.api",
                                                   "expressions": ["task_role_arn": ["references": ["aws_iam_role.task.arn", "aws_iam_role.task"]]]]]
            if attached {
                resources.append(Self.resource("aws_iam_role_policy_attachment.xray", ["role": "api-task"]))
                configuration.append(["address": "aws_iam_role_policy_attachment.xray",
                                      "expressions": ["policy_arn": ["references": ["aws_iam_policy.xray.arn", "aws_iam_policy.xray"]]]])
            }
            return ["format_version": "1.2", "planned_values": ["root_module": ["resources": resources]],
                    "configuration": ["root_module": ["resources": configuration]]]
        }
        let without = try lint(plan(attached: false), rules: ["XR201", "XR202"])
        #expect(without.map(\.rule).sorted() == ["XR201", "XR202"], "\(without.map(\.message))")
        #expect(without.allSatisfy { $0.address == "aws_ecs_task_definition.api" })
        #expect(try lint(plan(attached: true), rules: ["XR201", "XR202"]).isEmpty)
    }

    /// An Elastic Beanstalk environment's `setting` blocks are checked as `.ebextensions` options.
    @Test func beanstalkSettingsAreCheckedAsOptionSettings() throws {
        let settings: [[String: Any]] = [
            ["namespace": "aws:elasticbeanstalk:xray", "name": "XRayEnabled", "value": "yes", "resource": ""],
            ["namespace": "aws:elasticbeanstalk:xray", "name": "XrayEnable", "value": "true", "resource": ""],
            ["namespace": "aws:autoscaling:launchconfiguration", "name": "IamInstanceProfile", "value": "web-profile", "resource": ""],
        ]
        let plan: [String: Any] = ["format_version": "1.2", "planned_values": ["root_module": ["resources": [
            Self.resource("aws_elastic_beanstalk_environment.web", ["name": "web", "setting": settings]),
        ]]]]
        let findings = try lint(plan)
        #expect(findings.map(\.rule).sorted() == ["XR301", "XR302"], "\(findings.map { "\($0.rule) \($0.message)" })")
        #expect(findings.allSatisfy { $0.address == "aws_elastic_beanstalk_environment.web" })
    }

    /// Compact output (what `terraform show -json` prints) is read the same way, and the JSON and
    /// SARIF reports carry the address.
    @Test func reportsCarryTheAddress() throws {
        let plan: [String: Any] = [
            "format_version": "1.2",
            "planned_values": ["root_module": ["resources": [Self.resource("aws_xray_sampling_rule.health", [
                "rule_name": "health", "priority": 10, "fixed_rate": 0, "reservoir_size": 0, "service_name": "*", "service_type": "*",
                "host": "*", "http_method": "GET", "url_path": "/livez,/readyz", "resource_arn": "*", "version": 1, "attributes": [String: String](),
            ])]]],
        ]
        let findings = try lint(plan)
        #expect(findings.map(\.rule) == ["XR611"])
        let report = LintReport(findings: findings, fileCount: 1)
        #expect(JSONReporter.render(report).contains("\"address\": \"aws_xray_sampling_rule.health\""))
        #expect(SARIFReporter.render(report).contains("\"fullyQualifiedName\": \"aws_xray_sampling_rule.health\""))
        #expect(TextReporter.render(report).contains("resource: aws_xray_sampling_rule.health"))
    }
}
