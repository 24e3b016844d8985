import XRayCore
import XRayViews

/// OpenTelemetry declarative configuration files (`file_format`), and the walks their rules share.
enum OTelSDKConfigFiles {
    static func roots(_ run: LintRun) -> [LocatedNode] {
        run.documents.filter { $0.kind == .otelSDKConfig }.compactMap(\.root)
    }

    /// Every `key: value` pair below `node`, depth first, in file order.
    static func pairs(under node: LocatedNode?) -> [(key: LocatedNode, value: LocatedNode)] {
        guard let node else { return [] }
        if let pairs = node.pairs {
            return pairs.flatMap { [($0.key, $0.value)] + Self.pairs(under: $0.value) }
        }
        return (node.items ?? []).flatMap { Self.pairs(under: $0) }
    }

    /// The names of a list of single-key mappings (`composite: [{tracecontext: }, {xray: }]`).
    static func names(_ list: LocatedNode?) -> [String] {
        (list?.items ?? []).compactMap { $0.pairs?.first?.key.text }
    }
}
