struct UntracedRESTStage: LintRule {
    static let description = RuleDescription(
        id: "XR405", name: "untraced-rest-stage", severity: .info,
        summary: "A REST API stage without `TracingEnabled` in front of traced functions.",
        rationale: "Without stage tracing the trace starts at the function, so API Gateway's latency and errors are not in it.",
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
                  Api:
                    Type: AWS::Serverless::Api
                    Properties: {StageName: prod, TracingEnabled: true}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, Handler: a.h, CodeUri: a/, Tracing: Active}

                """),
        ])

    func check(_ run: LintRun) -> [Finding] {
        let functionsByTemplate = Dictionary(grouping: run.functions, by: \.template.document.path)
        return run.templates.flatMap { template -> [Finding] in
            let traced = (functionsByTemplate[template.document.path] ?? []).contains(where: \.isActivelyTraced)
            guard traced else { return [] }
            let globalTracing = template.globals?["Api"]?["TracingEnabled"] != nil
            return template.resources(ofType: "AWS::ApiGateway::Stage", "AWS::Serverless::Api").compactMap { stage in
                guard stage.properties?["TracingEnabled"] == nil, !(stage.type == "AWS::Serverless::Api" && globalTracing) else { return nil }
                return finding(stage.node.keyNode("Type") ?? stage.node, "stage '\(stage.logicalID)' fronts traced functions but does not trace requests itself",
                               fix: "Add TracingEnabled: true")
            }
        }
    }
}
