import Foundation
import Testing
@testable import HCL

/// What the evaluator decides on its own, and what it leaves unknown.
@Suite struct EvaluatorTests {
    func value(_ text: String, _ variables: [String: HCLValue] = [:]) throws -> HCLValue {
        HCLEvaluator(variables: variables).evaluate(try HCLTestSupport.expression(text))
    }

    func rendered(_ text: String) throws -> String? {
        JSONText.encode(try value(text))
    }

    @Test func literalsOperatorsAndConditionals() throws {
        #expect(try rendered("1 + 2 * 3") == "7")
        #expect(try rendered("0.1 + 0.2") == "0.3")
        #expect(try rendered("10 / 4") == "2.5")
        #expect(try rendered("-7 % 3") == "-1")
        #expect(try rendered("7.5 % 2") == "1.5")
        #expect(try rendered("9007199254740993 + 0") == "9007199254740993")
        #expect(try rendered("1.5e-7") == "0.00000015")
        #expect(try rendered("\"5\" + 1") == "6")
        #expect(try rendered("1 == \"1\"") == "false")
        #expect(try rendered("[1, \"a\"] == [1, \"a\"]") == "true")
        #expect(try rendered("3 > 2 && !false") == "true")
        #expect(try rendered("true ? \"yes\" : \"no\"") == "\"yes\"")
        #expect(try rendered("false ? 1 / 0 : 2") == "2", "the branch not taken is not evaluated")
        #expect(try value("1 / 0").isKnown == false)
        #expect(HCLEvaluator().evaluateChecked(try HCLTestSupport.expression("1 / 0")).isFailure)
    }

    @Test func templatesUnwrapInterpolateAndRunDirectives() throws {
        #expect(try rendered(#""${[1, 2]}""#) == "[1,2]", "a lone interpolation keeps its value")
        #expect(try rendered(#""n=${1 + 1} ${true}""#) == #""n=2 true""#)
        #expect(try rendered(#""%{ for i, v in ["a", "b"] }${i}${v},%{ endfor }""#) == #""0a,1b,""#)
        #expect(try rendered(#""%{ if 1 > 2 }big%{ else }small%{ endif }""#) == #""small""#)
        #expect(try rendered(#""a ${~ "b" ~} c""#) == #""abc""#)
        #expect(try rendered(#""x ${var.unknown}""#) == nil)
        #expect(HCLEvaluator().evaluateChecked(try HCLTestSupport.expression(#""${null} x""#)).isFailure)
    }

    @Test func forExpressionsAndSplats() throws {
        #expect(try rendered("[for i, v in [\"a\", \"b\", \"c\"]: v if i < 2]") == #"["a","b"]"#)
        #expect(try rendered("{for i, v in [\"a\", \"b\"]: v => i}") == #"{"a":0,"b":1}"#)
        #expect(try rendered("{for i, v in [\"a\", \"a\", \"b\"]: v => i...}") == #"{"a":[0,1],"b":[2]}"#)
        #expect(try rendered("[for k, v in {b = 1, a = 2}: \"${k}=${v}\"]") == #"["a=2","b=1"]"#)
        #expect(try rendered("[{a = 1}, {a = 2}][*].a") == "[1,2]")
        #expect(try rendered("[{a = [1]}, {a = [2]}].*.a[0]") == "[1]")
        #expect(try rendered("null[*]") == "[]")
        #expect(try rendered("{a = 1}.*.a") == "[1]")
        #expect(try value("[for x in aws_instance.web: x]").isKnown == false)
        #expect(HCLEvaluator().evaluateChecked(try HCLTestSupport.expression("{for v in [1, 1]: v => v}")).isFailure)
    }

    @Test func unknownSpreadsButCollectionsKeepTheirKnownParts() throws {
        let object = try value("{arn = aws_iam_role.x.arn, name = \"role\", list = [count.index, 2]}")
        #expect(object["name"]?.string == "role")
        #expect(object["arn"]?.isKnown == false)
        #expect(object["list"]?.elements?[1].number == HCLNumber(2))
        #expect(object.isKnown && !object.isWhollyKnown)
        #expect(try rendered("jsonencode({a = module.x.out})") == nil)
        #expect(try value("merge({a = each.key}, {b = 1})")["b"]?.number == HCLNumber(1))
        #expect(try value("length([each.value, 1])").number == HCLNumber(2))
        #expect(try value("timestamp()").isKnown == false)
        #expect(try value("provider::aws::arn_parse(\"x\")").isKnown == false)
        #expect(try value("true && var.x").isKnown == false)
        #expect(try rendered("false && var.x") == "false")
    }

    @Test func tryAndCan() throws {
        #expect(try rendered("try(tonumber(\"x\"), 5)") == "5")
        #expect(try rendered("try({a = 1}.b, \"none\")") == "\"none\"")
        #expect(try value("try(aws_s3_bucket.b.id, \"x\")").isKnown == false, "an unknown argument might fail later")
        #expect(try rendered("can(tonumber(\"x\"))") == "false")
        #expect(try rendered("can(1 + 1)") == "true")
        #expect(try value("can(var.x)").isKnown == false)
    }

    @Test func jsonencodeMatchesTerraformBytes() throws {
        #expect(try rendered(#"jsonencode({b = "<a&b>", a = [1, 0.05, true, null], "\u2028" = "é\u0001\u0008\u000c"})"#)
            == #""{\"a\":[1,0.05,true,null],\"b\":\"\\u003ca\\u0026b\\u003e\",\"\\u2028\":\"é\\u0001\\b\\f\"}""#)
        let decoded = try value(#"jsondecode("{\"a\": [1, 2.5, true, null, \"x\"], \"n\": 9007199254740993, \"r\": 0.05}")"#)
        #expect(JSONText.encode(decoded) == #"{"a":[1,2.5,true,null,"x"],"n":9007199254740993,"r":0.05}"#)
        #expect(HCLEvaluator().evaluateChecked(try HCLTestSupport.expression("jsondecode(\"{\")")).isFailure)
    }

    @Test func formatVerbs() throws {
        #expect(try value(#"format("%d %f %.2f %5s|%-5s|%q %v %t %%", 3, 1.5, 3.14159, "ab", "cd", "x\"y", [1, "a"], true)"#).string
            == #"3 1.500000 3.14    ab|cd   |"x\"y" [1,"a"] true %"#)
        #expect(try value(#"format("%5d|%-5d|%05d|%+.2f|% d|%x|%o|%b|%X|%e|%E|%g|%g|%g|%G", -42, 42, -42, 3.14159, 5, 255, 8, 5, 255, 0.000123, 123456, 1234.5, 0.00001234, 1e21, 1e-7)"#).string
            == "  -42|42   |-0042|+3.14| 5|ff|10|101|FF|1.230000e-04|1.234560E+05|1234.5|1.234e-05|1e+21|1E-07")
        #expect(try value(#"format("%[2]s %[1]s", "a", "b")"#).string == "b a")
        #expect(try value(#"format("%.3s|%8.2s|", "abcdef", "xyz")"#).string == "abc|      xy|")
        #expect(try value(#"format("%.3g|%.10g|%g|%.0f|%.1f", 1234.5678, 1/3, 100000, 0.5, 0.25)"#).string == "1.23e+03|0.3333333333|100000|0|0.2")
        #expect(try value(#"format("%s", null)"#).isKnown == false)
        for broken in [#"format("%d", 1.5)"#, #"format("%s %s", "a")"#, #"format("%s", "a", "b")"#, #"format("%z", 1)"#] {
            #expect(HCLEvaluator().evaluateChecked(try HCLTestSupport.expression(broken)).isFailure, "\(broken)")
        }
    }

    @Test func collectionAndStringFunctions() throws {
        let cases: [(String, String)] = [
            (#"merge({a = 1}, {a = 2, b = 3}, null)"#, #"{"a":2,"b":3}"#),
            (#"concat(["a"], ["b", "c"])"#, #"["a","b","c"]"#),
            (#"lookup({a = 1}, "b", "d")"#, #""d""#),
            (#"join("-", ["a", "b"], ["c"])"#, #""a-b-c""#),
            (#"split(",", "a,b,,c")"#, #"["a","b","","c"]"#),
            (#"split("", "abc")"#, #"["a","b","c"]"#),
            (#"tostring(1.50)"#, #""1.5""#),
            (#"tonumber("1e3")"#, "1000"),
            (#"tobool("true")"#, "true"),
            (#"tolist(toset(["b", "a", "b"]))"#, #"["a","b"]"#),
            (#"tomap({a = 1, b = "x"})"#, #"{"a":"1","b":"x"}"#),
            (#"length("héllo")"#, "5"),
            (#"lower("ÀB")"#, #""àb""#),
            (#"upper("straße")"#, #""STRAßE""#),
            (#"replace("a.b.c", ".", "-")"#, #""a-b-c""#),
            (#"trimspace("  a b \n")"#, #""a b""#),
            (#"coalesce("", null, "x")"#, #""x""#),
            (#"element(["a", "b"], 5)"#, #""b""#),
            (#"keys({b = 1, a = 2})"#, #"["a","b"]"#),
            (#"values({b = 1, a = 2})"#, "[2,1]"),
            (#"contains(["a"], "a")"#, "true"),
            (#"flatten([[1, [2]], 3])"#, "[1,2,3]"),
            (#"distinct([1, 2, 1])"#, "[1,2]"),
            (#"format("%s-%s", ["a", "b"]...)"#, #""a-b""#),
        ]
        for (expression, expected) in cases {
            #expect(try rendered(expression) == expected, "\(expression)")
        }
        #expect(try value(#"replace("a.b", "/\\./", "-")"#).isKnown == false, "regular expressions are left to Terraform")
    }

    @Test func budgetStopsValuesThatDouble() throws {
        var text = "locals {\n  l0 = \"xxxxxxxxxxxxxxxx\"\n"
        for level in 1...60 { text += "  l\(level) = \"${local.l\(level - 1)}${local.l\(level - 1)}\"\n" }
        text += "  big = [for i in local.l60 : i]\n}\n"
        let file = try #require(try? HCLFile.parse(text: text, path: "main.tf").get())
        let module = HCLModule(files: [file], folder: URL(fileURLWithPath: "/nonexistent"))
        let evaluator = HCLEvaluator(module: module, budget: 100_000)
        let started = Date()
        let result = evaluator.evaluateChecked(try HCLTestSupport.expression("local.l60"))
        #expect(result.isFailure)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    /// `module.NAME.OUTPUT` is known only when the caller says what the module's outputs are.
    @Test func moduleOutputsAreWhatTheCallerSets() throws {
        let file = try HCLFile.parse(text: "locals {\n  arn = module.iam.role_arn\n}\n", path: "main.tf").get()
        let evaluator = HCLEvaluator(module: HCLModule(files: [file], folder: URL(fileURLWithPath: "/tmp")))
        let local = try HCLTestSupport.expression("local.arn")
        #expect(!evaluator.evaluate(local).isKnown)
        evaluator.modules["iam"] = .object(["role_arn": .string("arn:aws:iam::1:role/x"), "id": .unknown])
        #expect(evaluator.evaluate(local) == .string("arn:aws:iam::1:role/x"), "a local read before is read again")
        #expect(!evaluator.evaluate(try HCLTestSupport.expression("module.iam.id")).isKnown)
        #expect(!evaluator.evaluate(try HCLTestSupport.expression("module.other.role_arn")).isKnown)
        #expect(evaluator.evaluateChecked(try HCLTestSupport.expression("module.iam.missing")).isFailure)
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { return true } else { return false } }
}
