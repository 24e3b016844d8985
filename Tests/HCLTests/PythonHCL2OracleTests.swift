import Foundation
import Testing
@testable import HCL

/// python-hcl2 as a second reader: for each sample file, the block types, labels, attribute names
/// and literal values it reads must be the ones this parser reads.
@Suite struct PythonHCL2OracleTests {
    /// Prints, for each file given, one line per block (`block PATH [LABELS]`) and attribute
    /// (`attr PATH = LITERAL`), where LITERAL is JSON for numbers, bools, null, plain strings and
    /// lists of those, and `<expr>` for anything else (python-hcl2 keeps expressions as text).
    static let script = #"""
import hcl2, json, sys

def unquote(text):
    return text[1:-1] if len(text) >= 2 and text[0] == '"' and text[-1] == '"' else text

def literal(value):
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        if len(value) >= 2 and value[0] == '"' and value[-1] == '"' and '\\' not in value and '${' not in value and '%{' not in value and not value.startswith('"<<'):
            return json.dumps(value[1:-1], ensure_ascii=False, separators=(',', ':'))
        return '<expr>'
    if isinstance(value, list):
        items = [literal(item) for item in value]
        return '<expr>' if '<expr>' in items else '[' + ','.join(items) + ']'
    return '<expr>'

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
        if key == '__is_block__':
            continue
        if isinstance(value, list) and value and all(is_block(item) for item in value):
            for item in value:
                walk_block(key, item, [], path, out)
        else:
            out.append('attr %s = %s' % ('.'.join(path + [key]), literal(value)))

result = {}
for name in sys.argv[1:]:
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
        func literal(_ expression: HCLExpression) -> String {
            let source = String(decoding: bytes[expression.range.start.offset..<expression.range.end.offset], as: UTF8.self)
            switch expression.kind {
            case .literal(let value):
                return value.description
            case .template:
                guard let string = expression.literalString, !source.contains("\\"), !source.hasPrefix("<<") else { return "<expr>" }
                return JSONText.quote(string)
                    .replacingOccurrences(of: "\\u003c", with: "<").replacingOccurrences(of: "\\u003e", with: ">").replacingOccurrences(of: "\\u0026", with: "&")
            case .tuple(let elements):
                let items = elements.map(literal)
                return items.contains("<expr>") ? "<expr>" : "[" + items.joined(separator: ",") + "]"
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

    @Test(PythonHCL2.available, .timeLimit(.minutes(2)))
    func blocksLabelsAttributesAndLiteralsMatch() throws {
        try PythonHCL2.require()
        let python = try #require(HCLTestSupport.which("python3"))
        let samples = HCLTestSupport.caseFiles
        #expect(samples.count >= 5)
        let paths = samples.map { HCLTestSupport.cases.appendingPathComponent($0.name).path }
        let result = try HCLTestSupport.run(python, ["-c", Self.script] + paths)
        try #require(result.status == 0, "python-hcl2 failed: \(result.stderr)")
        let theirs = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
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
}
