import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct XRayEndOfSupport: LintRule {
    package static let description = RuleDescription(
        id: "XR805", name: "xray-end-of-support", severity: .info, also: [.warning],
        summary: "The X-Ray daemon image (or an X-Ray SDK) is in use: in maintenance mode since 2026-02-25, end of support on 2027-02-25 (a warning from that day).",
        rationale: "AWS recommends the ADOT collector or the CloudWatch agent; both receive the same X-Ray segments on 2000/udp and serve sampling on 2000/tcp, so applications need no change. Migrate with `xrayctl instrument --agent adot`, or `agent.kind: adot` in xray.yaml.",
        sources: [.endOfSupport, .migration],
        examples: [
            RuleExample("taskdef.json", "{\"family\": \"api\", \"containerDefinitions\": [{\"name\": \"xray-daemon\", \"image\": ↓\"public.ecr.aws/xray/aws-xray-daemon:3.6.6\", \"memoryReservation\": 256}]}\n"),
            RuleExample("taskdef.json", "{\"family\": \"api\", \"containerDefinitions\": [{\"name\": \"collector\", \"image\": \"public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0\", \"memoryReservation\": 256}]}\n"),
        ])

    /// 2027-02-25T00:00:00Z.
    package static let endOfSupport = Date(timeIntervalSince1970: 1_803_513_600)

    /// The doctor's project scan reports SDK dependencies the same way.
    package static func sdkFinding(at location: SourceLocation, language: String, today: Date) -> Finding {
        let ended = today >= endOfSupport
        return finding(at: location,
                       "the X-Ray SDK for \(language) \(ended ? "reached end of support on 2027-02-25" : "is in maintenance mode and reaches end of support on 2027-02-25")",
                       fix: "Migrate to OpenTelemetry with the AWS Distro for OpenTelemetry (ADOT); the collector also accepts X-Ray SDK segments meanwhile",
                       severity: ended ? .warning : .info)
    }

    package func check(_ run: LintRun) -> [Finding] {
        let ended = run.today >= Self.endOfSupport
        return run.taskDefinitions.flatMap(\.agents).filter { $0.agentKind == .xrayDaemon }.compactMap { agent in
            guard let image = agent.node.field("image") else { return nil }
            let phase = ended ? "reached end of support on 2027-02-25" : "is in maintenance mode and reaches end of support on 2027-02-25"
            return finding(image, "the X-Ray daemon \(phase)",
                           fix: "Migrate to the ADOT collector sending OTLP to X-Ray: xrayctl instrument FILE --agent adot --export otlp --region REGION, with Transaction Search on (in xray.yaml: agent.kind: adot and traces: {export: otlp, transaction_search: {}})",
                           severity: ended ? .warning : .info)
        }
    }
}
