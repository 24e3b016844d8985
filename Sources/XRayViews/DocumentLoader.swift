import Foundation
import XRayCore
import XRaySampling

/// Reads a file into a `SourceDocument`, turning every problem with the input into a finding:
/// invalid UTF-8, binary content, syntax errors and over-deep nesting (XR001), duplicate keys (XR003).
/// Nothing here throws or traps on hostile input.
public enum DocumentLoader {
    /// Segment documents sent over UDP start with this header line (docs/xray-facts.md §1.2).
    package static let segmentHeaderPrefix = "{\"format\""

    /// The file's first document (or its only one).
    public static func load(path: String, data: Data) -> SourceDocument {
        loadAll(path: path, data: data)[0]
    }

    /// A document written as a string at `node` inside another file, parsed within that file's budget.
    package static func loadEmbedded(path: String, data: Data, writtenAt node: LocatedNode, budget: NodeBudget) -> SourceDocument {
        loadAll(path: path, data: data, budget: (budget, NodeBudget.key(for: node)))[0]
    }

    /// Every document of the file: one for JSON and most YAML, several for a YAML stream
    /// (`---`), each with its own kind; load problems belong to the first. `budget` is given for
    /// text written as a string inside another file: the parse draws on that file's budget.
    public static func loadAll(path: String, data: Data) -> [SourceDocument] {
        loadAll(path: path, data: data, budget: nil)
    }

    package static func loadAll(path: String, data: Data, budget: (budget: NodeBudget, key: String)?) -> [SourceDocument] {
        func unreadable(_ location: SourceLocation, _ message: String) -> [SourceDocument] {
            [SourceDocument(path: path, text: "", root: nil, kind: .unknown, loadFindings: [
                ParseError.finding(at: location, message),
            ])]
        }
        // Terraform source: a module is its folder, read together; text given here is read as a
        // module of this one file (a folder walk reads whole folders through `TerraformSource`).
        if (path as NSString).pathExtension.lowercased() == "tf", budget == nil {
            return TerraformSource.read(folder: (path as NSString).deletingLastPathComponent, files: [(path, data)]).documents
        }
        // A file of another language is no kind xrayctl lints (XR002 when named), never a parse error.
        if otherLanguages.contains((path as NSString).pathExtension.lowercased())
            || ["Dockerfile", "Makefile", "Jenkinsfile"].contains((path as NSString).lastPathComponent) {
            // A dependency manifest keeps its text: XR410 reads what a function bundles.
            let manifest = ["requirements.txt", "pom.xml"].contains((path as NSString).lastPathComponent)
            return [SourceDocument(path: path, text: manifest ? String(decoding: data.prefix(maximumSize), as: UTF8.self) : "",
                                   root: nil, kind: .unknown, loadFindings: [])]
        }
        // Budget by input size: no setup xrayctl reads comes near this (a CloudFormation template is
        // at most 1 MB), and a larger file would cost memory out of all proportion to parse. Files
        // and standard input are read only one byte past it (`BoundedRead`), so the size is not known.
        if data.count > maximumSize {
            return unreadable(SourceLocation(file: path, line: 1, column: 1),
                              "the file is over \(maximumSize / 1_000_000) MB; xrayctl reads files up to \(maximumSize / 1_000_000) MB (a CloudFormation template is at most 1 MB)")
        }
        if let name = TextDecoding.markedEncodingName(data) {
            guard let text = TextDecoding.decodeMarked(data) else {
                return unreadable(SourceLocation(file: path, line: 1, column: 1),
                                  "the file starts with a \(name) byte-order mark but is not valid \(name); save it as UTF-8")
            }
            return loadAll(path: path, data: Data(text.utf8), budget: budget)
        }
        // memchr: Data's generic `firstIndex(of:)` walked every file byte by byte at a cost that showed.
        let nul = data.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
        if let offset = nul {
            return unreadable(location(ofByte: offset, in: data, file: path),
                              "the file contains a NUL byte; it is binary, not JSON or YAML")
        }
        guard let text = String(validatingUTF8: data) else {
            let offset = firstInvalidUTF8Offset(data)
            return unreadable(location(ofByte: offset, in: data, file: path), "the file is not valid UTF-8 text")
        }
        var (parseText, lineOffset) = (text, 0)
        if text.hasPrefix(segmentHeaderPrefix), let newline = text.firstIndex(of: "\n"),
           text[text.index(after: newline)...].contains(where: { !$0.isWhitespace }) {
            // A captured UDP datagram: skip the header line, keep line numbers right.
            parseText = String(text[text.index(after: newline)...])
            lineOffset = 1
        }
        var document = SourceDocument(path: path, text: text, root: nil, kind: .unknown, loadFindings: [])
        if let budget { document.nodeBudget = budget.budget }
        var others: [LocatedNode] = []
        var duplicates: [Finding] = []
        func duplicate(_ key: String, at location: SourceLocation) {
            var location = location
            location.line += lineOffset
            duplicates.append(DuplicateKey.finding(at: location, "duplicate key '\(key)': most parsers keep only the last value, some reject the file",
                                                   fix: "Remove one of the two '\(key)' entries"))
        }
        let options = YAMLLoader.Options(cloudFormationTags: true)
        // Drawn on once: a retry below parses the same text again.
        let budgeted = YAMLLoader.Options(cloudFormationTags: true, fileBudget: budget)
        // Every repeated key is found in one pass and renamed in place, so the rest of the file is
        // still linted. Should a repeat remain (a key libyaml and Yams see differently), the older
        // way takes over: mark the one Yams names and parse again, a bounded number of times.
        for attempt in 0..<20 {
            do {
                if attempt == 0 {
                    let loaded = try YAMLLoader.loadMarkingDuplicates(parseText, file: path, options: budgeted)
                    document.root = loaded.roots.first.map { $0.shifted(byLines: lineOffset) }
                    others = loaded.roots.dropFirst().map { $0.shifted(byLines: lineOffset) }
                    for key in loaded.duplicates {
                        duplicate(key.key, at: SourceLocation(file: path, line: key.line + 1, column: key.column + 1))
                    }
                } else {
                    document.root = try YAMLLoader.load(parseText, file: path, options: options).map { $0.shifted(byLines: lineOffset) }
                }
                break
            } catch let diagnostic {
                // Each retry parses the whole text again: only for files of ordinary size.
                if attempt < 19, parseText.utf8.count < 1_000_000, diagnostic.message.hasPrefix("duplicate key"),
                   let (marked, location, key) = DuplicateKeyMarker.mark(in: parseText, first: diagnostic.location, message: diagnostic.message) {
                    parseText = marked
                    duplicate(key, at: location)
                    continue
                }
                var location = diagnostic.location
                location.line += lineOffset
                document.loadFindings.append(ParseError.finding(at: location, diagnostic.message))
                break
            }
        }
        if document.root == nil, lineOffset == 0, let root = TemplateText.read(parseText, path: path, options: options) {
            // A template, read around its placeholders: not broken, only not yet rendered.
            document.root = root
            document.loadFindings.removeAll { $0.rule == ParseError.description.id }
        }
        document.loadFindings += duplicates
        // In a .json file a comment or trailing comma is the problem to name, even where YAML
        // stumbled over it with a message of its own.
        if path.lowercased().hasSuffix(".json"), lineOffset == 0, !text.isEmpty,
           let problem = StrictJSON.problem(in: text, path: path) {
            document.loadFindings.removeAll { $0.rule == ParseError.description.id }
            document.loadFindings.append(ParseError.finding(at: problem.location, problem.message))
        }
        document.kind = KindDetector.detect(document.root, path: path)
        if document.kind == .terraformPlan, let root = document.root {
            // Read as the template it amounts to, and Beanstalk environments' settings as the
            // .ebextensions they amount to; findings then carry the resource's address.
            let plan = TerraformPlan.read(root, file: path, budget: document.nodeBudget)
            document.root = plan.template
            document.terraformAddresses = plan.addresses
            return [document] + plan.beanstalkSettings.map { document.sibling(root: $0, kind: .ebextensions) }
        }
        return [document] + others.map { document.sibling(root: $0, kind: KindDetector.detect($0, path: path)) }
    }

    /// The largest file read, in bytes.
    public static let maximumSize = 20_000_000

    /// Extensions of files that are not JSON or YAML, whatever their content looks like.
    package static let otherLanguages: Set<String> = ["tf", "tfvars", "hcl", "py", "js", "mjs", "ts", "go", "java", "kt", "rb", "sh",
                                              "bash", "cs", "swift", "md", "txt", "toml", "ini", "xml", "html", "properties",
                                              "gradle", "php", "rs", "c", "h", "cpp", "sql"]

    package static func location(ofByte offset: Int, in data: Data, file: String) -> SourceLocation {
        var line = 1, lineStart = 0
        for (index, byte) in data.prefix(offset).enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: data.dropFirst(lineStart).prefix(offset - lineStart), as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var offset = 0
        let bytes = [UInt8](data)
        while offset < bytes.count {
            let byte = bytes[offset]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            guard length > 0, offset + length <= bytes.count,
                  String(validatingUTF8: Data(bytes[offset..<offset + length])) != nil else { return offset }
            offset += length
        }
        return offset
    }
}

private extension String {
    init?(validatingUTF8 data: Data) {
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        self = text
    }
}

/// Finds the second occurrence of a duplicated key after the first and renames it in place.
package enum DuplicateKeyMarker {
    /// A private-use character: valid in YAML and JSON, one column wide, never in a real key.
    package static let mark: Character = "\u{E000}"

    package static func mark(in text: String, first: SourceLocation, message: String) -> (String, SourceLocation, String)? {
        guard let open = message.firstIndex(of: "'"), let close = message[message.index(after: open)...].firstIndex(of: "'") else { return nil }
        let key = String(message[message.index(after: open)..<close])
        guard !key.isEmpty else { return nil }
        var lines = text.components(separatedBy: "\n")
        // Candidates: the key as a mapping key (plain or quoted, followed by a colon) after the first one.
        var candidates: [(line: Int, column: Int, range: Range<String.Index>)] = []
        for index in (first.line - 1)..<lines.count {
            let line = lines[index]
            var searchStart = line.startIndex
            while let range = line.range(of: key, range: searchStart..<line.endIndex) {
                searchStart = range.upperBound
                let column = line[..<range.lowerBound].unicodeScalars.count + 1
                let before = line[..<range.lowerBound].last
                let after = line[range.upperBound...].drop { $0 == "\"" || $0 == "'" }.drop { $0 == " " }
                guard after.first == ":", before.map({ " \t{,-\"'".contains($0) }) ?? true else { continue }
                let lineNumber = index + 1
                let keyColumn = (before == "\"" || before == "'") ? column - 1 : column
                if lineNumber == first.line && keyColumn <= first.column { continue }
                candidates.append((lineNumber, keyColumn, range))
            }
        }
        // Prefer a key in the same column (the same block mapping); else the first after it.
        guard let chosen = candidates.first(where: { $0.column == first.column }) ?? candidates.first else { return nil }
        var line = lines[chosen.line - 1]
        let lastCharacter = line.index(before: chosen.range.upperBound)
        line.replaceSubrange(lastCharacter..<chosen.range.upperBound, with: String(mark))
        lines[chosen.line - 1] = line
        return (lines.joined(separator: "\n"), SourceLocation(file: first.file, line: chosen.line, column: chosen.column), key)
    }
}
