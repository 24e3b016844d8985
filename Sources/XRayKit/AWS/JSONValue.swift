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

/// The one way generated JSON is written: sorted keys, two-space indentation, no escaped
/// slashes, trailing newline. Every run on the same input gives the same bytes.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T) -> String {
        encode(value, pretty: true) + "\n"
    }

    /// One line, for JSON embedded in another document (an environment variable's value).
    public static func compact<T: Encodable>(_ value: T) -> String {
        encode(value, pretty: false)
    }

    private static func encode<T: Encodable>(_ value: T, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            return String(decoding: data, as: UTF8.self)
        } catch {
            // Our artifact types hold only strings, numbers and booleans, which always encode.
            preconditionFailure("generated artifact failed to encode: \(error)")
        }
    }
}
