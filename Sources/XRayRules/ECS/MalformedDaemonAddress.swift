import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct MalformedDaemonAddress: LintRule {
    package static let description = RuleDescription(
        id: "XR105", name: "malformed-daemon-address", severity: .error,
        summary: "`AWS_XRAY_DAEMON_ADDRESS` is malformed: a scheme, a missing port, more than two parts, or a bad `tcp:`/`udp:` form.",
        rationale: "The SDKs accept only `host:port` or `tcp:host:port udp:host:port`; Node throws 'Invalid Daemon Address', Python raises InvalidDaemonAddressException and Go panics at startup.",
        sources: [.pythonSDKConfiguration, .pythonSDKDaemonConfig, .issue("aws/aws-xray-sdk-node", 258), .issue("aws-samples/aws-xray-kubernetes", 6)],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": ↓"http://127.0.0.1:2000"}]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": ↓"tcp:127.0.0.1:2000 tcp:127.0.0.1:2001"}]}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "networkMode": "awsvpc", "containerDefinitions": [
                  {"name": "api", "image": "api:1", "environment": [{"name": "AWS_XRAY_DAEMON_ADDRESS", "value": "tcp:127.0.0.1:2000 udp:127.0.0.1:2001"}]}]}

                """),
        ])

    package static func explain(_ problem: DaemonAddress.Problem) -> String {
        switch problem {
        case .scheme: return "has a scheme (the SDKs take host:port)"
        case .missingPort: return "has no port"
        case .badPort(let port): return "has an invalid port '\(port)'"
        case .tooManyParts: return "has too many parts"
        case .badPrefixedForm: return "needs exactly one tcp:host:port and one udp:host:port when it has two parts"
        }
    }

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.flatMap { task in
            task.daemonAddresses.compactMap { _, value, text in
                guard case .failure(let problem) = DaemonAddress.parse(text) else { return nil }
                return finding(value, "AWS_XRAY_DAEMON_ADDRESS '\(text)' \(Self.explain(problem)); the SDK will refuse it",
                               fix: "Use host:port (such as 127.0.0.1:2000), or 'tcp:host:port udp:host:port'")
            }
        }
    }
}
