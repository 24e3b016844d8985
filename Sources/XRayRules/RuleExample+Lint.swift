import Foundation
import XRayCore
import XRayViews
import XRaySampling
import XRayGenerate

// Running an example needs the linter, which sits above the views where `RuleExample` is defined.
extension RuleExample {
    /// The findings `rule` reports in this example's file when it is linted with its companions, as
    /// on a day `today` (XR805 depends on the date). Rule tests and rule pages both run examples here.
    public func findings(of rule: String, today: Date) -> [Finding] {
        // Every document of a YAML stream, as `xrayctl lint` reads a file (Kubernetes manifests).
        let documents = DocumentLoader.loadAll(path: file, data: Data(unmarked.text.utf8)).map { document in
            var document = document
            document.explicitlyNamed = true
            return document
        }
        let others = companions.flatMap { DocumentLoader.loadAll(path: $0.file, data: Data($0.text.utf8)) }
        let findings = Linter.lint(documents + others, options: LintOptions(enabledOnly: [rule], today: today))
        return findings.filter { $0.rule == rule && $0.location.file == file }
    }
}
