import Crypto
import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// AWS Signature Version 4 (the algorithm the AWS SDKs and CLI use), over swift-crypto's SHA-256 and HMAC.
public enum SigV4 {
    public struct Request: Sendable {
        public var method: String
        public var url: URL
        public var headers: [String: String]
        public var body: Data
    }

    package static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    package static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    package static func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
        SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
    }

    /// RFC 3986 unreserved characters stay; everything else is percent-encoded, as SigV4 requires.
    package static func encode(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Signs a request: adds `x-amz-date`, `x-amz-content-sha256`-free host signing, the session token
    /// when there is one, and `Authorization`.
    public static func sign(_ request: Request, credentials: AWSCredentials, region: String, service: String,
                            date: Date = Date()) -> Request {
        var signed = request
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let amzDate = formatter.string(from: date)
        let day = String(amzDate.prefix(8))

        var headers = request.headers.reduce(into: [String: String]()) { $0[$1.key.lowercased()] = $1.value.trimmingCharacters(in: .whitespaces) }
        let port = request.url.port.map { ":\($0)" } ?? ""
        headers["host"] = (request.url.host ?? "") + port
        headers["x-amz-date"] = amzDate
        // An empty token (AWS_SESSION_TOKEN set but blank, as CI systems leave it) is no token, as in
        // botocore; signed, it would go out blank, which libcurl drops: AWS would see a signature
        // over a header it never got.
        if let token = credentials.sessionToken, !token.isEmpty { headers["x-amz-security-token"] = token }

        let names = headers.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(headers[$0]!)\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        // URLComponents keeps a trailing slash (Lambda's `/2015-03-31/functions/`), which URL.path drops on Linux.
        let rawPath = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.path ?? request.url.path
        let path = rawPath.isEmpty ? "/" : rawPath.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }.joined(separator: "/")
        let query = (URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems ?? [])
            .map { (encode($0.name), encode($0.value ?? "")) }.sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let canonicalRequest = [request.method, path, query, canonicalHeaders, signedHeaders, sha256(request.body)].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(Data(canonicalRequest.utf8))].joined(separator: "\n")

        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] { key = hmac(key, part) }
        let signature = hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))

        headers["authorization"] = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        signed.headers = headers
        return signed
    }
}
