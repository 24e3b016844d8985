import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidModel: LintRule {
    package static let description = RuleDescription(
        id: "XR004", name: "invalid-model", severity: .error, also: [.warning],
        summary: "An xrayctl model (`xray.yaml`) that `xrayctl generate` would reject, or warn about.",
        rationale: "Linting a project should catch a broken model before generation does; the finding is the generator's own located message.",
        sources: [.repository("xrayctl README: The model", "README.md#the-model")],
        examples: [
            RuleExample("xray.yaml", "version: 1\nproject: shop\nregion: us-east-1\nservices:\n  - name: api\n    platform: ecs-fargate\n    image: nginx:1.27\n    ↓prot: 80\n"),
            RuleExample("xray.yaml", "version: 1\nproject: shop\nregion: us-east-1\nservices:\n  - name: api\n    platform: ecs-fargate\n    image: nginx:1.27\n    port: 80\n"),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.documents.filter { $0.kind == .model }.flatMap { document -> [Finding] in
            let diagnostics: [Diagnostic]
            do {
                diagnostics = try ModelDecoder.decode(document.text, file: document.path, reportingDuplicateKeys: false).warnings
            } catch let error as DiagnosticsError {
                diagnostics = error.diagnostics
            } catch {
                diagnostics = []
            }
            return diagnostics.map { diagnostic in
                Self.finding(at: diagnostic.location, diagnostic.message, severity: diagnostic.severity == .error ? .error : .warning)
            }
        }
    }
}
