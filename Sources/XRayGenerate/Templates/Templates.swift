import Foundation
import XRayCore
import XRaySampling

/// The starter models behind `xrayctl init`. Their text lives in `templates/` at the top of the
/// repository and is embedded in `EmbeddedTemplates.swift` so the binary needs no files at run time;
/// a test fails when the two differ and re-records with XRAYCTL_RECORD=templates.
public enum Templates {
    public struct Template: Sendable {
        public var name: String
        public var contents: String

        /// The comment the file opens with, saying what the template is for (one or more `#` lines,
        /// joined into one sentence).
        public var summary: String {
            contents.split(separator: "\n", omittingEmptySubsequences: false)
                .prefix { $0.hasPrefix("#") }
                .map { $0.dropFirst().trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
                .joined(separator: " ")
        }

        /// Words of `text` in lines of at most `width` characters (a longer word gets a line of its own).
        public static func wrap(_ text: String, width: Int) -> [String] {
            var lines: [String] = []
            for word in text.split(separator: " ") {
                if let last = lines.last, last.count + 1 + word.count <= width {
                    lines[lines.count - 1] += " " + word
                } else {
                    lines.append(String(word))
                }
            }
            return lines
        }
    }

    public static var all: [Template] {
        EmbeddedTemplates.files.map { Template(name: $0.name, contents: $0.contents) }.sorted { $0.name < $1.name }
    }

    public static func named(_ name: String) -> Template? {
        all.first { $0.name == name }
    }
}

extension Templates {
    /// The Swift source of `EmbeddedTemplates.swift` for these template files (name, contents).
    public static func embeddedSource(_ files: [(name: String, contents: String)]) -> String {
        var source = """
            // Generated from templates/*.yaml by TemplateTests (XRAYCTL_RECORD=templates swift test). Do not edit.
            enum EmbeddedTemplates {
                static let files: [(name: String, contents: String)] = [

            """
        for file in files.sorted(by: { $0.name < $1.name }) {
            source += "        (name: \"\(file.name)\", contents: #\"\"\"\n\(file.contents)\n\"\"\"#),\n"
        }
        source += "    ]\n}\n"
        return source
    }
}
