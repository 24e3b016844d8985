import Foundation

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
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let compact = String(decoding: try encoder.encode(value), as: UTF8.self)
            return pretty ? indented(compact) : compact
        } catch {
            // Our artifact types hold only strings, numbers and booleans, which always encode.
            preconditionFailure("generated artifact failed to encode: \(error)")
        }
    }

    /// Compact JSON laid out the way AWS's documentation and `aws --output json` print it:
    /// two-space indentation, `"key": value`, `[]` and `{}` when empty. (Foundation's pretty printer
    /// writes `"key" : value`.) The input is the encoder's own output, so only string boundaries
    /// matter: structure characters inside strings are copied as they are.
    package static func indented(_ compact: String) -> String {
        let bytes = Array(compact.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var depth = 0, inString = false, escaped = false, index = 0
        func newline() {
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inString {
                output.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                output.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                output.append(byte)
                if index < bytes.count, bytes[index] == byte + 2 {  // `}` is `{` + 2, `]` is `[` + 2
                    output.append(bytes[index])
                    index += 1
                } else {
                    depth += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newline()
                output.append(byte)
            case UInt8(ascii: ","):
                output.append(byte)
                newline()
            case UInt8(ascii: ":"):
                output.append(contentsOf: [byte, UInt8(ascii: " ")])
            default:
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
