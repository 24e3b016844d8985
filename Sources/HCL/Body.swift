/// The attributes and blocks between a file's start and end or a block's braces, in source order.
public struct HCLBody: Sendable {
    public var attributes: [HCLAttribute]
    public var blocks: [HCLBlock]
    public var range: SourceRange

    public init(attributes: [HCLAttribute] = [], blocks: [HCLBlock] = [], range: SourceRange) {
        self.attributes = attributes
        self.blocks = blocks
        self.range = range
    }

    /// The attribute of that name (a body defines each name at most once).
    public func attribute(_ name: String) -> HCLAttribute? { attributes.first { $0.name == name } }

    /// The blocks of that type, such as every `statement` of a policy document.
    public func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }

    /// The first block of that type, such as a function's `tracing_config`.
    public func block(_ type: String) -> HCLBlock? { blocks.first { $0.type == type } }
}

/// `name = expression`.
public struct HCLAttribute: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var expression: HCLExpression
    /// From the name to the end of the expression.
    public var range: SourceRange
}

/// `type "label" label { body }`.
public struct HCLBlock: Sendable {
    public struct Label: Sendable, Hashable {
        public var value: String
        public var range: SourceRange
        /// Written in quotes (`"aws_iam_role"`) rather than as a bare identifier.
        public var quoted: Bool
    }

    public var type: String
    public var typeRange: SourceRange
    public var labels: [Label]
    public var body: HCLBody
    /// From the type to the closing brace.
    public var range: SourceRange

    public var labelValues: [String] { labels.map(\.value) }

    /// Shortcuts for reading nested content: `block.attribute("mode")`, `block.blocks("statement")`.
    public func attribute(_ name: String) -> HCLAttribute? { body.attribute(name) }
    public func blocks(_ type: String) -> [HCLBlock] { body.blocks(type) }
    public func block(_ type: String) -> HCLBlock? { body.block(type) }
}
