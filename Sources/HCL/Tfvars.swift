import Foundation

/// Values for input variables from the files Terraform reads on its own, later ones winning:
/// `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and `*.auto.tfvars.json`
/// in lexical order of their names (Terraform's "Variable Definition Precedence"; environment
/// variables and `-var` flags are not visible to a static reader).
enum Tfvars {
    static func load(folder: URL, failures: inout [HCLDiagnostic]) -> [String: HCLValue] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        let automatic = names.filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }
        let ordered = ["terraform.tfvars", "terraform.tfvars.json"].filter(names.contains) + automatic
        var values: [String: HCLValue] = [:]
        for name in ordered {
            let url = folder.appendingPathComponent(name)
            let read = name.hasSuffix(".json") ? json(url) : hcl(url)
            switch read {
            case .success(let found): values.merge(found) { _, later in later }
            case .failure(let error): failures.append(error)
            }
        }
        return values
    }

    /// A tfvars file in HCL: top-level attributes, evaluated without any module context.
    static func hcl(_ url: URL) -> Result<[String: HCLValue], HCLDiagnostic> {
        HCLModule.read(url).map { file in
            let evaluator = HCLEvaluator()
            return Dictionary(file.body.attributes.map { ($0.name, evaluator.evaluate($0.expression)) }) { first, _ in first }
        }
    }

    static func json(_ url: URL) -> Result<[String: HCLValue], HCLDiagnostic> {
        let start = SourcePosition.start
        let place = SourceRange(file: url.path, start: start, end: start)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= HCLModule.maxFileSize, let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            return .failure(HCLDiagnostic("Cannot read the file as UTF-8 text", at: place))
        }
        switch JSONValue.decode(text) {
        case .success(let value):
            guard let attributes = value.attributes else { return .failure(HCLDiagnostic("A .tfvars.json file must hold a JSON object", at: place)) }
            return .success(attributes)
        case .failure(let failure):
            return .failure(HCLDiagnostic(failure.message, at: place))
        }
    }
}
