/// A parsed X-Ray filter expression (the language of GetTraceSummaries' FilterExpression and of
/// X-Ray groups). Parsing checks the grammar and that each operator and value fits its keyword;
/// X-Ray itself evaluates the expression.
public indirect enum FilterExpression: Sendable, Equatable {
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)
    /// `keyword` alone (true, or "is set"), or `keyword operator value`.
    case condition(Keyword, Comparison?)
    /// `service(NODE) { filter }`: the node is nil for `service()`, every node of the trace.
    case service(Node?, FilterExpression?)
    case edge(Node, Node, FilterExpression?)
    /// `rootcause.fault.service { filter }` and its siblings.
    case rootCause(category: String, kind: String, FilterExpression?)

    public struct Keyword: Sendable, Equatable {
        /// Lower-cased, as X-Ray reads it (`responseTime` is `responsetime`); for an annotation, `annotation`.
        public var name: String
        /// The annotation's key, as written, for `annotation.KEY` and `annotation[KEY]`.
        public var annotationKey: String?
        public var offset: Int
    }

    public struct Comparison: Sendable, Equatable {
        public var op: String
        public var value: Value
    }

    public enum Value: Sendable, Equatable {
        case string(String), number(Double), boolean(Bool), json(String)
    }

    /// A node of the service graph: a name, or `id(name: "…", type: "…")`.
    public struct Node: Sendable, Equatable {
        public var name: String?
        public var type: String?
    }

    /// Parses `text`, or throws the first problem with its offset.
    public static func parse(_ text: String) throws(FilterExpressionError) -> FilterExpression {
        var lexer = FilterLexer(text)
        var parser = FilterParser(tokens: try lexer.tokens())
        return try parser.parseWhole()
    }

    /// The annotation keys the expression reads, with the offset of each use.
    public var annotationUses: [(key: String, offset: Int)] {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.annotationUses + b.annotationUses
        case .not(let inner): inner.annotationUses
        case .condition(let keyword, _): keyword.annotationKey.map { [($0, keyword.offset)] } ?? []
        case .service(_, let inner), .edge(_, _, let inner), .rootCause(_, _, let inner): inner?.annotationUses ?? []
        }
    }
}
