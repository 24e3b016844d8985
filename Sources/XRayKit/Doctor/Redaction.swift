import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// Keeps credentials out of doctor's output: any text built from a server's answer could echo
/// the request's headers back (a proxy's error page, a misbehaving endpoint).
package enum Redaction {
    package static func redact(_ text: String, secrets: [String]) -> String {
        var text = text
        // Longest first, so a secret containing another is replaced whole.
        for secret in secrets.filter({ $0.count >= 8 }).sorted(by: { $0.count > $1.count }) where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return text
    }
}
