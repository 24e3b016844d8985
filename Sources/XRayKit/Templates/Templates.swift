import Foundation

/// The starter models behind `xrayctl init`. Their text lives in `templates/` at the top of the
/// repository and is embedded in `EmbeddedTemplates.swift` so the binary needs no files at run time;
/// a test fails when the two differ and re-records with XRAYCTL_RECORD=templates.
public enum Templates {
    public struct Template: Sendable {
        public var name: String
        public var contents: String

        /// The first line of the file, a comment saying what the template is for.
        public var summary: String {
            let first = contents.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            return first.hasPrefix("#") ? String(first.dropFirst()).trimmingCharacters(in: .whitespaces) : ""
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
