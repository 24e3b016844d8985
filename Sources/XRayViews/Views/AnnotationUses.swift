import XRayCore

/// The annotation keys group filter expressions read, and the keys segments set, for comparing
/// the two (XR706, XR707).
extension LintRun {
    /// Each `annotation.KEY` / `annotation[KEY]` in a group filter that parses, with its place.
    package var filterAnnotationUses: [(key: String, location: SourceLocation, pointer: String, group: String?)] {
        groupFilters.flatMap { filter -> [(String, SourceLocation, String, String?)] in
            guard let text = filter.text, let expression = try? FilterExpression.parse(text) else { return [] }
            return expression.annotationUses.map { ($0.key, filter.location(at: $0.offset), filter.node.pointer, filter.groupName) }
        }
    }

    /// Every annotation key set by the segments and subsegments of the run.
    package var segmentAnnotationKeys: Set<String> {
        Set(segmentDocuments.flatMap(\.entities).flatMap { entity in (entity.node["annotations"]?.pairs ?? []).compactMap(\.key.text) })
    }
}
