import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// The OTLP receivers an ADOT collector or CloudWatch agent opens beside X-Ray's 2000: an empty
/// `POST /v1/traces` on the HTTP port (a collector answers it), and a connection on the gRPC port
/// (anything but "refused" means something listens; doctor does not speak gRPC).
package enum OTLPProbe {
    package static let defaultPorts = (grpc: 4317, http: 4318)

    package static func notes(host: String, ports: (grpc: Int, http: Int) = defaultPorts, timeout: Double) async -> [String] {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        var notes: [String] = []
        if let url = URL(string: "http://\(bracketed):\(ports.http)/v1/traces") {
            let request = HTTPRequest(url: url, method: "POST", headers: ["Content-Type": "application/json"], body: Data("{}".utf8), timeout: timeout)
            let text: String
            switch await HTTP.send(request) {
            case .response(let status, _, _): text = "POST /v1/traces answered HTTP \(status)"
            case .timedOut: text = "no answer within \(timeout) s"
            case .failed(.cannotConnectToHost, _): text = refused
            case .failed(_, let reason): text = reason
            }
            notes.append("OTLP HTTP \(host):\(ports.http): \(text)")
        }
        if let url = URL(string: "http://\(bracketed):\(ports.grpc)/") {
            let request = HTTPRequest(url: url, method: "POST", timeout: timeout)
            // Only "refused" says nothing is there: a gRPC server answers HTTP/1.1 with an error or closes.
            let listens: Bool
            switch await HTTP.send(request) {
            case .failed(.cannotConnectToHost, _): listens = false
            case .response, .timedOut, .failed: listens = true
            }
            notes.append("OTLP gRPC \(host):\(ports.grpc): \(listens ? "accepts connections" : refused)")
        }
        return notes
    }

    package static let refused = "connection refused (no OTLP receiver there; the X-Ray daemon has none)"
}
