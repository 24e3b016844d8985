import XRayCore
import XRaySampling

/// A Lambda function in a template: `AWS::Lambda::Function` or SAM's `AWS::Serverless::Function`.
package struct FunctionView {
    package let template: TemplateView
    package let resource: TemplateView.Resource

    package var isSAM: Bool { resource.type == "AWS::Serverless::Function" }

    /// The tracing setting and its node, falling back to SAM's `Globals.Function.Tracing`.
    package var tracing: (mode: String?, node: LocatedNode)? {
        if isSAM {
            if let node = resource.properties?["Tracing"] { return (node.text, node) }
            if let node = template.globals?["Function"]?["Tracing"] { return (node.text, node) }
            return nil
        }
        if let node = resource.properties?["TracingConfig"]?["Mode"] { return (node.text, node) }
        return nil
    }

    package var isActivelyTraced: Bool { tracing?.mode == "Active" }

    package var roleReference: LocatedNode? { resource.properties?["Role"] }

    package var environment: LocatedNode? {
        resource.properties?["Environment"]?["Variables"]
    }

    /// Where findings about the function land: its Type line.
    package var anchor: LocatedNode { resource.node.keyNode("Type") ?? resource.node }
}

extension LintRun {
    package static func functions(_ templates: [TemplateView]) -> [FunctionView] {
        templates.flatMap { template in
            template.resources(ofType: "AWS::Lambda::Function", "AWS::Serverless::Function").map { FunctionView(template: template, resource: $0) }
        }
    }
}
