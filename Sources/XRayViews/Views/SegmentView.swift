import XRayCore
import XRaySampling

/// A segment or subsegment in a segment document, with whether it stands alone (a top-level
/// segment or an independent subsegment) or is nested in another.
package struct SegmentEntity {
    package var node: LocatedNode
    package var standalone: Bool
}

extension LintRun {
    package static func segmentDocuments(_ documents: [SourceDocument]) -> [(document: SourceDocument, entities: [SegmentEntity])] {
        documents.filter { $0.kind == .segments }.compactMap { document in
            guard let root = document.root else { return nil }
            var entities: [SegmentEntity] = []
            func walk(_ node: LocatedNode, standalone: Bool, depth: Int) {
                guard node.pairs != nil, depth < 100 else { return }
                entities.append(SegmentEntity(node: node, standalone: standalone))
                for child in node["subsegments"]?.items ?? [] { walk(child, standalone: false, depth: depth + 1) }
            }
            for top in root.items ?? [root] { walk(top, standalone: true, depth: 0) }
            return (document, entities)
        }
    }
}

package enum SegmentFormat {
    package static func isHex(_ text: String, count: Int) -> Bool {
        text.count == count && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// `1-` + 8 hex digits (epoch seconds) + `-` + 24 hex digits (docs/xray-facts.md §7).
    package static func isTraceID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        return parts.count == 3 && parts[0] == "1" && isHex(parts[1], count: 8) && isHex(parts[2], count: 24)
    }
}
