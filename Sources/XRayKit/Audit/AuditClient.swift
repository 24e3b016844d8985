import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// The read calls `xrayctl audit` makes, over doctor's signed client (its SigV4, its bounded HTTP
/// with the per-call deadline, its refusal to follow redirects): the protocols of ECS and
/// Organizations (JSON 1.1), Lambda and API Gateway (rest-json GET), X-Ray (rest-json POST) and
/// IAM and STS (query), each retried with jittered backoff while AWS throttles.
package struct AuditClient: Sendable {
    package var client: AWSClient
    /// Attempts after the first for a throttled call.
    package var retries = 5
    /// Counts throttled answers, for the progress line (shared by the copies of one run).
    package var throttled: ThrottleCounter?

    package init(client: AWSClient, throttled: ThrottleCounter? = nil) {
        self.client = client
        self.throttled = throttled
    }

    package var region: String { client.region }

    /// Codes AWS answers when a caller goes over a rate (each service names it its own way).
    package static let throttlingCodes: Set<String> = [
        "ThrottlingException", "Throttling", "ThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
        "RequestThrottled", "RequestThrottledException", "SlowDown", "HTTP 429", "HTTP 503",
    ]

    /// Runs `call`, again after a pause while the answer is throttling: full jitter over an
    /// exponential ceiling (0.2 s doubling, at most 5 s), the backoff AWS's SDKs use.
    package func retrying<T>(_ call: () async throws(AWSClient.Failure) -> T) async throws(AWSClient.Failure) -> T {
        var attempt = 0
        while true {
            do {
                return try await call()
            } catch where Self.throttlingCodes.contains(error.code) && attempt < retries {
                throttled?.add()
                let ceiling = min(5.0, 0.2 * pow(2.0, Double(attempt)))
                try? await Task.sleep(nanoseconds: UInt64(Double.random(in: 0...ceiling) * 1_000_000_000))
                attempt += 1
            }
        }
    }

    /// A JSON 1.1 call (`X-Amz-Target: Prefix.Operation`); the answer as Foundation values.
    package func json(_ service: String, target: String, _ body: [String: Any] = [:]) async throws(AWSClient.Failure) -> [String: Any] {
        let text = Self.text(body)
        return try await retrying { () async throws(AWSClient.Failure) -> [String: Any] in
            let response = try await client.send(service: service, path: "/", contentType: "application/x-amz-json-1.1",
                                                 body: Data(text.utf8), headers: ["X-Amz-Target": target])
            return try Self.object(response)
        }
    }

    /// A rest-json call: GET with the query in `path`, or POST with a JSON body (X-Ray).
    package func rest(_ service: String, _ path: String, post body: [String: Any]? = nil) async throws(AWSClient.Failure) -> [String: Any] {
        let data = body.map { Data(Self.text($0).utf8) } ?? Data()
        return try await retrying { () async throws(AWSClient.Failure) -> [String: Any] in
            let response = try await client.send(service: service, method: body == nil ? "GET" : "POST", path: path,
                                                 contentType: body == nil ? "" : "application/json", body: data)
            return try Self.object(response)
        }
    }

    /// A query-protocol call whose answer keeps its structure (IAM's authorization details).
    package func query(_ service: String, action: String, version: String, _ parameters: [(String, String)] = []) async throws(AWSClient.Failure) -> XMLTree {
        let form = ([("Action", action), ("Version", version)] + parameters)
            .map { "\(SigV4.encode($0.0))=\(SigV4.encode($0.1))" }.joined(separator: "&")
        _ = try LibXML.required()
        return try await retrying { () async throws(AWSClient.Failure) -> XMLTree in
            let response = try await client.send(service: service, path: "/", contentType: "application/x-www-form-urlencoded; charset=utf-8",
                                                 body: Data(form.utf8))
            guard response.ok else { throw AWSClient.failure(response) }
            return XMLTree(response.body)
        }
    }

    private static func object(_ response: AWSClient.Response) throws(AWSClient.Failure) -> [String: Any] {
        guard response.ok else { throw AWSClient.failure(response) }
        // Only a strict JSON object is an answer (doctor's rule for every answer it reads).
        guard JSONAnswer.isObject(response.body), let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw AWSClient.Failure(code: "UnreadableAnswer", message: "HTTP \(response.status) with a body that is not a JSON object (\(response.body.count) bytes)")
        }
        return object
    }

    private static func text(_ body: [String: Any]) -> String {
        (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Every page of a paged call: `next` reads the token from an answer, `ask` makes the call with it.
    package static func pages(limit: Int = 1000, _ ask: (String?) async throws(AWSClient.Failure) -> [String: Any],
                              next: ([String: Any]) -> String?) async throws(AWSClient.Failure) -> [[String: Any]] {
        var answers: [[String: Any]] = []
        var token: String?
        repeat {
            let answer = try await ask(token)
            answers.append(answer)
            token = next(answer).flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil && answers.count < limit
        return answers
    }
}

/// How many answers were throttled in a run (retried, reported with the progress).
package final class ThrottleCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    package init() {}
    package func add() { lock.withLock { value += 1 } }
    package var count: Int { lock.withLock { value } }
}

extension AWSClient.Failure {
    /// The caller may not make the call, or its credentials are not valid where it made it (an
    /// opt-in region that is not enabled answers with an unrecognised token).
    package var isNotPermitted: Bool {
        isAccessDenied || ["UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure", "OptInRequired",
                           "AccessDeniedException", "UnauthorizedException", "ExpiredToken", "ExpiredTokenException"].contains(code)
    }
}
