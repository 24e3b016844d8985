import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// Reads an HTTP/1.1 answer as its bytes arrive (RFC 9112): the status line and header fields,
/// then the body, framed by Content-Length, by the chunked transfer coding, or by the close. A
/// body is refused as soon as its count, or the length the header announces, passes `maxBody`,
/// so what is held never exceeds the cap plus one read.
package struct ResponseReader {
    package enum Step {
        case needMore
        case done(status: Int, body: Data, location: String?)
        case failed(URLError.Code?, String)
    }

    package struct Head {
        package var status: Int
        package var fields: [(name: String, value: String)]

        package func field(_ name: String) -> [String] {
            fields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }
    }

    private enum Framing { case length(Int), chunked(Chunked), untilClose }
    private enum Chunked { case size, data(remaining: Int), dataEnd }

    package let maxBody: Int
    package let headOnly: Bool
    private var pending = Data()
    private var head: Head?
    private var framing: Framing?
    private var body = Data()

    package init(maxBody: Int, headOnly: Bool = false) {
        self.maxBody = maxBody
        self.headOnly = headOnly
    }

    private static let crlf = Data("\r\n".utf8)
    private var tooLarge: Step { .failed(.dataLengthExceedsMaximum, HTTP.tooLarge(maxBody: maxBody)) }

    package mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> Step where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
        while true {
            guard let head else {
                switch readHead() {
                case .needMore: return .needMore
                case .failed(let code, let reason): return .failed(code, reason)
                case .done: continue
                }
            }
            switch framing {
            case nil:
                return .needMore
            case .length(let length):
                body.append(pending.prefix(length - body.count))
                pending = Data(pending.dropFirst(min(pending.count, length)))
                return body.count == length ? .done(status: head.status, body: body, location: head.field("Location").first) : .needMore
            case .untilClose:
                guard body.count + pending.count <= maxBody else { return tooLarge }
                body.append(pending)
                pending = Data()
                return .needMore
            case .chunked(let state):
                switch readChunked(state) {
                case .needMore: return .needMore
                case .failed(let code, let reason): return .failed(code, reason)
                case .done: return .done(status: head.status, body: body, location: head.field("Location").first)
                }
            }
        }
    }

    /// The peer closed the connection: the end of a body framed by the close, else too early.
    package mutating func closed() -> Step {
        guard let head, case .untilClose? = framing else { return .needMore }
        return .done(status: head.status, body: body, location: head.field("Location").first)
    }

    /// The header, once it is all there; interim answers (100 Continue) are skipped.
    private mutating func readHead() -> Step {
        guard let end = pending.range(of: Data("\r\n\r\n".utf8)) else {
            return pending.count > SocketHTTP.maxHead ? .failed(.badServerResponse, "the answer's header is larger than \(SocketHTTP.maxHead / 1024) KB") : .needMore
        }
        let text = String(decoding: pending[pending.startIndex..<end.lowerBound], as: UTF8.self)
        pending = Data(pending[end.upperBound...])
        var lines = text.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), statusLine[1].count == 3, let status = Int(statusLine[1]) else {
            return .failed(.badServerResponse, "the answer is not HTTP/1.1")
        }
        var fields: [(String, String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return .failed(.badServerResponse, "a header line without a colon") }
            fields.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        let parsed = Head(status: status, fields: fields)
        if (100..<200).contains(status) { return .done(status: status, body: Data(), location: nil) }
        head = parsed
        let lengths = Set(parsed.field("Content-Length"))
        if headOnly || status == 204 || status == 304 {
            framing = .length(0)
        } else if parsed.field("Transfer-Encoding").joined(separator: ",").lowercased().contains("chunked") {
            framing = .chunked(.size)
        } else if lengths.isEmpty {
            framing = .untilClose
        } else {
            guard lengths.count == 1, let text = lengths.first, let length = Int(text), length >= 0 else {
                return .failed(.badServerResponse, "the answer's Content-Length is not one number")
            }
            guard length <= maxBody else {
                return .failed(.dataLengthExceedsMaximum, HTTP.announcedTooLarge(text, maxBody: maxBody))
            }
            framing = .length(length)
        }
        return .done(status: status, body: Data(), location: nil)
    }

    /// Chunks (hexadecimal size, CRLF, data, CRLF) until the last one, of size 0.
    private mutating func readChunked(_ start: Chunked) -> Step {
        var state = start
        defer { framing = .chunked(state) }
        while true {
            switch state {
            case .size:
                guard let end = pending.range(of: Self.crlf) else {
                    return pending.count > 1024 ? .failed(.badServerResponse, "a chunk size line longer than 1 KB") : .needMore
                }
                let line = String(decoding: pending[pending.startIndex..<end.lowerBound], as: UTF8.self)
                pending = Data(pending[end.upperBound...])
                let digits = line.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard !digits.isEmpty, digits.count <= 16, let size = Int(digits, radix: 16), size >= 0 else {
                    return .failed(.badServerResponse, "a chunk size that is not a hexadecimal number")
                }
                // The last chunk; trailer fields, if any, are not needed (the connection closes).
                if size == 0 { return .done(status: 0, body: Data(), location: nil) }
                guard body.count + size <= maxBody else { return tooLarge }
                state = .data(remaining: size)
            case .data(let remaining):
                let taken = min(remaining, pending.count)
                body.append(pending.prefix(taken))
                pending = Data(pending.dropFirst(taken))
                guard taken == remaining else { state = .data(remaining: remaining - taken); return .needMore }
                state = .dataEnd
            case .dataEnd:
                guard pending.count >= 2 else { return .needMore }
                guard pending.prefix(2) == Self.crlf else { return .failed(.badServerResponse, "a chunk longer than its size") }
                pending = Data(pending.dropFirst(2))
                state = .size
            }
        }
    }
}
