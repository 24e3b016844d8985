/// Reads `xray.yaml` text into a located tree, and a tree into an `XRayModel` with the model's own
/// checks. The checks that need the generator's role plans come on top, in `ModelDecoder`
/// (Generate), which is what callers use; this layer knows nothing of generation.
public enum ModelText {
    /// The model's one YAML document, with its repeated keys as errors (unless the caller reports
    /// them itself, as lint does with XR003). Throws when there is no single document to read.
    package static func root(_ text: String, file: String, reportingDuplicateKeys: Bool) throws(DiagnosticsError) -> (root: LocatedNode, duplicates: [Diagnostic]) {
        var duplicates: [Diagnostic] = []
        do {
            let loaded = try YAMLLoader.loadMarkingDuplicates(text, file: file)
            if reportingDuplicateKeys {
                duplicates = loaded.duplicates.map { key in
                    .error(at: SourceLocation(file: file, line: key.line + 1, column: key.column + 1),
                           "duplicate key '\(key.key)': a key appears once in a mapping; remove one of the two")
                }
            }
            if loaded.roots.count > 1, let second = loaded.roots.dropFirst().first {
                throw DiagnosticsError(duplicates + [.error(at: second.location, "the file holds \(loaded.roots.count) YAML documents (separated by ---); only one is read here")])
            }
            guard let first = loaded.roots.first else {
                if !loaded.duplicates.isEmpty { throw DiagnosticsError(duplicates) }
                throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1, column: 1),
                                               "the model is empty; run 'xrayctl init' for a starter xray.yaml")])
            }
            return (first, duplicates)
        } catch let diagnostic as Diagnostic {
            throw DiagnosticsError([diagnostic])
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1, column: 1), "\(error)")])
        }
    }

    /// The model in a tree, or nil when it cannot be read at all; every problem found either way.
    package static func read(_ root: LocatedNode, text: String? = nil) -> (model: XRayModel?, diagnostics: [Diagnostic]) {
        let reader = NodeReader()
        reader.sourceText = text
        let model = ModelReader(reader).model(root)
        return (model, reader.diagnostics)
    }
}
