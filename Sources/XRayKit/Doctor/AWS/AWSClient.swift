import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// A minimal AWS API client for doctor: signs with SigV4 and speaks the two protocols it needs,
/// `query` (STS, IAM: form-encoded requests, XML answers) and `rest-json` (X-Ray).
public struct AWSClient: Sendable {
    public var credentials: AWSCredentials
    public var region: String
    /// One endpoint for every service (an emulator in tests), or nil for AWS's own.
    public var endpointOverride: URL?
    public var timeout: Double
    /// Endpoints for single services by signing name (`xray`, `logs`), before `endpointOverride`:
    /// the AWS SDKs' `AWS_ENDPOINT_URL_<SERVICE>` (audit sends X-Ray to a stub and the rest to moto).
    public var serviceEndpoints: [String: URL] = [:]

    public struct Response: Sendable {
        public var status: Int
        public var body: Data
        public var text: String { String(decoding: body, as: UTF8.self) }
        public var ok: Bool { (200..<300).contains(status) }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var code: String
        public var message: String
        public var description: String { message.isEmpty ? code : "\(code): \(message)" }
    }

    /// IAM is global (signed for us-east-1); the rest are regional, `.amazonaws.com.cn` in China.
    /// nil when the region cannot be part of a host name.
    package func endpoint(_ service: String) -> (url: URL, signingRegion: String)? {
        if let override = serviceEndpoints[service] ?? endpointOverride { return (override, service == "iam" ? "us-east-1" : region) }
        guard Region.isWellFormed(region) else { return nil }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        let host = service == "iam" ? (region.hasPrefix("cn-") ? "iam.\(region).\(suffix)" : "iam.\(suffix)") : "\(service).\(region).\(suffix)"
        guard let url = URL(string: "https://\(host)"), url.host == host else { return nil }
        return (url, service == "iam" && !region.hasPrefix("cn-") ? "us-east-1" : region)
    }

    package func send(service: String, method: String = "POST", path: String, contentType: String, body: Data,
              headers extra: [String: String] = [:]) async throws(Failure) -> Response {
        guard let (base, signingRegion) = endpoint(service) else {
            throw Failure(code: "BadRegion", message: "'\(region)' is not an AWS region code")
        }
        guard let url = URL(string: path, relativeTo: base)?.absoluteURL else { throw Failure(code: "BadEndpoint", message: "\(base)\(path)") }
        // No Content-Type without a body (a GET, as the AWS SDKs send it): some servers drop the header, which breaks the signature.
        let headers = contentType.isEmpty ? extra : extra.merging(["Content-Type": contentType]) { _, new in new }
        let signed = SigV4.sign(.init(method: method, url: url, headers: headers, body: body),
                                credentials: credentials, region: signingRegion, service: service)
        let request = HTTPRequest(url: url, method: method, headers: signed.headers.filter { $0.key != "host" }, body: body, timeout: timeout)
        switch await HTTP.send(request) {
        case .response(let status, _, let location) where (300..<400).contains(status):
            // Following would send this signed request (and any session token) to the host the
            // answer names; AWS endpoints answer API calls directly.
            throw Failure(code: "Redirected", message: "\(url.host ?? "") answered HTTP \(status)\(location.map { " pointing to \($0)" } ?? ""); doctor does not follow redirects with signed requests: give --endpoint-url (or the proxy) the address that answers itself")
        case .response(let status, let body, _): return Response(status: status, body: body)
        case .timedOut: throw Failure(code: "Timeout", message: "\(url.host ?? "") did not answer within \(timeout) s")
        case .failed(_, let reason): throw Failure(code: "ConnectionFailed", message: "\(url.host ?? ""): \(reason)")
        }
    }

    /// A query-protocol call (`Action=…&Version=…`); returns the XML answer or throws its error.
    public func query(_ service: String, action: String, version: String, parameters: [(String, String)] = []) async throws(Failure) -> XMLValues {
        let form = ([("Action", action), ("Version", version)] + parameters)
            .map { "\(SigV4.encode($0.0))=\(SigV4.encode($0.1))" }.joined(separator: "&")
        _ = try LibXML.required()
        let response = try await send(service: service, path: "/", contentType: "application/x-www-form-urlencoded; charset=utf-8", body: Data(form.utf8))
        let values = XMLValues(response.body)
        guard response.ok else { throw Self.failure(response) }
        return values
    }

    /// A rest-json call to X-Ray; returns the parsed answer or throws its error.
    public func xray(_ path: String, body: String) async throws(Failure) -> LocatedNode? {
        let response = try await send(service: "xray", path: path, contentType: "application/json", body: Data(body.utf8))
        guard response.ok else { throw Self.failure(response) }
        // X-Ray answers with a JSON object; anything else (an HTML page, YAML, junk) is not an answer.
        guard let node = JSONAnswer.object(response.body, file: "xray\(path)") else {
            throw Failure(code: "UnreadableAnswer", message: "HTTP \(response.status) with a body that is not X-Ray's JSON (\(response.body.count) bytes)")
        }
        return node
    }

    /// A JSON 1.1 call (CloudWatch Logs: `X-Amz-Target: Logs_20140328.Operation`); the parsed answer.
    public func json(_ service: String, target: String, body: String = "{}") async throws(Failure) -> LocatedNode? {
        let response = try await send(service: service, path: "/", contentType: "application/x-amz-json-1.1", body: Data(body.utf8),
                                      headers: ["X-Amz-Target": target])
        guard response.ok else { throw Self.failure(response) }
        guard let node = JSONAnswer.object(response.body, file: "\(service):\(target)") else {
            throw Failure(code: "UnreadableAnswer", message: "HTTP \(response.status) with a body that is not JSON (\(response.body.count) bytes)")
        }
        return node
    }

    /// An error answer's code and message: JSON (`__type`, `message`), XML (`Code`, `Message`),
    /// or just the HTTP status when the body is neither (an HTML page from a proxy, say).
    package static func failure(_ response: Response) -> Failure {
        let status = "HTTP \(response.status)"
        if response.text.hasPrefix("<") {
            let values = XMLValues(response.body)
            if let code = values.first("Code") { return Failure(code: code, message: values.first("Message") ?? "") }
            return Failure(code: status, message: "")
        }
        let node = JSONAnswer.object(response.body, file: "error")
        let type = node?["__type"]?.text ?? node?["code"]?.text ?? status
        let message = node?["message"]?.text ?? node?["Message"]?.text ?? ""
        return Failure(code: type.split(separator: "#").last.map(String.init) ?? type, message: message)
    }
}

/// The text of each element of an XML answer, by element name, in document order.
public struct XMLValues: Sendable {
    public private(set) var values: [(name: String, text: String)] = []

    /// Empty when libxml2 cannot be loaded: callers check `LibXML.required()` first.
    package init(_ data: Data) {
        var open: [(name: String, text: String)] = []
        for event in (try? LibXML.system.get())?.events(data) ?? [] {
            switch event {
            case .start(let name): open.append((name, ""))
            case .text(let text): if !open.isEmpty { open[open.count - 1].text += text }
            case .end:
                guard let (element, text) = open.popLast() else { continue }
                values.append((element, text.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
    }

    public func first(_ name: String) -> String? { values.first { $0.name == name }?.text }
    public func all(_ name: String) -> [String] { values.filter { $0.name == name }.map(\.text) }
}
