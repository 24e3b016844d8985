import Foundation

/// Text files as editors save them: UTF-8 (with or without a byte-order mark), and UTF-16 or
/// UTF-32 when a byte-order mark says so (Windows editors save UTF-16 that way).
public enum TextDecoding {
    /// The text, with any byte-order mark removed, or nil for bytes that are not marked UTF-16/32.
    public static func decodeMarked(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(4))
        let encoding: String.Encoding?
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { encoding = .utf32LittleEndian }
        else if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { encoding = .utf32BigEndian }
        else if bytes.starts(with: [0xFF, 0xFE]) { encoding = .utf16LittleEndian }
        else if bytes.starts(with: [0xFE, 0xFF]) { encoding = .utf16BigEndian }
        else { encoding = nil }
        guard let encoding else { return nil }
        let width = encoding == .utf32LittleEndian || encoding == .utf32BigEndian ? 4 : 2
        let body = data.dropFirst(width)
        guard body.count % width == 0 else { return nil }
        return String(data: body, encoding: encoding)
    }

    /// The name of the encoding a byte-order mark announces, for messages.
    public static func markedEncodingName(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32" }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        return nil
    }
}
