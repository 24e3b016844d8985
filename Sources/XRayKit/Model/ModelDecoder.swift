/// Decodes and validates `xray.yaml` text into an `XRayModel`.
public enum ModelDecoder {
    public struct Result: Sendable {
        public var model: XRayModel
        /// Problems that do not stop generation (an unknown region code, an unpinned image).
        public var warnings: [Diagnostic]
    }

    /// Decodes a model. Throws `DiagnosticsError` listing every error (and warning) found.
    public static func decode(_ text: String, file: String) throws(DiagnosticsError) -> Result {
        let root: LocatedNode
        do {
            guard let loaded = try YAMLLoader.load(text, file: file) else {
                throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1, column: 1),
                                               "the model is empty; run 'xrayctl init' for a starter xray.yaml")])
            }
            root = loaded
        } catch let diagnostic as Diagnostic {
            throw DiagnosticsError([diagnostic])
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1, column: 1), "\(error)")])
        }
        return try decode(root)
    }

    /// A model already in tree form (built from flags, say): the same reading and validation.
    public static func decode(_ root: LocatedNode) throws(DiagnosticsError) -> Result {
        let reader = NodeReader()
        let model = ModelReader(reader).model(root)
        let errors = reader.diagnostics.filter { $0.severity == .error }
        guard let model, errors.isEmpty else { throw DiagnosticsError(reader.diagnostics) }
        // Checked on the finished model, by the generator's own role plans, so the two cannot disagree.
        let collisions = RoleMerging.collisions(model) + AccountPlacement.diagnostics(model)
        if collisions.contains(where: { $0.severity == .error }) { throw DiagnosticsError(reader.diagnostics + collisions) }
        return Result(model: model, warnings: reader.diagnostics + collisions)
    }
}
