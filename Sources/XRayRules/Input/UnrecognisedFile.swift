import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// XR001 and XR003 are found while a file loads: the loader reports them through these types
// (`ParseError.finding`), since nothing else can be read from a file that does not parse.
package struct UnrecognisedFile: LintRule {
    package static let description = RuleDescription(
        id: "XR002", name: "unrecognised-file", severity: .warning,
        summary: "A file named explicitly on the command line is not a kind xrayctl lints.",
        rationale: "Kinds are detected from content; a file you asked for that matches none was probably not the file you meant (files a folder walk passes over are counted in the summary, listed with --verbose and in JSON's skipped).",
        sources: [.repository("xrayctl README: Linting", "README.md#linting")],
        examples: [
            RuleExample("notes.yaml", "↓title: release notes\nitems: [a, b]\n"),
            RuleExample("taskdef.json", "{\"family\": \"api\", \"containerDefinitions\": []}\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.documents.filter { $0.explicitlyNamed && $0.kind == .unknown && $0.loadFindings.isEmpty }.map { document in
            Self.finding(at: SourceLocation(file: document.path, line: 1, column: 1), Self.message(document))
        }
    }

    /// Files of other languages are loaded without their text, so "empty" is said only of a file
    /// that holds nothing; Terraform variable files are read with their module.
    package static func message(_ document: SourceDocument) -> String {
        let fileExtension = (document.path as NSString).pathExtension.lowercased()
        if ["tfvars", "hcl"].contains(fileExtension) {
            return "a .\(fileExtension) file is read with the Terraform module it belongs to: lint the module's folder or one of its .tf files"
        }
        if DocumentLoader.otherLanguages.contains(fileExtension) {
            return "a .\(fileExtension) file is not a kind of file xrayctl lints (see 'xrayctl rules' for the kinds it reads)"
        }
        return document.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? "the file is empty" : "not a kind of file xrayctl lints (see 'xrayctl rules' for the kinds it reads)"
    }
}
