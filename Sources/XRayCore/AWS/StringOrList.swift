import Foundation

/// One string, or a list of them: IAM writes a single action or principal without brackets.
public enum StringOrList: Encodable, Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case one(String)
    case many([String])

    public init(stringLiteral value: String) { self = .one(value) }
    public init(arrayLiteral elements: String...) { self = .many(elements) }

    public var values: [String] {
        switch self {
        case .one(let value): return [value]
        case .many(let values): return values
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .one(let value): try container.encode(value)
        case .many(let values): try container.encode(values)
        }
    }
}
