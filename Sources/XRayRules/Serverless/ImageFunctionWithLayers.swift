import XRayCore
import XRayViews

package struct ImageFunctionWithLayers: LintRule {
    package static let description = RuleDescription(
        id: "XR411", name: "image-function-with-layers", severity: .error,
        summary: "A container-image function (`PackageType: Image`) lists `Layers` (its own, or SAM's `Globals.Function.Layers`).",
        rationale: "Lambda layers apply only to functions deployed as a .zip archive; a function defined as a container image cannot use them, and Lambda rejects the combination. An ADOT or Application Signals layer added to an image function therefore never instruments it: the layer's contents (for ADOT, its /opt files with the wrapper and the collector extension) have to be copied into the image when it is built, with AWS_LAMBDA_EXEC_WRAPPER set in the image or the function's environment.",
        sources: [.lambdaLayers, .lambdaImageLayers, .adotLambda],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      PackageType: Image
                      Code: {ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:1}
                      Role: arn:aws:iam::123456789012:role/fn
                      TracingConfig: {Mode: Active}
                      ↓Layers:
                        - arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:10

                """),
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    ↓Layers:
                      - arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:10
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      PackageType: Image
                      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:1

                """),
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      PackageType: Image
                      Code: {ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:1}
                      Role: arn:aws:iam::123456789012:role/fn
                      TracingConfig: {Mode: Active}
                      Environment:
                        Variables:
                          AWS_LAMBDA_EXEC_WRAPPER: /opt/otel-instrument

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        run.functions.compactMap { function -> Finding? in
            guard function.resource.properties?["PackageType"]?.text == "Image" else { return nil }
            // Where the layers are written: the function's own, else (SAM) the globals' it inherits.
            let own = function.resource.properties?["Layers"] != nil
            let holder = own ? function.resource.properties : function.isSAM ? function.template.globals?["Function"] : nil
            guard let holder, let layers = holder["Layers"], layers.items.map({ !$0.isEmpty }) ?? true else { return nil }
            let anchor = holder.keyNode("Layers") ?? layers
            return finding(anchor, "function \(function.resource.logicalID) is a container image (PackageType: Image) but lists Layers\(own ? "" : " (from Globals.Function)"): Lambda does not use layers with container images",
                           fix: "Remove Layers and copy the layer's contents into the image at build time (for ADOT, its /opt files, with AWS_LAMBDA_EXEC_WRAPPER=/opt/otel-instrument)")
        }
    }
}
