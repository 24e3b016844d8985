import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TracingOnHTTPAPI: LintRule {
    package static let description = RuleDescription(
        id: "XR404", name: "tracing-on-http-api", severity: .error,
        summary: "Tracing requested on an HTTP API (`AWS::ApiGatewayV2::*`, `AWS::Serverless::HttpApi`).",
        rationale: "'X-Ray only supports tracing for REST APIs': HTTP APIs have no tracing setting, so the property is rejected or does nothing.",
        sources: [.lambdaXRay, .xrayWithAPIGateway, .apiGatewayStageAPI, .issue("aws/aws-cdk", 25467)],
        examples: [
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      ↓TracingEnabled: true

                """),
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      TracingEnabled: true

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        var findings: [Finding] = []
        for template in run.templates {
            for resource in template.resources where resource.type == "AWS::Serverless::HttpApi" || resource.type.hasPrefix("AWS::ApiGatewayV2::") {
                if let key = resource.properties?.keyNode("TracingEnabled") {
                    findings.append(finding(key, "\(resource.type) '\(resource.logicalID)' cannot be traced: X-Ray supports REST APIs only",
                                            fix: "Remove TracingEnabled, or use a REST API (AWS::Serverless::Api / AWS::ApiGateway::RestApi)"))
                }
            }
            if let key = template.globals?["HttpApi"]?.keyNode("TracingEnabled") {
                findings.append(finding(key, "Globals.HttpApi.TracingEnabled has no effect: X-Ray supports REST APIs only"))
            }
        }
        return findings
    }
}
