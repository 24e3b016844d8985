import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

/// Component types a collector configuration may name that the ADOT collector does not have: the
/// ones ADOT removed, with the release that removed them (its release notes, `docs/releases/` in
/// aws-observability/aws-otel-collector), and AWS-sounding names no ADOT release ever shipped —
/// guesses, and the Go package names ADOT's README lists its components by — with the type meant
/// (ADOT's README component table, `pkg/defaultcomponents/defaults.go`). None of the guessed names
/// is a component of that section in opentelemetry-collector-contrib either, so no public
/// distribution loads them. The one table XR516 reads.
package enum ADOTComponents {
    package enum Status {
        /// Removed in that ADOT release; use the replacement.
        case removed(release: (major: Int, minor: Int), replacement: String)
        /// No ADOT release had it; the type meant.
        case neverShipped(meant: String)
    }

    package struct Entry {
        package let section: String
        package let type: String
        package let status: Status
    }

    package static let table: [Entry] = [
        Entry(section: "exporters", type: "logging", status: .removed(release: (0, 42), replacement: "the debug exporter")),
        Entry(section: "extensions", type: "memory_ballast", status: .removed(release: (0, 42), replacement: "the GOMEMLIMIT environment variable")),
        Entry(section: "exporters", type: "dynatrace", status: .removed(release: (0, 37), replacement: "the otlphttp exporter to Dynatrace's OTLP endpoint")),
        Entry(section: "exporters", type: "awsprometheusremotewrite",
              status: .removed(release: (0, 21), replacement: "the prometheusremotewrite exporter with the sigv4auth extension")),
        Entry(section: "exporters", type: "xray", status: .neverShipped(meant: "awsxray")),
        Entry(section: "exporters", type: "awsxrayexporter", status: .neverShipped(meant: "awsxray")),
        Entry(section: "exporters", type: "cloudwatch", status: .neverShipped(meant: "awsemf (metrics) or awscloudwatchlogs (logs)")),
        Entry(section: "exporters", type: "cloudwatchlogs", status: .neverShipped(meant: "awscloudwatchlogs")),
        Entry(section: "exporters", type: "awscloudwatchlogsexporter", status: .neverShipped(meant: "awscloudwatchlogs")),
        Entry(section: "exporters", type: "emf", status: .neverShipped(meant: "awsemf")),
        Entry(section: "exporters", type: "awsemfexporter", status: .neverShipped(meant: "awsemf")),
        Entry(section: "receivers", type: "xray", status: .neverShipped(meant: "awsxray")),
        Entry(section: "receivers", type: "awsxrayreceiver", status: .neverShipped(meant: "awsxray")),
        Entry(section: "extensions", type: "sigv4", status: .neverShipped(meant: "sigv4auth")),
        Entry(section: "extensions", type: "sigv4authextension", status: .neverShipped(meant: "sigv4auth")),
        Entry(section: "extensions", type: "awsproxyextension", status: .neverShipped(meant: "awsproxy")),
    ]
}
