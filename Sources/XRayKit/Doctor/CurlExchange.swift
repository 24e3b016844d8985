import Foundation
import CCurl

/// One https:// exchange through libcurl's easy interface, run on a thread of its own (HTTP.send
/// gives it one), with HTTP.swift's guarantees: the body is counted in the write callback, which
/// stops the transfer as soon as it would pass `maxBody` (libcurl reads no further: there is no
/// queue between it and us), and a Content-Length past the cap stops it in the header callback
/// before any body is read; a redirect is not followed, the 3xx and its Location are the answer;
/// the transfer ends at the deadline (CURLOPT_TIMEOUT_MS, and the progress callback once the
/// caller has been answered). The callbacks run on the perform thread, so the state needs no lock.
package final class CurlExchange: @unchecked Sendable {
    private let library: CurlLibrary
    private let maxBody: Int
    private let once: HTTP.OneAnswer
    private var headOnly = false
    private var body = Data()
    private var location: String?
    /// Why a callback stopped the transfer (the cap), which is the outcome then.
    private var refusal: HTTP.Outcome?

    package init(library: CurlLibrary, maxBody: Int, once: HTTP.OneAnswer) {
        self.library = library
        self.maxBody = maxBody
        self.once = once
    }

    private var tooLarge: HTTP.Outcome {
        .failed(.dataLengthExceedsMaximum, HTTP.tooLarge(maxBody: maxBody))
    }

    package func run(_ request: HTTPRequest, deadline: Date) -> HTTP.Outcome {
        let curl = library.functions
        // The error buffer and the header list must outlive the handle (libcurl may use them until
        // curl_easy_cleanup): declared first, they are freed last, defers running in reverse.
        let errorText = UnsafeMutablePointer<CChar>.allocate(capacity: Int(XRAY_CURL_ERROR_SIZE))
        defer { errorText.deallocate() }
        errorText[0] = 0
        var headers: UnsafeMutableRawPointer?
        defer { if let headers { xray_curl_slist_free_all(curl, headers) } }
        guard let handle = xray_curl_easy_init(curl) else { return .failed(nil, "libcurl could not start a transfer") }
        defer { xray_curl_easy_cleanup(curl, handle) }
        // A CR or LF inside a header would let a value start a header (or a request) of its own.
        let lines = request.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            // An empty Expect stops libcurl's 100-continue wait before larger bodies.
            + ["Expect:"]
        guard !lines.contains(where: { $0.contains("\r") || $0.contains("\n") }) else {
            return .failed(.badURL, "the request has a line break in a header")
        }
        for line in lines {
            guard let appended = xray_curl_slist_append(curl, headers, line) else { return .failed(nil, "libcurl could not hold the headers") }
            headers = appended
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let method = request.method.uppercased()
        headOnly = method == "HEAD"

        var problems = 0
        func check(_ code: Int32) { if code != XRAY_CURLE_OK { problems += 1 } }
        check(request.url.absoluteString.withCString { xray_curl_setopt_pointer(curl, handle, XRAY_CURLOPT_URL, $0) })
        check(xray_curl_setopt_long(curl, handle, XRAY_CURLOPT_PROTOCOLS, Int(XRAY_CURLPROTO_HTTP | XRAY_CURLPROTO_HTTPS)))
        check(xray_curl_setopt_long(curl, handle, XRAY_CURLOPT_FOLLOWLOCATION, 0))
        // No signals: libcurl runs on several threads here, and its resolver must not use alarm().
        check(xray_curl_setopt_long(curl, handle, XRAY_CURLOPT_NOSIGNAL, 1))
        let remaining = max(1, Int((deadline.timeIntervalSinceNow * 1000).rounded(.up)))
        check(xray_curl_setopt_long(curl, handle, XRAY_CURLOPT_TIMEOUT_MS, remaining))
        check(xray_curl_setopt_pointer(curl, handle, XRAY_CURLOPT_HTTPHEADER, headers))
        check(xray_curl_setopt_pointer(curl, handle, XRAY_CURLOPT_ERRORBUFFER, errorText))
        check(xray_curl_setopt_pointer(curl, handle, XRAY_CURLOPT_WRITEDATA, context))
        check(xray_curl_setopt_data_callback(curl, handle, XRAY_CURLOPT_WRITEFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue().received(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        check(xray_curl_setopt_pointer(curl, handle, XRAY_CURLOPT_HEADERDATA, context))
        check(xray_curl_setopt_data_callback(curl, handle, XRAY_CURLOPT_HEADERFUNCTION) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue().header(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        check(xray_curl_setopt_long(curl, handle, XRAY_CURLOPT_NOPROGRESS, 0))
        check(xray_curl_setopt_pointer(curl, handle, XRAY_CURLOPT_XFERINFODATA, context))
        check(xray_curl_setopt_progress_callback(curl, handle, XRAY_CURLOPT_XFERINFOFUNCTION) { context, _, _, _, _ in
            guard let context else { return 1 }
            // Non-zero ends the transfer: the caller has its answer (the deadline) already.
            return Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue().once.isFinished ? 1 : 0
        })
        switch method {
        case "GET":
            check(xray_curl_setopt_long(curl, handle, XRAY_CURLOPT_HTTPGET, 1))
        case "HEAD":
            check(xray_curl_setopt_long(curl, handle, XRAY_CURLOPT_NOBODY, 1))
        default:
            // The size first: COPYPOSTFIELDS copies that many bytes (the body may hold zeros).
            check(xray_curl_setopt_off_t(curl, handle, XRAY_CURLOPT_POSTFIELDSIZE_LARGE, Int64(request.body.count)))
            check(request.body.withUnsafeBytes { bytes in
                xray_curl_setopt_pointer(curl, handle, XRAY_CURLOPT_COPYPOSTFIELDS, bytes.baseAddress ?? UnsafeRawPointer(errorText))
            })
            if method != "POST" { check(method.withCString { xray_curl_setopt_pointer(curl, handle, XRAY_CURLOPT_CUSTOMREQUEST, $0) }) }
        }
        guard problems == 0 else { return .failed(nil, "this libcurl does not take the options doctor sets (it is older than 7.32)") }

        let code = xray_curl_easy_perform(curl, handle)
        if let refusal { return refusal }
        if code == XRAY_CURLE_OK {
            var status = 0
            _ = xray_curl_getinfo_long(curl, handle, XRAY_CURLINFO_RESPONSE_CODE, &status)
            return .response(status: status, body: body, location: location)
        }
        let detail = errorText[0] != 0 ? String(cString: errorText) : String(cString: xray_curl_easy_strerror(curl, code))
        return Self.failure(code, detail)
    }

    /// libcurl's error as doctor's outcome; the codes doctor's messages tell apart become URLError codes.
    package static func failure(_ code: Int32, _ detail: String) -> HTTP.Outcome {
        let kind: URLError.Code?
        switch code {
        case XRAY_CURLE_OPERATION_TIMEDOUT: return .timedOut
        case XRAY_CURLE_COULDNT_RESOLVE_HOST, XRAY_CURLE_COULDNT_RESOLVE_PROXY: kind = .cannotFindHost
        case XRAY_CURLE_COULDNT_CONNECT: kind = .cannotConnectToHost
        case XRAY_CURLE_UNSUPPORTED_PROTOCOL: kind = .unsupportedURL
        case XRAY_CURLE_URL_MALFORMAT: kind = .badURL
        case XRAY_CURLE_WEIRD_SERVER_REPLY, XRAY_CURLE_GOT_NOTHING: kind = .badServerResponse
        case XRAY_CURLE_PARTIAL_FILE, XRAY_CURLE_SEND_ERROR, XRAY_CURLE_RECV_ERROR: kind = .networkConnectionLost
        case XRAY_CURLE_SSL_CONNECT_ERROR: kind = .secureConnectionFailed
        case XRAY_CURLE_PEER_FAILED_VERIFICATION: kind = .serverCertificateUntrusted
        case XRAY_CURLE_FILESIZE_EXCEEDED: kind = .dataLengthExceedsMaximum
        default: kind = nil
        }
        return .failed(kind, detail)
    }

    /// A piece of the body; any count other than the piece's own stops the transfer.
    private func received(_ piece: UnsafeRawBufferPointer) -> Int {
        guard !once.isFinished else { return 0 }
        guard body.count + piece.count <= maxBody else {
            refusal = tooLarge
            return 0
        }
        body.append(contentsOf: piece)
        return piece.count
    }

    /// One header line of each answer libcurl reads (an interim 100, a proxy's CONNECT answer, then
    /// the real one): a status line starts a new answer.
    private func header(_ line: UnsafeRawBufferPointer) -> Int {
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("HTTP/") {
            location = nil
            return line.count
        }
        guard let colon = text.firstIndex(of: ":") else { return line.count }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if name == "location" { location = value }
        if name == "content-length", !headOnly, let length = Int(value), length > maxBody {
            refusal = .failed(.dataLengthExceedsMaximum, HTTP.announcedTooLarge(value, maxBody: maxBody))
            return 0
        }
        return line.count
    }
}
