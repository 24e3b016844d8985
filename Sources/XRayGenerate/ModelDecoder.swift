import XRayCore
import XRaySampling

/// Decodes and validates `xray.yaml` text into an `XRayModel`: the model's own reading
/// (`ModelText`) and the checks made by the generator's own role plans, so `generate` and lint
/// (XR004) cannot disagree.
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
        let (root, duplicates) = try ModelText.root(text, file: file, reportingDuplicateKeys: reportingDuplicateKeys)
        let result: Result
        do { result = try decode(root, text: text) } catch { throw DiagnosticsError(duplicates + error.diagnostics) }
        if !duplicates.isEmpty { throw DiagnosticsError(duplicates + result.warnings) }
        return result
    }

    /// A model already in tree form (built from flags, say): the same reading and validation.
    /// `text`, the file the tree was read from, places errors inside quoted strings exactly.
    public static func decode(_ root: LocatedNode, text: String? = nil) throws(DiagnosticsError) -> Result {
        let (model, read) = ModelText.read(root, text: text)
        guard let model else { throw DiagnosticsError(read) }
        // Checked on the finished model, by the generator's own role plans, so the two cannot disagree.
        // A model with errors elsewhere is checked too (what failed to read is left out of it), so
        // one run reports every problem.
        let diagnostics = read + RoleMerging.collisions(model) + AccountPlacement.diagnostics(model)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticsError(diagnostics) }
        return Result(model: model, warnings: DiagnosticsError(diagnostics).diagnostics)
    }
}
