import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct UntracedFunction: LintRule {
    package static let description = RuleDescription(
        id: "XR403", name: "untraced-function", severity: .info,
        summary: "A function runs without active tracing in a template where other resources are traced.",
        rationale: "A trace stops at the first untraced function: its work and everything it calls go missing from the service map.",
        sources: [.lambdaXRay, .lambdaTracingConfigAPI],
        examples: [
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Traced:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, Handler: a.h, CodeUri: a/, Tracing: Active}
                  Plain:
                    ↓Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, Handler: b.h, CodeUri: b/}

                """),
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Plain:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, Handler: b.h, CodeUri: b/}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let functionsByTemplate = Dictionary(grouping: run.functions, by: \.template.document.path)
        return run.templates.flatMap { template -> [Finding] in
            let functions = functionsByTemplate[template.document.path] ?? []
            let tracedStages = template.resources(ofType: "AWS::ApiGateway::Stage", "AWS::Serverless::Api")
                .contains { $0.properties?["TracingEnabled"]?.text == "true" }
            guard functions.contains(where: \.isActivelyTraced) || tracedStages else { return [] }
            let offPath = Self.functionsNoRequestPassesThrough(template)
            return functions.filter { $0.tracing == nil && !offPath.contains($0.resource.logicalID) }.map { function in
                finding(function.anchor, "function '\(function.resource.logicalID)' is not traced while others in this template are, so traces stop here",
                        fix: function.isSAM ? "Add Tracing: Active" : "Add TracingConfig: {Mode: Active}")
            }
        }
    }

    /// Functions that run beside the request path, not on it, so an untraced one breaks no trace:
    /// CodeDeploy lifecycle hooks (`DeploymentPreference.Hooks`) and custom-resource handlers
    /// (the `ServiceToken` of `Custom::*` and `AWS::CloudFormation::CustomResource`).
    package static func functionsNoRequestPassesThrough(_ template: TemplateView) -> Set<String> {
        var ids = Set<String>()
        for resource in template.resources {
            if let hooks = resource.properties?["DeploymentPreference"]?["Hooks"]?.pairs {
                for (_, hook) in hooks { ids.formUnion(hook.referencedLogicalIDs) }
            }
            if resource.type.hasPrefix("Custom::") || resource.type == "AWS::CloudFormation::CustomResource",
               let token = resource.properties?["ServiceToken"] {
                ids.formUnion(token.referencedLogicalIDs)
            }
        }
        return ids
    }
}
