import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidTracingMode: LintRule {
    package static let description = RuleDescription(
        id: "XR401", name: "invalid-tracing-mode", severity: .error,
        summary: "`TracingConfig.Mode` / SAM `Tracing` is not exactly `Active` or `PassThrough`.",
        rationale: "Lambda accepts only Active and PassThrough (case-sensitive); CloudFormation fails the deployment on anything else.",
        sources: [.lambdaTracingConfigAPI, .samFunctionTracing, .lambdaXRay],
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
                      TracingConfig:
                        Mode: ↓active

                """),
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Tracing: Active
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      CodeUri: src/

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        templates(run) + serverlessFramework(run)
    }

    /// Serverless Framework: provider.tracing.lambda and a function's tracing take true, false,
    /// Active or PassThrough (its documentation, "AWS - Functions", tracing).
    package func serverlessFramework(_ run: LintRun) -> [Finding] {
        run.documents.filter { $0.kind == .serverlessFramework }.flatMap { document -> [Finding] in
            guard let root = document.root else { return [] }
            let settings = [root["provider"]?["tracing"]?["lambda"]] + (root["functions"]?.pairs ?? []).map { $0.value["tracing"] }
            return settings.compactMap { $0 }.compactMap { node in
                guard let text = node.text, !text.hasPrefix("${"), !TracingAsEnvironmentVariable.validTracing.contains(text) else { return nil }
                return finding(node, "tracing '\(text)' is not true, false, Active or PassThrough (case-sensitive)",
                               fix: "Use \(["Active", "PassThrough"].first { $0.lowercased() == text.lowercased() } ?? "true")")
            }
        }
    }

    package func templates(_ run: LintRun) -> [Finding] {
        var seen = Set<String>()
        return run.functions.compactMap { function in
            // SAM's Tracing also takes Disabled (aws-sam-translator's function schema: Active,
            // PassThrough, Disabled); TracingConfig.Mode takes Active and PassThrough only.
            let valid = function.isSAM ? ["Active", "PassThrough", "Disabled"] : ["Active", "PassThrough"]
            guard let tracing = function.tracing, !tracing.node.isIntrinsic, seen.insert(tracing.node.location.description).inserted,
                  !valid.contains(tracing.mode ?? "") else { return nil }
            let suggestion = valid.first { $0.lowercased() == tracing.mode?.lowercased() }
            return finding(tracing.node, "tracing mode \(tracing.mode.map { "'\($0)'" } ?? tracing.node.typeName) is not \(valid.joined(separator: " or ")) (case-sensitive)",
                           fix: "Use \(suggestion ?? "Active")")
        }
    }
}
