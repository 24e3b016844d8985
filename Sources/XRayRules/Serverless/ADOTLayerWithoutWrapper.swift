import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct ADOTLayerWithoutWrapper: LintRule {
    package static let description = RuleDescription(
        id: "XR409", name: "adot-layer-without-wrapper", severity: .error, also: [.warning],
        summary: "A function with an AWS OpenTelemetry Lambda layer has no `AWS_LAMBDA_EXEC_WRAPPER`, or the wrapper of another layer family.",
        rationale: "The ADOT layers instrument a function only when Lambda starts it through the layer's wrapper script: without AWS_LAMBDA_EXEC_WRAPPER the layer is loaded and does nothing. The AWS OpenTelemetry distro layers (AWSOpenTelemetryDistro…) use /opt/otel-instrument; older and community layers may use /opt/otel-handler, so for those only a missing wrapper is reported (as a warning).",
        sources: [.adotLambda, .lambdaEnvironment],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    ↓Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      Role: arn:aws:iam::123456789012:role/fn
                      Code: {ZipFile: "def handler(e, c): return 1"}
                      TracingConfig: {Mode: Active}
                      Layers:
                        - arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:10

                """),
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      Role: arn:aws:iam::123456789012:role/fn
                      Code: {ZipFile: "def handler(e, c): return 1"}
                      TracingConfig: {Mode: Active}
                      Layers:
                        - arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:10
                      Environment:
                        Variables:
                          AWS_LAMBDA_EXEC_WRAPPER: ↓/opt/otel-handler

                """),
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      Role: arn:aws:iam::123456789012:role/fn
                      Code: {ZipFile: "def handler(e, c): return 1"}
                      TracingConfig: {Mode: Active}
                      Layers:
                        - arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:10
                      Environment:
                        Variables:
                          AWS_LAMBDA_EXEC_WRAPPER: /opt/otel-instrument

                """),
        ])

    package static let distroWrapper = "/opt/otel-instrument"

    package func check(_ run: LintRun) -> [Finding] {
        run.functions.compactMap { function -> Finding? in
            let layers = (function.resource.properties?["Layers"]?.items ?? []).compactMap(\.literalText)
            let distro = layers.contains { $0.containsBytes(":layer:AWSOpenTelemetryDistro") }
            let otherOTel = layers.contains { $0.containsBytes(":layer:aws-otel-") || $0.containsBytes(":layer:opentelemetry-") }
            guard distro || otherOTel else { return nil }
            guard let wrapper = function.environment?["AWS_LAMBDA_EXEC_WRAPPER"] else {
                // Set in SAM's Globals, the function has it too.
                if function.template.globals?["Function"]?["Environment"]?["Variables"]?["AWS_LAMBDA_EXEC_WRAPPER"] != nil { return nil }
                return finding(function.anchor, "function \(function.resource.logicalID) has an OpenTelemetry layer but no AWS_LAMBDA_EXEC_WRAPPER: the layer does not instrument it",
                               fix: "Set Environment.Variables.AWS_LAMBDA_EXEC_WRAPPER: \(distro ? Self.distroWrapper : "the wrapper the layer documents (/opt/otel-instrument or /opt/otel-handler)")",
                               severity: distro ? .error : .warning)
            }
            guard distro, let text = wrapper.text, !wrapper.isIntrinsic, text != Self.distroWrapper else { return nil }
            return finding(wrapper, "AWS_LAMBDA_EXEC_WRAPPER is \(text), but the AWS OpenTelemetry distro layer's wrapper is \(Self.distroWrapper): the function starts uninstrumented",
                           fix: "Set AWS_LAMBDA_EXEC_WRAPPER: \(Self.distroWrapper)")
        }
    }
}
