import Foundation
import Testing
@testable import HCL

/// A folder read as a module: locals across files, variables from defaults and tfvars, and files
/// read beside it.
@Suite struct ModuleTests {
    func write(_ files: [String: String], in folder: URL) throws {
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    @Test func localsAcrossFilesAndVariablesInTerraformsPrecedence() throws {
        let folder = try HCLTestSupport.temporaryFolder("module")
        defer { HCLTestSupport.remove(folder) }
        try write([
            "main.tf": """
            locals { name = "${var.prefix}-${local.suffix}" }
            resource "aws_lambda_function" "f" {
              function_name = local.name
              tracing_config { mode = var.mode }
            }
            """,
            "locals.tf": "locals {\n  suffix = var.count_as_string\n}\n",
            "variables.tf": """
            variable "prefix" { default = "default" }
            variable "mode" { default = "PassThrough" }
            variable "count_as_string" {
              type    = string
              default = 3
            }
            variable "required" {}
            variable "regions" { type = set(string) }
            """,
            "terraform.tfvars": "prefix = \"tfvars\"\nmode = \"Active\"\n",
            "terraform.tfvars.json": #"{"prefix": "json", "regions": ["us-east-1", "eu-west-1", "us-east-1"]}"#,
            "b.auto.tfvars": "prefix = \"auto-b\"\n",
            "a.auto.tfvars": "prefix = \"auto-a\"\n",
            "broken.tf": "a = \n",
            "ignored.tf.json": "{}",
        ], in: folder)
        let module = HCLModule.load(folder: folder)
        #expect(module.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["locals.tf", "main.tf", "variables.tf"])
        #expect(module.failures.count == 1 && module.failures.first?.line == 1 && module.failures.first?.column == 5)
        let evaluator = HCLEvaluator(module: module)
        let function = try #require(module.blocks("resource").first)
        #expect(evaluator.evaluate(try #require(function.attribute("function_name")).expression).string == "auto-b-3")
        let mode = try #require(function.block("tracing_config")?.attribute("mode"))
        #expect(evaluator.evaluate(mode.expression).string == "Active")
        #expect(mode.range.start.line == 4)
        #expect(evaluator.evaluate(try HCLTestSupport.expression("var.required")).isKnown == false)
        #expect(JSONText.encode(evaluator.evaluate(try HCLTestSupport.expression("var.regions"))) == #"["eu-west-1","us-east-1"]"#)
        #expect(evaluator.evaluate(try HCLTestSupport.expression("path.module")).string == folder.path)
        #expect(evaluator.evaluateChecked(try HCLTestSupport.expression("var.undeclared")).isFailure)
        #expect(evaluator.evaluateChecked(try HCLTestSupport.expression("local.undeclared")).isFailure)
    }

    @Test func localValuesKeepWhereTheyWereWritten() throws {
        let file = try HCLFile.parse(text: "locals {\n  rate = 0.05\n  same = local.rate\n}\n", path: "main.tf").get()
        let module = HCLModule(files: [file], folder: URL(fileURLWithPath: "/m"))
        let value = HCLEvaluator(module: module).evaluate(try HCLTestSupport.expression("local.same"))
        #expect(value.number?.description == "0.05")
        #expect(value.range?.start.line == 2 && value.range?.start.column == 10)
    }

    @Test func cyclesAreErrors() throws {
        let file = try HCLFile.parse(text: "locals {\n  a = local.b\n  b = local.a\n}\n", path: "main.tf").get()
        let module = HCLModule(files: [file], folder: URL(fileURLWithPath: "/m"))
        #expect(HCLEvaluator(module: module).evaluateChecked(try HCLTestSupport.expression("local.a")).isFailure)
    }

    @Test func fileAndTemplatefileReadOnlyInsideTheRoot() throws {
        let root = try HCLTestSupport.temporaryFolder("files")
        defer { HCLTestSupport.remove(root) }
        try write([
            "modules/app/main.tf": "locals { x = 1 }\n",
            "modules/app/policy.json": #"{"Version": "2012-10-17"}"#,
            "modules/app/user-data.tpl": "#!/bin/sh\n%{ for p in ports ~}\nopen ${p}\n%{ endfor ~}\necho ${name}\n",
            "modules/app/sneaky.tpl": "${local.x}",
            "modules/common.txt": "common",
            "modules/binary.bin": "",
        ], in: root)
        try Data([0xFF, 0xFE]).write(to: root.appendingPathComponent("modules/binary.bin"))
        let outside = try HCLTestSupport.temporaryFolder("outside")
        defer { HCLTestSupport.remove(outside) }
        try write(["secret.txt": "secret"], in: outside)
        let module = HCLModule.load(folder: root.appendingPathComponent("modules/app"), root: root.appendingPathComponent("modules"))
        let evaluator = HCLEvaluator(module: module)
        func evaluate(_ text: String) throws -> HCLValue { evaluator.evaluate(try HCLTestSupport.expression(text)) }
        #expect(try evaluate(#"jsondecode(file("${path.module}/policy.json")).Version"#).string == "2012-10-17")
        #expect(try evaluate(#"file("../common.txt")"#).string == "common")
        #expect(try evaluate(#"templatefile("user-data.tpl", {ports = [80, 443], name = "api"})"#).string
            == "#!/bin/sh\nopen 80\nopen 443\necho api\n")
        #expect(try evaluate(#"templatefile("sneaky.tpl", {})"#).isKnown == false, "a template sees only the variables passed")
        #expect(try evaluate(#"file("missing.txt")"#).isKnown == false)
        #expect(try evaluate(#"file("\#(outside.path)/secret.txt")"#).isKnown == false)
        #expect(try evaluate(#"file("../../../../../../etc/passwd")"#).isKnown == false)
        #expect(evaluator.evaluateChecked(try HCLTestSupport.expression(#"file("../binary.bin")"#)).isFailure)
    }
}
