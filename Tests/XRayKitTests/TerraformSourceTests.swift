import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayRules
@testable import XRayViews

/// `.tf` source read by `lint`: each defect the issue names, in a configuration that triggers it
/// (the finding on the `.tf` line and column marked `↓`) and one that does not; then the folder
/// semantics (a module is its folder, `.terraform/` skipped, called modules linted through their
/// calls) and what `-v` says stayed unknown.
@Suite struct TerraformSourceTests {
    /// Removed when the test that owns this suite instance ends.
    let scratch = TestSupport.TemporaryFolder()

    /// Writes `files` (paths relative to a new folder; `↓` marks where the finding must land, and is
    /// removed), lints the folder, and returns the findings of `rules` with the marked places.
    func lint(_ files: [String: String], rules: Set<String>, lint path: String = "") throws
        -> (findings: [Finding], marked: [String], folder: URL) {
        let folder = scratch.url.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var marked: [String] = []
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let arrow = line.firstIndex(of: "↓") {
                    marked.append("\(url.path):\(index + 1):\(line[..<arrow].unicodeScalars.count + 1)")
                }
            }
            try Data(text.replacingOccurrences(of: "↓", with: "").utf8).write(to: url)
        }
        let documents = try FileCollector.gather([folder.appendingPathComponent(path).path]).documents
        let findings = Linter.lint(documents, options: LintOptions(enabledOnly: rules, today: Date(timeIntervalSince1970: 1_790_000_000)))
        return (findings, marked.sorted(), folder)
    }

    static func places(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.location.file):\($0.location.line):\($0.location.column)" }.sorted()
    }

    /// Asserts the triggering configuration reports `rule` exactly at its `↓` marks and the passing
    /// one reports nothing.
    func check(_ rule: String, triggering: [String: String], passing: [String: String], lint path: String = "") throws {
        let bad = try lint(triggering, rules: [rule], lint: path)
        #expect(!bad.marked.isEmpty)
        #expect(Self.places(bad.findings) == bad.marked, "\(rule): \(bad.findings.map { "\($0.location) \($0.message)" })")
        #expect(bad.findings.allSatisfy { $0.rule == rule })
        let good = try lint(passing, rules: [rule], lint: path)
        #expect(good.findings.isEmpty, "\(rule) on the passing configuration: \(good.findings.map { "\($0.location) \($0.message)" })")
    }

    static let assumeECS = """
        data "aws_iam_policy_document" "ecs_assume" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "Service"
              identifiers = ["ecs-tasks.amazonaws.com"]
            }
          }
        }

        """

    static func daemonTask(portMappings: String) -> String {
        """
        resource "aws_ecs_cluster" "main" {
          name = "main"
        }

        resource "aws_ecs_task_definition" "daemon" {
          family       = "xray-daemon"
          network_mode = "bridge"
          container_definitions = jsonencode([
            {
              name         = "xray-daemon"
              image        = "public.ecr.aws/xray/aws-xray-daemon:3.6.6"
              memory       = 256
              portMappings = \(portMappings)
            }
          ])
        }

        resource "aws_ecs_service" "daemon" {
          name                = "xray-daemon"
          cluster             = aws_ecs_cluster.main.id
          task_definition     = aws_ecs_task_definition.daemon.arn
          scheduling_strategy = "DAEMON"
        }

        """
    }

    @Test func daemonWithoutUDP2000InJsonencodedContainers() throws {
        try check("XR102",
                       triggering: ["main.tf": Self.daemonTask(portMappings: "↓[{ containerPort = 2000, hostPort = 2000 }]")],
                       passing: ["main.tf": Self.daemonTask(portMappings: "[{ containerPort = 2000, hostPort = 2000, protocol = \"udp\" }]")])
    }

    static func fargateTask(attachTo role: String) -> String {
        assumeECS + """
        resource "aws_iam_role" "task" {
          name               = "api-task"
          assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
        }

        resource "aws_iam_role" "execution" {
          name               = "api-execution"
          assume_role_policy = data.aws_iam_policy_document.ecs_assume.json
        }

        resource "aws_iam_role_policy_attachment" "xray" {
          role       = aws_iam_role.\(role).name
          policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
        }

        ↓resource "aws_ecs_task_definition" "api" {
          family                   = "api"
          network_mode             = "awsvpc"
          requires_compatibilities = ["FARGATE"]
          cpu                      = "512"
          memory                   = "1024"
          task_role_arn            = aws_iam_role.task.arn
          execution_role_arn       = aws_iam_role.execution.arn
          container_definitions = jsonencode([
            { name = "api", image = "example/api:1.2.0", essential = true },
            { name = "xray-daemon", image = "public.ecr.aws/xray/aws-xray-daemon:3.6.6", essential = false,
              portMappings = [{ containerPort = 2000, protocol = "udp" }] },
          ])
        }

        """
    }

    @Test func xrayActionsOnTheExecutionRoleOnly() throws {
        try check("XR206", triggering: ["main.tf": Self.fargateTask(attachTo: "execution")],
                       passing: ["main.tf": Self.fargateTask(attachTo: "task").replacingOccurrences(of: "↓", with: "")])
    }

    static func tracedFunction(policy: String) -> String {
        """
        data "aws_iam_policy_document" "lambda_assume" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "Service"
              identifiers = ["lambda.amazonaws.com"]
            }
          }
        }

        data "aws_iam_policy_document" "permissions" {
          statement {
            actions   = \(policy)
            resources = ["*"]
          }
        }

        resource "aws_iam_role" "fn" {
          name               = "orders-fn"
          assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
        }

        resource "aws_iam_role_policy" "fn" {
          role   = aws_iam_role.fn.id
          policy = data.aws_iam_policy_document.permissions.json
        }

        ↓resource "aws_lambda_function" "orders" {
          function_name = "orders"
          role          = aws_iam_role.fn.arn
          runtime       = "python3.12"
          handler       = "app.handler"
          filename      = "app.zip"
          tracing_config {
            mode = "Active"
          }
        }

        """
    }

    @Test func tracedLambdaWhoseRoleCannotUpload() throws {
        try check("XR402", triggering: ["main.tf": Self.tracedFunction(policy: "[\"logs:CreateLogStream\", \"logs:PutLogEvents\"]")],
                       passing: ["main.tf": Self.tracedFunction(policy: "[\"logs:PutLogEvents\", \"xray:PutTraceSegments\", \"xray:PutTelemetryRecords\"]")
                        .replacingOccurrences(of: "↓", with: "")])
    }

    static func samplingRule(method: String, rate: String) -> String {
        """
        resource "aws_xray_sampling_rule" "checkout" {
          rule_name      = "checkout"
          priority       = 100
          version        = 1
          reservoir_size = 1
          fixed_rate     = \(rate)
          url_path       = "/checkout/*"
          host           = "*"
          http_method    = \(method)
          service_type   = "*"
          service_name   = "checkout"
          resource_arn   = "*"
        }

        """
    }

    @Test func samplingRuleWithAListInOneStringAndARateAboveOne() throws {
        try check("XR611", triggering: ["main.tf": Self.samplingRule(method: "↓\"GET, POST\"", rate: "0.05")],
                       passing: ["main.tf": Self.samplingRule(method: "\"GET\"", rate: "0.05")])
        try check("XR602", triggering: ["main.tf": Self.samplingRule(method: "\"GET\"", rate: "↓5")],
                       passing: ["main.tf": Self.samplingRule(method: "\"GET\"", rate: "0.05")])
    }

    static func sidecar(image: String) -> String {
        """
        variable "daemon_image" {
          default = \(image)
        }

        locals {
          containers = [
            { name = "api", image = "example/api:1.2.0", essential = true },
            { name = "xray-daemon", image = var.daemon_image, essential = false,
              portMappings = [{ containerPort = 2000, protocol = "udp" }] },
          ]
        }

        resource "aws_ecs_task_definition" "api" {
          family                = "api"
          network_mode          = "awsvpc"
          container_definitions = jsonencode(local.containers)
        }

        """
    }

    /// The image comes from a variable's default, through a local: the finding is on the default.
    @Test func untaggedAgentImage() throws {
        try check("XR110", triggering: ["main.tf": Self.sidecar(image: "↓\"public.ecr.aws/xray/aws-xray-daemon\"")],
                       passing: ["main.tf": Self.sidecar(image: "\"public.ecr.aws/xray/aws-xray-daemon:3.6.6\"")])
    }

    static func moduleCall(rate: String) -> [String: String] {
        ["main.tf": """
            module "sampling" {
              source = "./modules/sampling"
              rate   = \(rate)
            }

            module "from_registry" {
              source  = "terraform-aws-modules/lambda/aws"
              version = "7.0.0"
            }

            """,
         "modules/sampling/main.tf": """
            variable "rate" {
              type = number
            }

            resource "aws_xray_sampling_rule" "api" {
              rule_name      = "api"
              priority       = 10
              version        = 1
              reservoir_size = 1
              fixed_rate     = var.rate
              url_path       = "*"
              host           = "*"
              http_method    = "*"
              service_type   = "*"
              service_name   = "api"
              resource_arn   = "*"
            }

            """]
    }

    /// The module on its own is fine (its rate is an input); the call passes 1.5: the finding is at
    /// the call, and the module folder is not linted again as a root of its own.
    @Test func aDefectThatExistsOnlyThroughALocalModulesInputs() throws {
        try check("XR602", triggering: Self.moduleCall(rate: "↓1.5"), passing: Self.moduleCall(rate: "0.5"))
        let run = try lint(Self.moduleCall(rate: "1.5"), rules: ["XR602"])
        #expect(run.findings.first?.address == "module.sampling.aws_xray_sampling_rule.api")
        let documents = try FileCollector.gather([run.folder.path]).documents
        let unknowns = documents.flatMap(\.terraformUnknowns)
        #expect(unknowns.contains { $0.contains("module.from_registry") && $0.contains("not a local folder") }, "\(unknowns)")
    }

    /// A traced function whose role, trace mode and permissions all come through a local module:
    /// the role is the module's output `role_arn` (`aws_iam_role.this.arn` in the module), the mode
    /// a plain-valued output, and the role's policy a document the caller passes in.
    static func roleFromModuleOutput(actions: String, marked: Bool = true) -> [String: String] {
        ["main.tf": """
            data "aws_iam_policy_document" "permissions" {
              statement {
                actions   = \(actions)
                resources = ["*"]
              }
            }

            module "iam" {
              source = "./modules/iam"
              name   = "orders-fn"
              policy = data.aws_iam_policy_document.permissions.json
            }

            \(marked ? "↓" : "")resource "aws_lambda_function" "orders" {
              function_name = "orders"
              role          = module.iam.role_arn
              runtime       = "python3.12"
              handler       = "app.handler"
              filename      = "app.zip"
              tracing_config {
                mode = module.iam.tracing_mode
              }
            }

            """,
         "modules/iam/main.tf": """
            variable "name" {
              type = string
            }

            variable "policy" {
              type = string
            }

            data "aws_iam_policy_document" "assume" {
              statement {
                actions = ["sts:AssumeRole"]
                principals {
                  type        = "Service"
                  identifiers = ["lambda.amazonaws.com"]
                }
              }
            }

            resource "aws_iam_role" "this" {
              name               = var.name
              assume_role_policy = data.aws_iam_policy_document.assume.json
            }

            resource "aws_iam_role_policy" "this" {
              role   = aws_iam_role.this.id
              policy = var.policy
            }

            output "role_arn" {
              value = aws_iam_role.this.arn
            }

            output "tracing_mode" {
              value = "Active"
            }

            """]
    }

    /// `module.iam.role_arn` is the module's role: whether it may upload is checked (not an info
    /// saying the role is elsewhere), and the finding is on the function.
    @Test func aRoleFromALocalModulesOutput() throws {
        try check("XR402", triggering: Self.roleFromModuleOutput(actions: "[\"logs:CreateLogStream\", \"logs:PutLogEvents\"]"),
                       passing: Self.roleFromModuleOutput(actions: "[\"logs:PutLogEvents\", \"xray:PutTraceSegments\", \"xray:PutTelemetryRecords\"]", marked: false))
        let run = try lint(Self.roleFromModuleOutput(actions: "[\"logs:PutLogEvents\"]"), rules: ["XR402"])
        #expect(run.findings.map(\.severity) == [.error])
        #expect(run.findings.first?.message.contains("orders-fn") == true, "\(run.findings.map(\.message))")
    }

    /// An output of a module that is not read (a registry module) stays unknown: the role is not
    /// among the linted files, which is an info, never a defect.
    @Test func anOutputOfAModuleNotReadStaysUnknown() throws {
        var files = Self.roleFromModuleOutput(actions: "[\"logs:PutLogEvents\"]")
        files["main.tf"] = files["main.tf"]!.replacingOccurrences(of: "\"./modules/iam\"", with: "\"terraform-aws-modules/iam/aws\"")
            .replacingOccurrences(of: "module.iam.tracing_mode", with: "\"Active\"")
        let run = try lint(files, rules: ["XR402"])
        #expect(run.findings.map(\.severity) == [.info], "\(run.findings.map(\.message))")
    }

    static func templated(image: String) -> [String: String] {
        ["main.tf": """
            resource "aws_ecs_task_definition" "api" {
              family       = "api"
              network_mode = "awsvpc"
              container_definitions = ↓templatefile("${path.module}/containers.json.tpl", {
                daemon_image = "\(image)"
                app_image    = "example/api:1.2.0"
              })
            }

            """,
         "containers.json.tpl": """
            [
              {"name": "api", "image": "${app_image}", "essential": true},
              {"name": "xray-daemon", "image": "${daemon_image}", "essential": false,
               "portMappings": [{"containerPort": 2000, "protocol": "udp"}]}
            ]

            """]
    }

    /// Rendered by `templatefile`, the containers are located at the call.
    @Test func aTemplatefileRenderedTaskDefinition() throws {
        try check("XR110", triggering: Self.templated(image: "amazon/aws-xray-daemon"),
                       passing: Self.templated(image: "amazon/aws-xray-daemon:3.6.6").mapValues { $0.replacingOccurrences(of: "↓", with: "") },
                       lint: "main.tf")
    }

    @Test func aSyntaxErrorIsXR001OnTheTfLine() throws {
        let run = try lint(["main.tf": "resource \"aws_iam_role\" \"r\" {\n  name = \"x\"\n  tags = { a = ↓}\n}\n"], rules: ["XR001"])
        #expect(Self.places(run.findings) == run.marked, "\(run.findings.map(\.message))")
    }

    /// `.terraform/` (downloaded modules) is never entered; every `.tf` file of a folder is one module,
    /// so a role in one file and its task in another are read together.
    @Test func folderSemantics() throws {
        var files = ["roles.tf": Self.fargateTask(attachTo: "execution").components(separatedBy: "↓resource \"aws_ecs_task_definition\"")[0],
                     "task.tf": "↓resource \"aws_ecs_task_definition\"" + Self.fargateTask(attachTo: "execution").components(separatedBy: "↓resource \"aws_ecs_task_definition\"")[1]]
        files[".terraform/modules/x/main.tf"] = Self.samplingRule(method: "\"GET, POST\"", rate: "5")
        let run = try lint(files, rules: ["XR206", "XR602", "XR611"])
        #expect(Self.places(run.findings) == run.marked, "\(run.findings.map { "\($0.rule) \($0.location)" })")
        // Named on its own, a .tf file is read with the rest of its folder.
        let named = try FileCollector.gather([run.folder.appendingPathComponent("task.tf").path]).documents
        #expect(Self.places(Linter.lint(named, options: LintOptions(enabledOnly: ["XR206"]))) == run.marked)
    }

    /// What only Terraform knows when it runs never becomes a finding: a role from a variable
    /// without a default, a task size from inputs, containers from a data source.
    @Test func unknownValuesStaySilent() throws {
        let run = try lint(["main.tf": """
            variable "task_role_arn" {}
            variable "cpu" {}
            data "aws_ssm_parameter" "containers" {
              name = "/api/containers"
            }
            resource "aws_ecs_task_definition" "api" {
              family                   = "api"
              network_mode             = "awsvpc"
              requires_compatibilities = ["FARGATE"]
              cpu                      = var.cpu
              memory                   = var.cpu * 2
              task_role_arn            = var.task_role_arn
              container_definitions    = data.aws_ssm_parameter.containers.value
            }
            resource "aws_lambda_function" "f" {
              function_name = "f"
              role          = var.task_role_arn
              tracing_config {
                mode = "Active"
              }
            }
            """], rules: Set(RuleCatalog.descriptions.map(\.id)))
        #expect(run.findings.filter { $0.severity >= .warning }.isEmpty, "\(run.findings.map { "\($0.rule) \($0.location) \($0.message)" })")
    }
}
