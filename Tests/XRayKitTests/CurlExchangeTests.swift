import Foundation
import Testing
@testable import XRayKit

/// The https:// path (libcurl, opened on first use) keeps HTTP.swift's guarantees. It runs here
/// against plain loopback servers (transport .curl over http://); one test checks that an https://
/// URL really starts TLS.
@Suite struct CurlExchangeTests {
    func send(_ listener: LoopbackListener, method: String = "POST", headers: [String: String] = [:], body: String = "",
              timeout: Double = 3, maxBody: Int = HTTP.maxBody) async -> HTTP.Outcome {
        let request = HTTPRequest(url: URL(string: "http://127.0.0.1:\(listener.port)/GetSamplingRules?a=b")!, method: method,
                                  headers: headers, body: Data(body.utf8), timeout: timeout)
        return await HTTP.send(request, maxBody: maxBody, transport: .curl)
    }

    @Test func sendsTheRequestAsGivenAndReadsTheAnswer() async throws {
        let listener = try LoopbackListener(tcp: .answer)
        defer { listener.stop() }
        let outcome = await send(listener, headers: ["X-Amz-Target": "Test.Operation", "Content-Type": "application/json"], body: "{\"a\": 1}")
        guard case .response(let status, let body, let location) = outcome else {
            Issue.record("expected an answer, got \(outcome)")
            return
        }
        #expect(status == 200 && location == nil)
        #expect(String(decoding: body, as: UTF8.self) == "{\"SamplingRuleRecords\": []}\n")
        let request = try #require(listener.requests.first)
        #expect(request.hasPrefix("POST /GetSamplingRules?a=b HTTP/1.1\r\n"), "\(request)")
        #expect(request.contains("\r\nX-Amz-Target: Test.Operation\r\n") && request.contains("\r\nContent-Type: application/json\r\n"))
        #expect(request.contains("\r\nContent-Length: 8\r\n") && request.hasSuffix("\r\n\r\n{\"a\": 1}"))
        #expect(!request.lowercased().contains("expect: 100-continue"))
    }

    @Test(arguments: ["PUT", "GET"])
    func sendsOtherMethods(_ method: String) async throws {
        let listener = try LoopbackListener(tcp: .answer)
        defer { listener.stop() }
        guard case .response(200, _, _) = await send(listener, method: method, body: method == "PUT" ? "token" : "") else {
            Issue.record("no answer to \(method)")
            return
        }
        let request = try #require(listener.requests.first)
        #expect(request.hasPrefix("\(method) /GetSamplingRules?a=b HTTP/1.1\r\n"), "\(request)")
        #expect(method == "GET" || request.hasSuffix("\r\n\r\ntoken"))
    }

    /// The write callback stops the transfer at the cap; a Content-Length past it stops it before the body.
    @Test(arguments: [nil, 1_000_000_000_000])
    func anAnswerPastTheCapIsRefused(announcing: Int?) async throws {
        let listener = try LoopbackListener(tcp: .stream(chunk: 65_536, interval: 0, announcing: announcing))
        defer { listener.stop() }
        let outcome = await send(listener, timeout: 10, maxBody: 1024 * 1024)
        guard case .failed(let code, let reason) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(code == .dataLengthExceedsMaximum)
        #expect(reason.contains(announcing == nil ? "the answer is larger than 1 MB" : "the answer announces 1000000000000 bytes"), "\(reason)")
    }

    @Test func aServerThatNeverAnswersEndsAtTheDeadline() async throws {
        let listener = try LoopbackListener(tcp: .silent)
        defer { listener.stop() }
        let outcome = await send(listener, timeout: 1)
        guard case .timedOut = outcome else {
            Issue.record("expected the deadline, got \(outcome)")
            return
        }
    }

    @Test func aClosedPortIsRefused() async throws {
        let request = HTTPRequest(url: URL(string: "http://127.0.0.1:\(LoopbackListener.closedPort())/")!, timeout: 3)
        guard case .failed(.cannotConnectToHost, let reason) = await HTTP.send(request, transport: .curl) else {
            Issue.record("expected a refused connection")
            return
        }
        #expect(!reason.isEmpty)
    }

    /// https:// goes through libcurl's TLS: a server that answers in plain text fails the handshake.
    @Test func httpsStartsTLS() async throws {
        let listener = try LoopbackListener(tcp: .respond { _ in "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" })
        defer { listener.stop() }
        let request = HTTPRequest(url: URL(string: "https://127.0.0.1:\(listener.port)/")!, timeout: 5)
        let outcome = await HTTP.send(request)
        guard case .failed(.secureConnectionFailed, _) = outcome else {
            Issue.record("expected a failed TLS handshake, got \(outcome)")
            return
        }
    }

    /// Without libcurl, https:// calls fail with a message naming it; nothing crashes.
    @Test func aMissingLibcurlIsNamed() async throws {
        let missing = CurlLibrary.open(["libxrayctl-missing-curl.so.4"])
        let request = HTTPRequest(url: URL(string: "https://xray.us-east-1.amazonaws.com/")!, timeout: 3)
        guard case .failed(nil, let reason) = await HTTP.send(request, curl: missing) else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason.hasPrefix("https:// calls (doctor --aws, audit, --verify) need libxrayctl-missing-curl.so.4, which cannot be loaded (libxrayctl-missing-curl.so.4: cannot open shared object file"), "\(reason)")
        #expect(reason.hasSuffix("install libcurl (the libcurl4 package on Debian and Ubuntu, libcurl on Fedora and RHEL)"))
    }

    /// A library that loads but is not libcurl is named with the first function it lacks, and the
    /// next name is tried. (Not the system's libcurl as the next: a second curl_global_init beside
    /// other tests' calls is what opening it once avoids.)
    @Test func aLibraryWithoutCurlsFunctionsIsPassedOver() throws {
        guard case .failure(let notCurl) = CurlLibrary.open(["libc.so.6", "libxrayctl-missing-curl.so.4"]) else {
            Issue.record("libc was taken for libcurl")
            return
        }
        #expect(notCurl.reasons.count == 2)
        #expect(notCurl.reasons.first == "libc.so.6 has no curl_global_init")
        #expect(notCurl.reasons.last?.hasPrefix("libxrayctl-missing-curl.so.4: cannot open shared object file") == true)
    }
}
