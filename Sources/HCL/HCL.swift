import Foundation

/// # HCL: reading Terraform's native syntax without Terraform
///
/// A reader for HashiCorp's HCL native syntax (the hclsyntax specification) and a static
/// evaluator for what a module's own text decides. It depends on Foundation only.
///
/// Reading:
/// - `HCLFile.parse(text:path:)` / `HCLFile.parse(data:path:)` → `Result<HCLFile, HCLDiagnostic>`:
///   a file's `HCLBody` (attributes and blocks in source order), or the first error with its line
///   and column. It never traps, hangs or recurses without bound: nesting past `maxNestingDepth`
///   is a located error, and so is text that is not UTF-8.
/// - `HCLModule.load(folder:root:)`: every `.tf` file of a folder (one module), the variables'
///   values from `terraform.tfvars`, `terraform.tfvars.json` and `*.auto.tfvars(.json)`, and the
///   files that did not parse. `.tf.json` files are not read yet.
/// - `HCLBody.attribute(_:)`, `.blocks(_:)`, `.block(_:)` (also on `HCLBlock`) reach nested
///   content such as `tracing_config { mode = "Active" }` or each `statement { … }`; every
///   `HCLAttribute`, `HCLBlock`, `HCLBody` and `HCLExpression` has a `SourceRange`.
///
/// Evaluating:
/// - `HCLEvaluator(module:)` then `evaluate(_:)` → `HCLValue`, where anything decided only when
///   Terraform runs (resource attributes, `count`/`each`, `module.*`, unknown functions) is
///   `.unknown`; a caller that has read a called module sets `modules` to make `module.NAME.OUTPUT`
///   known; `evaluateChecked(_:)` also tells an error (a wrong type, a missing key) from an
///   unknown. Objects and tuples keep their known parts when some elements are unknown.
public struct HCLFile: Sendable {
    /// Deeper nesting of blocks, expressions or templates is refused with a located error: no real
    /// configuration comes near it, and a reader that recursed without bound could be crashed.
    public static let maxNestingDepth = 200

    public var path: String
    public var body: HCLBody

    /// Parses HCL native syntax; `path` is only used to label ranges and diagnostics.
    public static func parse(text: String, path: String) -> Result<HCLFile, HCLDiagnostic> {
        do throws(HCLDiagnostic) {
            let tokens = try Lexer.tokenize(text, file: path)
            var parser = Parser(tokens: tokens, file: path)
            return .success(HCLFile(path: path, body: try parser.parseFile()))
        } catch {
            return .failure(error)
        }
    }

    /// Parses bytes, which must be UTF-8: other bytes are an error at the first that is not.
    public static func parse(data: Data, path: String) -> Result<HCLFile, HCLDiagnostic> {
        switch decodeUTF8(data, path: path) {
        case .success(let text): return parse(text: text, path: path)
        case .failure(let error): return .failure(error)
        }
    }

    /// A whole text read as a template, as `templatefile` reads its file.
    public static func parseTemplate(text: String, path: String) -> Result<HCLExpression, HCLDiagnostic> {
        do throws(HCLDiagnostic) {
            let tokens = try Lexer.tokenize(text, file: path, template: true)
            var parser = Parser(tokens: tokens, file: path)
            return .success(try parser.parseBareTemplate())
        } catch {
            return .failure(error)
        }
    }

    /// One expression on its own (as `terraform console` reads a line).
    public static func parseExpression(text: String, path: String = "<expression>") -> Result<HCLExpression, HCLDiagnostic> {
        do throws(HCLDiagnostic) {
            let tokens = try Lexer.tokenize(text, file: path)
            var parser = Parser(tokens: tokens, file: path)
            let expression = try parser.withNewlines(false) { (parser: inout Parser) throws(HCLDiagnostic) in try parser.parseExpression() }
            let rest = try parser.withNewlines(false) { (parser: inout Parser) in parser.peek() }
            guard rest.kind == .endOfFile else { throw HCLDiagnostic("Extra characters after the expression: \(rest.display)", at: rest.range) }
            return .success(expression)
        } catch {
            return .failure(error)
        }
    }

    /// The text of UTF-8 bytes, or an error at the line and column of the first invalid byte.
    static func decodeUTF8(_ data: Data, path: String) -> Result<String, HCLDiagnostic> {
        if let text = String(validating: data, as: UTF8.self) { return .success(text) }
        let bytes = [UInt8](data)
        let valid = firstInvalidUTF8Offset(bytes)
        let prefix = String(decoding: bytes[..<valid], as: UTF8.self)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        let position = SourcePosition(line: lines.count, column: (lines.last?.unicodeScalars.count ?? 0) + 1, offset: valid)
        return .failure(HCLDiagnostic("Invalid UTF-8: the byte at offset \(valid) is not UTF-8 text; save the file as UTF-8",
                                      at: SourceRange(file: path, start: position, end: position)))
    }

    /// Where the first byte sequence that is not well-formed UTF-8 starts (RFC 3629: no overlong
    /// forms, no surrogates, nothing past U+10FFFF).
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for continuation in bytes[(index + 1)..<(index + length)] {
                guard continuation & 0xC0 == 0x80 else { return index }
                value = value << 6 | UInt32(continuation & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return index }
            index += length
        }
        return bytes.count
    }
}
