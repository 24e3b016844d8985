/// Decodes and validates `xray.yaml` text into an `XRayModel`.
public enum ModelDecoder {
    public struct Result: Sendable {
        public var model: XRayModel
        /// Problems that do not stop generation (an unknown region code, an unpinned image).
        public var warnings: [Diagnostic]
    }

    /// Decodes a model. Throws `DiagnosticsError` listing every error (and warning) found, sorted by
    /// location. A repeated key does not stop the reading: each repeat is an error where it stands
    /// and the rest of the model is still checked (`reportingDuplicateKeys: false` leaves them to
    /// the caller, as lint does with XR003).
    public static func decode(_ text: String, file: String, reportingDuplicateKeys: Bool = true) throws(DiagnosticsError) -> Result {
        let root: LocatedNode
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
            root = first
        } catch let diagnostic as Diagnostic {
            throw DiagnosticsError([diagnostic])
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1, column: 1), "\(error)")])
        }
        let result: Result
        do { result = try decode(root) } catch { throw DiagnosticsError(duplicates + error.diagnostics) }
        if !duplicates.isEmpty { throw DiagnosticsError(duplicates + result.warnings) }
        return result
    }

    /// A model already in tree form (built from flags, say): the same reading and validation.
    public static func decode(_ root: LocatedNode) throws(DiagnosticsError) -> Result {
        let reader = NodeReader()
        let model = ModelReader(reader).model(root)
        guard let model else { throw DiagnosticsError(reader.diagnostics) }
        // Checked on the finished model, by the generator's own role plans, so the two cannot disagree.
        // A model with errors elsewhere is checked too (what failed to read is left out of it), so
        // one run reports every problem.
        let diagnostics = reader.diagnostics + RoleMerging.collisions(model) + AccountPlacement.diagnostics(model)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticsError(diagnostics) }
        return Result(model: model, warnings: DiagnosticsError(diagnostics).diagnostics)
    }
}
