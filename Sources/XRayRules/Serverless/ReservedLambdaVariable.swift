import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct ReservedLambdaVariable: LintRule {
    package static let description = RuleDescription(
        id: "XR406", name: "reserved-lambda-variable", severity: .error, also: [.warning],
        summary: "A function sets the reserved `_X_AMZN_TRACE_ID` (error: Lambda rejects it) or overrides `AWS_XRAY_DAEMON_ADDRESS` (warning: Lambda runs the daemon at its own address).",
        rationale: "Lambda sets both itself: _X_AMZN_TRACE_ID is reserved, and AWS_XRAY_DAEMON_ADDRESS points at the daemon Lambda runs for the invocation; an override usually sends segments nowhere.",
        sources: [.lambdaEnvironment, .lambdaXRay],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      Role: arn:aws:iam::123456789012:role/fn
                      Code: {ZipFile: "def handler(e, c): pass"}
                      Environment:
                        Variables:
                          ↓AWS_XRAY_DAEMON_ADDRESS: xray-daemon:2000

                """),
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      Role: arn:aws:iam::123456789012:role/fn
                      Code: {ZipFile: "def handler(e, c): pass"}
                      Environment:
                        Variables:
                          AWS_XRAY_CONTEXT_MISSING: LOG_ERROR

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let globals = run.templates.compactMap { $0.globals?["Function"]?["Environment"]?["Variables"] }
        return (run.functions.compactMap(\.environment) + globals).flatMap { variables -> [Finding] in
            var findings: [Finding] = []
            if let key = variables.keyNode("_X_AMZN_TRACE_ID") {
                findings.append(finding(key, "_X_AMZN_TRACE_ID is reserved by Lambda; setting it makes the function configuration invalid",
                                        fix: "Remove it"))
            }
            if let key = variables.keyNode("AWS_XRAY_DAEMON_ADDRESS") {
                findings.append(finding(key, "Lambda sets AWS_XRAY_DAEMON_ADDRESS to the daemon it runs; overriding it usually sends segments nowhere",
                                        fix: "Remove it", severity: .warning))
            }
            return findings
        }
    }
}
