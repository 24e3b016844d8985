import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UntracedRESTStage: LintRule {
    package static let description = RuleDescription(
        id: "XR405", name: "untraced-rest-stage", severity: .info, also: [.warning],
        summary: "A REST API stage without `TracingEnabled` in front of traced functions (info); a traced SAM function's `Api` event on the implicit API while `Globals.Api.TracingEnabled` is not set (warning).",
        rationale: "Without stage tracing the trace starts at the function, so API Gateway's latency and errors are not in it. An `Api` event without `RestApiId` makes SAM create the implicit API `ServerlessRestApi`, which no resource in the template shows: only `Globals.Api.TracingEnabled` can trace it, and people who set `Tracing: Active` on the function expect the API to be traced too, hence a warning there.",
        sources: [.xrayWithAPIGateway, .apiGatewayStageAPI, .issue("aws/aws-sam-cli", 3850)],
        examples: [
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    ↓Type: AWS::Serverless::Api
                    Properties: {StageName: prod}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, Handler: a.h, CodeUri: a/, Tracing: Active}

                """),
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: a.h
                      CodeUri: a/
                      Tracing: Active
                      Events:
                        Get:
                          Type: ↓Api
                          Properties: {Path: /, Method: get}

                """),
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Api: {TracingEnabled: true}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: a.h
                      CodeUri: a/
                      Tracing: Active
                      Events:
                        Get:
                          Type: Api
                          Properties: {Path: /, Method: get}

                """),
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties: {StageName: prod, TracingEnabled: true}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, Handler: a.h, CodeUri: a/, Tracing: Active}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let functionsByTemplate = Dictionary(grouping: run.functions, by: \.template.document.path)
        return run.templates.flatMap { template -> [Finding] in
            let traced = (functionsByTemplate[template.document.path] ?? []).contains(where: \.isActivelyTraced)
            guard traced else { return [] }
            let globalTracing = template.globals?["Api"]?["TracingEnabled"] != nil
            let stages = template.resources(ofType: "AWS::ApiGateway::Stage", "AWS::Serverless::Api").compactMap { stage -> Finding? in
                guard stage.properties?["TracingEnabled"] == nil, !(stage.type == "AWS::Serverless::Api" && globalTracing) else { return nil }
                return finding(stage.node.keyNode("Type") ?? stage.node, "stage '\(stage.logicalID)' fronts traced functions but does not trace requests itself",
                               fix: "Add TracingEnabled: true")
            }
            return stages + (globalTracing ? [] : implicitAPIEvents(functionsByTemplate[template.document.path] ?? []))
        }
    }

    /// `Api` events without `RestApiId` on actively traced SAM functions: they run on SAM's
    /// implicit `ServerlessRestApi`, which only `Globals.Api.TracingEnabled` traces.
    private func implicitAPIEvents(_ functions: [FunctionView]) -> [Finding] {
        functions.filter { $0.isSAM && $0.isActivelyTraced }.flatMap { function -> [Finding] in
            (function.resource.properties?["Events"]?.pairs ?? []).compactMap { name, event -> Finding? in
                guard let type = event["Type"], type.text == "Api", event["Properties"]?["RestApiId"] == nil else { return nil }
                return finding(type, "event '\(name.text ?? "")' of traced function '\(function.resource.logicalID)' runs on SAM's implicit API (ServerlessRestApi), which is not traced: the trace starts at the function",
                               fix: "Add Globals: {Api: {TracingEnabled: true}} (the implicit API takes its settings from Globals.Api)", severity: .warning)
            }
        }
    }
}
