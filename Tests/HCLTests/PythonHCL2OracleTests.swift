import Foundation
import Testing
@testable import HCL

/// python-hcl2 as a second reader: for each sample file and each file of the `.tf` corpus, the
/// block types, labels, attribute names and literal values it reads must be the ones this parser
/// reads.
///
/// python-hcl2 (8.x) keeps much of the source as text, so both sides are normalised to what can be
/// compared, one line per block (`block PATH [LABELS]`) and attribute (`attr PATH = VALUE`):
/// - A quoted string comes back as its source, quotes and escapes included. It is compared as the
///   text it stands for (escapes `\n \r \t \" \\ \uNNNN \UNNNNNNNN` decoded, `$${` and `%%{` read
///   as `${` and `%{`) when it holds no interpolation or directive; otherwise both sides say `<expr>`.
/// - A heredoc comes back as its source (`"<<EOT\n…\nEOT"`, indentation of `<<-` not removed): it is
///   `<expr>` on both sides rather than a second heredoc reader in Python.
/// - Numbers are Python ints and floats, or `${1e3}` text for an exponent; both sides write the
///   number in plain decimal notation without trailing zeros (`1000`, `1.5`), and `-1` (a unary
///   minus on a literal in the syntax) is the number -1 on both.
/// - Object keys come back quoted when they were written quoted, and keys are unordered: keys are
///   unquoted and sorted by their UTF-8 bytes; an object with a computed key (`(var.x)`, `"${x}"`)
///   is `<expr>`.
/// - Every other expression (references, calls, operators, `for`, conditionals, parentheses) is
///   text in python-hcl2 and `<expr>` on both sides; the literals inside a tuple or object are still
///   compared element by element.
/// - python-hcl2 adds `__is_block__`, `__comments__` and `__inline_comments__` keys (comments are
///   not syntax): they are left out.
/// - Strings are written as `json.dumps(ensure_ascii=False)` writes them, on both sides.
@Suite struct PythonHCL2OracleTests {
    /// Reads file paths, one per line, on standard input (all in one process) and prints a JSON
    /// object: each path → its sorted lines, or null when python-hcl2 cannot read the file.
    static let script = #"""
import decimal, hcl2, json, re, sys

EXPR = '<expr>'
ESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)', re.S)
SIMPLE = {'n': '\n', 'r': '\r', 't': '\t', '"': '"', '\\': '\\'}
NUMBER = re.compile(r'^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$')

def plain_number(text):
    value = decimal.Decimal(text).normalize()
    return '0' if value.is_zero() else format(value, 'f')

def unquote(text):
    return text[1:-1] if len(text) >= 2 and text[0] == '"' and text[-1] == '"' else text

def string_literal(source):
    """The text a quoted string literal stands for, or None when it is not one."""
    if len(source) < 2 or source[0] != '"' or source[-1] != '"' or source.startswith('"<<'):
        return None
    inner = source[1:-1]
    unescaped = inner.replace('$${', '').replace('%%{', '')
    if '${' in unescaped or '%{' in unescaped:
        return None
    parts, position = [], 0
    for match in ESCAPE.finditer(inner):
        if '"' in inner[position:match.start()]:
            return None
        parts.append(inner[position:match.start()])
        code = match.group(1)
        if code in SIMPLE:
            parts.append(SIMPLE[code])
        elif code[0] in 'uU' and len(code) > 1:
            parts.append(chr(int(code[1:], 16)))
        else:
            return None
        position = match.end()
    if '"' in inner[position:]:
        return None
    parts.append(inner[position:])
    return ''.join(parts).replace('$${', '${').replace('%%{', '%{')

def literal(value):
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return plain_number(repr(value))
    if isinstance(value, str):
        if value.startswith('${') and value.endswith('}') and NUMBER.match(value[2:-1]):
            return plain_number(value[2:-1])
        text = string_literal(value)
        return EXPR if text is None else json.dumps(text, ensure_ascii=False)
    if isinstance(value, list):
        return '[' + ','.join(literal(item) for item in value) + ']'
    if isinstance(value, dict):
        keys = {}
        for key, item in value.items():
            if key.startswith('__') and key.endswith('__'):
                continue
            name = string_literal(key) if key.startswith('"') else key
            if name is None or name.startswith('${') or name.startswith('('):
                return EXPR
            keys[name] = literal(item)
        return '{' + ','.join('%s:%s' % (json.dumps(key, ensure_ascii=False), keys[key]) for key in sorted(keys, key=lambda key: key.encode())) + '}'
    return EXPR

def is_block(value):
    if not isinstance(value, dict):
        return False
    if value.get('__is_block__'):
        return True
    return len(value) == 1 and is_block(next(iter(value.values())))

def walk_block(kind, value, labels, path, out):
    if value.get('__is_block__'):
        out.append('block %s [%s]' % ('.'.join(path + [kind]), ','.join(labels)))
        walk_body(value, path + [kind] + labels, out)
    else:
        for label, inner in value.items():
            walk_block(kind, inner, labels + [unquote(label)], path, out)

def walk_body(body, path, out):
    for key, value in body.items():
        if key.startswith('__') and key.endswith('__'):
            continue
        if isinstance(value, list) and value and all(is_block(item) for item in value):
            for item in value:
                walk_block(key, item, [], path, out)
        else:
            out.append('attr %s = %s' % ('.'.join(path + [key]), literal(value)))

result = {}
for name in sys.stdin.read().splitlines():
    with open(name, encoding='utf-8') as handle:
        lines = []
        try:
            walk_body(hcl2.load(handle), [], lines)
            result[name] = sorted(lines)
        except Exception:
            # python-hcl2 lacks some of the syntax (strip markers, for one).
            result[name] = None
print(json.dumps(result))
"""#

    /// The same lines from this parser.
    static func lines(_ file: HCLFile, text: String) -> [String] {
        let bytes = Array(text.utf8)
        func source(_ expression: HCLExpression) -> String {
            String(decoding: bytes[expression.range.start.offset..<expression.range.end.offset], as: UTF8.self)
        }
        func literal(_ expression: HCLExpression) -> String {
            switch expression.kind {
            case .literal(let value):
                if case .string(let text) = value.kind { return quote(text) }
                return value.description
            case .template:
                guard let string = expression.literalString, !source(expression).hasPrefix("<<") else { return "<expr>" }
                return quote(string)
            case .unary(.negate, let operand):
                if case .literal(let value) = operand.kind, let number = value.number { return number.description == "0" ? "0" : "-" + number.description }
                return "<expr>"
            case .tuple(let elements):
                return "[" + elements.map(literal).joined(separator: ",") + "]"
            case .object(let items):
                var pairs: [(key: String, value: String)] = []
                for item in items {
                    switch item.key {
                    case .name(let name): pairs.append((name, literal(item.value)))
                    case .expression(let key):
                        guard let name = key.literalString, !source(key).hasPrefix("<<") else { return "<expr>" }
                        pairs.append((name, literal(item.value)))
                    }
                }
                return "{" + pairs.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { quote($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
            default:
                return "<expr>"
            }
        }
        var out: [String] = []
        func walk(_ body: HCLBody, _ path: [String]) {
            for attribute in body.attributes {
                out.append("attr \((path + [attribute.name]).joined(separator: ".")) = \(literal(attribute.expression))")
            }
            for block in body.blocks {
                out.append("block \((path + [block.type]).joined(separator: ".")) [\(block.labelValues.joined(separator: ","))]")
                walk(block.body, path + [block.type] + block.labelValues)
            }
        }
        walk(file.body, [])
        return out.sorted()
    }

    /// A string as Python's `json.dumps(text, ensure_ascii=False)` writes it.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// python-hcl2's lines for each file, read by one python process.
    static func pythonLines(_ paths: [String]) async throws -> [String: Any] {
        let python = try #require(HCLTestSupport.which("python3"))
        let result = try await HCLTestSupport.run(python, ["-c", Self.script], input: paths.joined(separator: "\n") + "\n")
        try #require(result.status == 0, "python-hcl2 failed: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test(PythonHCL2.available)
    func blocksLabelsAttributesAndLiteralsMatch() async throws {
        try PythonHCL2.require()
        let samples = HCLTestSupport.caseFiles
        #expect(samples.count >= 5)
        let theirs = try await Self.pythonLines(samples.map { HCLTestSupport.cases.appendingPathComponent($0.name).path })
        var compared = 0
        for (name, text) in samples {
            let file = try HCLFile.parse(text: text, path: name).get()
            let ours = Self.lines(file, text: text)
            guard let expected = theirs[HCLTestSupport.cases.appendingPathComponent(name).path] as? [String] else { continue }
            compared += 1
            #expect(ours.count > 5, "\(name): too little to compare")
            #expect(ours == expected, "\(name) differs:\nonly ours: \(Set(ours).subtracting(expected).sorted())\nonly python-hcl2: \(Set(expected).subtracting(ours).sorted())")
        }
        #expect(compared >= samples.count - 1, "python-hcl2 read only \(compared) of \(samples.count) samples")
    }

    /// Every `.tf` file of the corpus (392, all of which python-hcl2 reads, as `oracles.json`
    /// records), compared the same way. python-hcl2 takes about 40 s over them, so the fast loop
    /// skips it (CI never does).
    @Test(PythonHCL2.available,
          .disabled(if: ProcessInfo.processInfo.environment["XRAYCTL_FAST"] == "1" && !HCLTestSupport.inCI, "XRAYCTL_FAST=1: python-hcl2 over the whole corpus is skipped"))
    func everyCorpusFileReadsAsPythonHCL2ReadsIt() async throws {
        try PythonHCL2.require()
        let files = HCLTestSupport.corpusFiles.filter { $0.hasSuffix(".tf") }
        #expect(files.count >= 392)
        let paths = files.map { HCLTestSupport.corpus.appendingPathComponent($0).path }
        let theirs = try await Self.pythonLines(paths)
        var lines = 0
        for (name, path) in zip(files, paths) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard case .success(let file) = HCLFile.parse(text: text, path: name) else {
                Issue.record("\(name) does not parse")
                continue
            }
            guard let expected = theirs[path] as? [String] else {
                Issue.record("python-hcl2 did not read \(name), which oracles.json says it reads")
                continue
            }
            let ours = Self.lines(file, text: text)
            lines += ours.count
            if ours != expected {
                Issue.record("\(name) differs:\nonly ours: \(Set(ours).subtracting(expected).sorted())\nonly python-hcl2: \(Set(expected).subtracting(ours).sorted())")
            }
        }
        #expect(lines > 5_000, "too little compared: \(lines) lines")
    }

    /// Every corpus file python-hcl2 and `terraform fmt` accept (`oracles.json`, recorded by
    /// scripts/tf-corpus-oracles.py) parses without a diagnostic.
    @Test func everyFileTheOraclesAcceptParses() throws {
        struct Oracles: Decodable {
            struct Verdict: Decodable {
                var python_hcl2: Bool
                var terraform_fmt: Bool
            }
            var files: [String: Verdict]
        }
        let oracles = try JSONDecoder().decode(Oracles.self, from: Data(contentsOf: HCLTestSupport.corpus.appendingPathComponent("oracles.json")))
        let accepted = oracles.files.filter { $0.value.python_hcl2 || $0.value.terraform_fmt }.keys.sorted()
        #expect(accepted.count >= 392)
        for name in accepted {
            let data = try Data(contentsOf: HCLTestSupport.corpus.appendingPathComponent(name))
            if case .failure(let error) = HCLFile.parse(data: data, path: name) {
                Issue.record("\(name): \(error)")
            }
        }
    }
}
