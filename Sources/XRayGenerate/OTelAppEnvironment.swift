import XRayCore
import XRaySampling

/// What an app on the OpenTelemetry path (agent kinds `adot` and `cloudwatch-agent`) gets besides its
/// exporter endpoint: a sampler that follows the account's X-Ray sampling rules, or the model's rate
/// where the app's SDK has no X-Ray sampler, and the X-Ray propagator. Without a sampler an OTel SDK
/// records every span (its default is `parentbased_always_on`), and with Transaction Search every span is billed.
package struct OTelAppEnvironment {
    package enum Sampler: Equatable {
        /// X-Ray remote sampling through the agent's sampling proxy (`http://HOST:2000`).
        case xrayRemote(endpoint: String)
        /// The model's default rate, following the caller's decision when there is one.
        case ratio(Double)

        /// `OTEL_TRACES_SAMPLER` and `OTEL_TRACES_SAMPLER_ARG`, as AWS gives them for the ADOT SDKs
        /// (CloudWatch User Guide, "Trace sampling rate": `xray` with `endpoint=http://…:2000`, or
        /// `parentbased_traceidratio` with the ratio).
        package var variables: [(name: String, value: String)] {
            switch self {
            case .xrayRemote(let endpoint): return [("OTEL_TRACES_SAMPLER", "xray"), ("OTEL_TRACES_SAMPLER_ARG", "endpoint=\(endpoint)")]
            case .ratio(let rate): return [("OTEL_TRACES_SAMPLER", "parentbased_traceidratio"), ("OTEL_TRACES_SAMPLER_ARG", "\(rate)")]
            }
        }

        /// In the README's words.
        package var words: String {
            switch self {
            case .xrayRemote(let endpoint):
                return "X-Ray remote sampling (`OTEL_TRACES_SAMPLER=xray`, rules from the agent's sampling proxy at `\(endpoint)`)"
            case .ratio(let rate):
                return "a parent-based ratio sampler at the model's default rate (`OTEL_TRACES_SAMPLER=parentbased_traceidratio`, \(rate)), as its `language` is not one whose ADOT SDK has X-Ray's remote sampler (java, python, node, dotnet): the sampling rules and their reservoirs do not apply to it"
            }
        }
    }

    /// Set on every app on the OpenTelemetry path. X-Ray SDK apps and AWS services in front of an app
    /// (API Gateway, ALB, Lambda) pass the trace along in `X-Amzn-Trace-Id` only, and xrayctl cannot
    /// tell which callers do: with the `xray` propagator an OTel app continues their traces and
    /// tells X-Ray SDK apps it calls about its own, where W3C `traceparent` alone would split each trace in
    /// two. The propagator only adds a header, so it stays on even once every service speaks OTel.
    /// (The value AWS's Application Signals setups use; aws-cdk applicationsignals constants.ts.)
    package static let propagators = "tracecontext,baggage,xray"

    /// The sampler a service gets: X-Ray remote sampling where its language's ADOT SDK has the X-Ray
    /// sampler, else a parent-based ratio at the model's default rate (X-Ray's Default rule's 5% without one).
    package static func sampler(language: String?, agentHost: String, model: XRayModel) -> Sampler {
        if ADOTInstrumentation.hasXRayRemoteSampler(language) {
            return .xrayRemote(endpoint: "http://\(agentHost):\(ModelReader.agentPort)")
        }
        return .ratio(model.sampling?.defaultRate ?? 0.05)
    }

    /// The sampler and propagator variables, never replacing what the model's own environment sets.
    package static func variables(_ sampler: Sampler, keeping existing: [String: String]) -> [(name: String, value: String)] {
        (sampler.variables + [("OTEL_PROPAGATORS", propagators)]).filter { existing[$0.name] == nil }
    }

    /// The README's line for a service.
    package static func note(service: String, _ sampler: Sampler) -> String {
        "`\(service)` (OpenTelemetry) samples with \(sampler.words), and propagates `\(propagators)` so traces continue across X-Ray SDK services and AWS services that pass `X-Amzn-Trace-Id`."
    }
}
