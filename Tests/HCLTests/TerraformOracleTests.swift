import Foundation
import Testing
@testable import HCL

/// Terraform itself as the oracle: `terraform console` evaluates generated expressions that the
/// evaluator must render identically, and `terraform fmt` must reject what the parser rejects.
@Suite(.serialized) struct TerraformOracleTests {
    /// How many generated expressions one console run evaluates (`XRAYCTL_HCL_ORACLE_EXPRESSIONS`).
    static var count: Int { Int(ProcessInfo.processInfo.environment["XRAYCTL_HCL_ORACLE_EXPRESSIONS"] ?? "") ?? 600 }

    /// Each expression as `try(jsonencode(E), "ERROR")`: one line of JSON (or ERROR) per input,
    /// whatever its type, so that one console run can answer for all of them.
    static func wrapped(_ expression: String) -> String { "try(jsonencode(\(expression)), \"ERROR\")" }

    /// Terraform's answers, one per expression, from one `terraform console` run over a local
    /// that holds them all (console prints only the last expression it reads).
    static func terraformAnswers(_ expressions: [String]) async throws -> [String] {
        let folder = try HCLTestSupport.temporaryFolder("console")
        defer { HCLTestSupport.remove(folder) }
        let locals = "locals {\n  r = [\n" + expressions.map { "    \(wrapped($0)),\n" }.joined() + "  ]\n}\n"
        try Data(locals.utf8).write(to: folder.appendingPathComponent("main.tf"))
        let result = try await TerraformCLI.run(["console"], input: "join(\"\\n\", local.r)\n", in: folder)
        try #require(result.status == 0, "terraform console failed: \(result.stderr)\(result.stdout)")
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        // A multi-line string prints as a heredoc; a single line as a quoted string.
        if lines.first == "<<EOT", lines.last == "EOT" { return Array(lines.dropFirst().dropLast()) }
        return lines
    }

    /// The evaluator's answer for the same wrapped expression.
    static func ourAnswer(_ expression: String) -> String {
        switch HCLFile.parseExpression(text: wrapped(expression)) {
        case .failure(let error): return "PARSE ERROR \(error)"
        case .success(let parsed):
            let value = HCLEvaluator().evaluate(parsed)
            return value.string ?? "NOT A STRING: \(value)"
        }
    }

    @Test(TerraformCLI.available)
    func consoleAgreesOnGeneratedExpressions() async throws {
        var generator = ExpressionGenerator(seed: HCLFuzzTests.seed)
        let expressions = (0..<Self.count).map { _ in generator.expression() }
        let answers = try await Self.terraformAnswers(expressions)
        try #require(answers.count == expressions.count, "terraform gave \(answers.count) answers for \(expressions.count): \(answers.prefix(3))")
        var mismatches: [String] = []
        for (expression, expected) in zip(expressions, answers) {
            let ours = Self.ourAnswer(expression)
            if ours != expected { mismatches.append("\(expression)\n  terraform: \(expected)\n  ours:      \(ours)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(expressions.count) differ:\n\(mismatches.prefix(15).joined(separator: "\n"))")
    }

    @Test(TerraformCLI.available)
    func consoleAgreesOnTheEvaluatorTestCases() async throws {
        let expressions = [
            "0.1 + 0.2", "10 / 4", "-7 % 3", "7.5 % 2", "9007199254740993 + 0", "1.5e-7", "1e21", "\"5\" + 1",
            #"jsonencode({b = "<a&b>", a = [1, 0.05, true, null], "\u2028" = "é\u0001\u0008\u000c"})"#,
            #"format("%q", "a\u0001\té\u2028<&>")"#, #"format("%.3g|%.10g|%g|%.0f|%.1f", 1234.5678, 10/4, 100000, 0.5, 0.25)"#,
            #"format("%s-%s", ["a", "b"]...)"#, #"split("", "abc")"#, #"length("héllo 😀")"#, #"upper("straße")"#,
            "{for i, v in [\"a\", \"a\", \"b\"]: v => i...}", "null[*]", "{a = 1}.*", "[{a = [1]}, {a = [2]}].*.a[0]",
            #"tomap({a = 1, b = "x"})"#, #"toset(["b", "a", "B"])"#, #"element(["a", "b"], 5)"#, "coalesce(null, 1)",
        ]
        let answers = try await Self.terraformAnswers(expressions)
        for (expression, expected) in zip(expressions, answers) {
            #expect(Self.ourAnswer(expression) == expected, "\(expression)")
        }
    }

    /// Every malformed input of `ParserErrorTests` is rejected by `terraform fmt` too, and every
    /// sample file is accepted.
    @Test(TerraformCLI.available)
    func fmtRejectsWhatTheParserRejects() async throws {
        let folder = try HCLTestSupport.temporaryFolder("fmt")
        defer { HCLTestSupport.remove(folder) }
        func fmtAccepts(_ text: String) async throws -> Bool {
            let file = folder.appendingPathComponent("case.tf")
            try Data(text.utf8).write(to: file)
            let result = try await TerraformCLI.run(["fmt", "-check", "-no-color", file.path], in: folder)
            // 0: formatted, 3: would reformat; 2: cannot parse.
            return result.status == 0 || result.status == 3
        }
        for testCase in ParserErrorTests.cases {
            #expect(try await !fmtAccepts(testCase.text), "terraform fmt accepts \(testCase.text.debugDescription), which the parser rejects")
        }
        for (name, text) in HCLTestSupport.caseFiles {
            #expect(try await fmtAccepts(text), "terraform fmt rejects the sample \(name)")
        }
    }
}
