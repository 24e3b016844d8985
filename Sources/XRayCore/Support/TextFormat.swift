import Foundation

/// How a file the user gave is saved: its encoding (UTF-8, with or without a byte-order mark, or
/// UTF-16/32 with one) and its line breaks. A file xrayctl rewrites goes back in the same format:
/// Windows editors save a BOM and CRLF, and a file that loses them reads as wholly changed (or,
/// for JSON read as YAML because of the mark, is no longer JSON at all).
public struct TextFormat: Sendable, Equatable {
    public enum Encoding: Sendable, Equatable {
        case utf8, utf8WithMark, utf16LittleEndian, utf16BigEndian, utf32LittleEndian, utf32BigEndian
    }

    public var encoding: Encoding
    /// CRLF line breaks, as the file's first line break is.
    public var crlf: Bool

    public init(encoding: Encoding = .utf8, crlf: Bool = false) {
        self.encoding = encoding
        self.crlf = crlf
    }

    private static let utf8Mark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The format of `data`; plain UTF-8 with LF for bytes without a mark and line breaks.
    public static func of(_ data: Data) -> TextFormat {
        let head = [UInt8](data.prefix(4))
        let encoding: Encoding
        if head.starts(with: [0xFF, 0xFE, 0, 0]) { encoding = .utf32LittleEndian }
        else if head.starts(with: [0, 0, 0xFE, 0xFF]) { encoding = .utf32BigEndian }
        else if head.starts(with: [0xFF, 0xFE]) { encoding = .utf16LittleEndian }
        else if head.starts(with: [0xFE, 0xFF]) { encoding = .utf16BigEndian }
        else if head.starts(with: utf8Mark) { encoding = .utf8WithMark }
        else { encoding = .utf8 }
        let scalars = (text(of: data) ?? "").unicodeScalars
        let crlf = scalars.firstIndex(of: "\n").map { $0 > scalars.startIndex && scalars[scalars.index(before: $0)] == "\r" } ?? false
        return TextFormat(encoding: encoding, crlf: crlf)
    }

    /// The text of `data` without its mark and with LF line breaks: what the loaders and the
    /// rewriting read (CRLF and LF mean the same in JSON and YAML). nil for bytes that are not
    /// text in the encoding their mark announces.
    public static func normalized(_ data: Data) -> Data? {
        text(of: data).map { Data(lineFeeds($0).utf8) }
    }

    /// `text`, written with LF line breaks, as the bytes of a file in this format.
    public func bytes(_ text: String) -> Data {
        let body = crlf ? Self.carriageReturns(text) : text
        switch encoding {
        case .utf8: return Data(body.utf8)
        case .utf8WithMark: return Data(Self.utf8Mark) + Data(body.utf8)
        case .utf16LittleEndian: return Data([0xFF, 0xFE]) + (body.data(using: .utf16LittleEndian) ?? Data())
        case .utf16BigEndian: return Data([0xFE, 0xFF]) + (body.data(using: .utf16BigEndian) ?? Data())
        case .utf32LittleEndian: return Data([0xFF, 0xFE, 0, 0]) + (body.data(using: .utf32LittleEndian) ?? Data())
        case .utf32BigEndian: return Data([0, 0, 0xFE, 0xFF]) + (body.data(using: .utf32BigEndian) ?? Data())
        }
    }

    private static func text(of data: Data) -> String? {
        if let marked = TextDecoding.decodeMarked(data) { return marked }
        guard TextDecoding.markedEncodingName(data) == nil else { return nil }
        let body = data.starts(with: utf8Mark) ? data.dropFirst(utf8Mark.count) : data[...]
        return String(validating: body, as: UTF8.self)
    }

    /// Line breaks by Unicode scalar: a String's characters hold "\r\n" as one, which "\n" does not match.
    private static func lineFeeds(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingReturn = false
        for scalar in text.unicodeScalars {
            if pendingReturn && scalar != "\n" { scalars.append("\r") }
            pendingReturn = scalar == "\r"
            if !pendingReturn { scalars.append(scalar) }
        }
        if pendingReturn { scalars.append("\r") }
        return String(scalars)
    }

    private static func carriageReturns(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previous != "\r" { scalars.append("\r") }
            scalars.append(scalar)
            previous = scalar
        }
        return String(scalars)
    }
}
