import Foundation
import Testing
@testable import HCL

/// Malformed input gives one located diagnostic, never a crash. Each case is also given to
/// `terraform fmt` by `TerraformOracleTests`, which must reject it too.
@Suite struct ParserErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var line: Int
        var column: Int
        var message: String
        var description: String { text.debugDescription }
    }

    static let cases: [Case] = [
        Case(text: "a = \n", line: 1, column: 5, message: "Invalid expression"),
        Case(text: "a = 1 b = 2\n", line: 1, column: 7, message: "Missing newline after an argument definition"),
        Case(text: "a.b = 1\n", line: 1, column: 2, message: "Invalid block definition"),
        Case(text: "1 = 2\n", line: 1, column: 1, message: "Argument or block definition required"),
        Case(text: "b {} c = 1\n", line: 1, column: 6, message: "Missing newline after a block definition"),
        Case(text: "b { a = 1\n}\n", line: 1, column: 10, message: "Invalid single-argument block definition"),
        Case(text: "b {\n  a = 1\n", line: 1, column: 3, message: "Unclosed block"),
        Case(text: "a = \"x\n", line: 1, column: 7, message: "Invalid multi-line string"),
        Case(text: "a = \"x\\q\"\n", line: 1, column: 7, message: "Invalid escape sequence \\q"),
        Case(text: "a = \"\\u12\"\n", line: 1, column: 6, message: "Invalid escape sequence"),
        Case(text: "a = \"abc\n", line: 1, column: 9, message: "Invalid multi-line string"),
        Case(text: "a = \"abc", line: 1, column: 5, message: "Unterminated template string"),
        Case(text: "a = \"${}\"\n", line: 1, column: 8, message: "Invalid expression"),
        Case(text: "a = \"%{ if x }y\"\n", line: 1, column: 6, message: "Unterminated template 'if'"),
        Case(text: "a = \"%{ endif }\"\n", line: 1, column: 6, message: "Unexpected \"%{ endif }\""),
        Case(text: "a = \"%{ bogus }\"\n", line: 1, column: 9, message: "Invalid template directive"),
        Case(text: "a = <<EOT\nx\n", line: 1, column: 5, message: "Unterminated heredoc"),
        Case(text: "a = <<EOT x\nEOT\n", line: 1, column: 5, message: "Invalid heredoc"),
        Case(text: "a = {a=1 b=2}\n", line: 1, column: 10, message: "Missing attribute separator"),
        Case(text: "a = [1 2]\n", line: 1, column: 8, message: "Missing item separator"),
        Case(text: "a = f(x..., )\n", line: 1, column: 11, message: "Missing closing parenthesis"),
        Case(text: "a = b.0.1\n", line: 1, column: 7, message: "Invalid legacy index syntax"),
        Case(text: "a = [for x in y: x => x]\n", line: 1, column: 20, message: "Invalid 'for' expression"),
        Case(text: "a = {for x in y: x}\n", line: 1, column: 19, message: "Invalid 'for' expression"),
        Case(text: "a = [for x in y: x if x if x]\n", line: 1, column: 25, message: "Invalid 'for' expression"),
        Case(text: "a = x ? 1\n", line: 1, column: 10, message: "Missing false expression"),
        Case(text: "a = (1\n", line: 2, column: 1, message: "Unbalanced parentheses"),
        Case(text: "a = 1 +\n  2\n", line: 1, column: 8, message: "Invalid expression"),
        Case(text: "a = 1\na = 2\n", line: 2, column: 1, message: "Attribute redefined"),
        Case(text: "a = 1 & 2\n", line: 1, column: 7, message: "Invalid character"),
        Case(text: "a = 1 /* open\n", line: 1, column: 7, message: "Unterminated comment"),
        Case(text: "b \"${x}\" {}\n", line: 1, column: 4, message: "Invalid block label"),
        Case(text: "}\n", line: 1, column: 1, message: "Unexpected \"}\""),
        Case(text: "a = \"${x\"\n", line: 1, column: 10, message: "Invalid multi-line string"),
    ]

    @Test(arguments: cases)
    func malformedInputIsALocatedError(_ testCase: Case) throws {
        let error = try #require(HCLTestSupport.parseError(testCase.text), "\(testCase.text.debugDescription) parsed")
        #expect(error.line == testCase.line && error.column == testCase.column, "\(error)")
        #expect(error.message.hasPrefix(testCase.message), "\(error)")
        #expect(error.file == "test.tf")
    }

    @Test func nonUTF8IsLocatedAtTheFirstBadByte() throws {
        let data = Data("a = 1\nb = \"é".utf8) + Data([0xFF, 0x22, 0x0A])
        guard case .failure(let error) = HCLFile.parse(data: data, path: "latin1.tf") else {
            Issue.record("invalid UTF-8 was read")
            return
        }
        #expect(error.line == 2 && error.column == 7, "\(error)")
        #expect(error.message.contains("UTF-8"))
        #expect(HCLFile.firstInvalidUTF8Offset([0xED, 0xA0, 0x80]) == 0, "a surrogate is not UTF-8")
        #expect(HCLFile.firstInvalidUTF8Offset([0xC0, 0x80]) == 0, "an overlong form is not UTF-8")
    }

    @Test func nestingPastTheLimitIsAnErrorNotACrash() throws {
        for (open, close) in [("(", ")"), ("[", "]"), ("{a=", "}"), ("-", ""), ("!", ""), ("\"${", "}\"")] {
            let depth = 20_000
            let text = "a = " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth) + "\n"
            let error = try #require(HCLTestSupport.parseError(text), "\(open) nested \(depth) deep parsed")
            #expect(error.message.contains("nested") || error.message.contains("Nesting"), "\(open): \(error)")
        }
        let chain = "a = x" + String(repeating: ".b", count: 50_000) + String(repeating: " + 1", count: 10) + "\n"
        #expect(HCLTestSupport.parseError(chain)?.message.contains("Nesting") == true)
        let blocks = String(repeating: "b {\n", count: 10_000)
        #expect(HCLTestSupport.parseError(blocks)?.message.contains("Nesting") == true)
        let directives = "a = \"" + String(repeating: "%{ if x }", count: 10_000) + "\"\n"
        #expect(HCLTestSupport.parseError(directives)?.message.contains("Nesting") == true)
        // Just inside the limit parses and evaluates.
        let deep = "a = " + String(repeating: "[", count: 150) + "1" + String(repeating: "]", count: 150) + "\n"
        let body = try HCLTestSupport.parse(deep)
        #expect(HCLEvaluator().evaluate(try #require(body.attribute("a")).expression).depth == 150)
    }
}
