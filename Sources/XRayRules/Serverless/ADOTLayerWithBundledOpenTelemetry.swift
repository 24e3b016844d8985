import Foundation
import XRayCore
import XRayViews

package struct ADOTLayerWithBundledOpenTelemetry: LintRule {
    package static let description = RuleDescription(
        id: "XR410", name: "adot-layer-with-bundled-opentelemetry", severity: .warning,
        summary: "A function uses an AWS OpenTelemetry Lambda layer and also bundles OpenTelemetry packages of the same language (`requirements.txt`, `package.json` or `pom.xml` beside the template or in its `CodeUri` folder).",
        rationale: "The layer brings its own OpenTelemetry SDK and instrumentation, which its wrapper (/opt/otel-instrument) loads at start-up. Lambda puts the function's own code before the layer's paths (/var/task before /opt/python, /opt/nodejs/node_modules, /opt/java/lib), so bundled opentelemetry packages of another version shadow the layer's: the distro then starts against an API it was not built with, and the function fails at init or runs uninstrumented. Either drop the bundled OpenTelemetry packages and let the layer provide them, or drop the layer and instrument in code.",
        sources: [.adotLambda, .lambdaLayerPaths, .lambdaLayers],
        examples: [
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      CodeUri: src/
                      Tracing: Active
                      Layers:
                        - ↓arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:10
                      Environment:
                        Variables:
                          AWS_LAMBDA_EXEC_WRAPPER: /opt/otel-instrument

                """, with: [("src/requirements.txt", "requests==2.32.3\nopentelemetry-sdk==1.25.0\n")]),
            RuleExample("template.yaml", """
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Runtime: nodejs20.x
                      Handler: index.handler
                      Role: arn:aws:iam::123456789012:role/fn
                      Code: {S3Bucket: artifacts, S3Key: fn.zip}
                      Layers:
                        - ↓arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroJs:6
                      Environment:
                        Variables:
                          AWS_LAMBDA_EXEC_WRAPPER: /opt/otel-instrument

                """, with: [("package.json", "{\"dependencies\": {\"@opentelemetry/api\": \"^1.9.0\", \"express\": \"^4.19.0\"}}\n")]),
            RuleExample("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      CodeUri: src/
                      Tracing: Active
                      Layers:
                        - arn:aws:lambda:us-east-1:615299751070:layer:AWSOpenTelemetryDistroPython:10
                      Environment:
                        Variables:
                          AWS_LAMBDA_EXEC_WRAPPER: /opt/otel-instrument

                """, with: [("src/requirements.txt", "requests==2.32.3\n"), ("package.json", "{\"dependencies\": {\"@opentelemetry/api\": \"^1.9.0\"}}\n")]),
        ])

    enum Language: String { case python, node, java }
    static let manifests: [(file: String, language: Language)] = [("requirements.txt", .python), ("package.json", .node), ("pom.xml", .java)]

    /// The layer's language, from its name (AWSOpenTelemetryDistroPython, aws-otel-nodejs-…, …).
    static func language(ofLayer arn: String) -> Language? {
        guard let name = arn.split(separator: ":").dropFirst(6).first.map({ $0.lowercased() }),
              name.hasPrefix("awsopentelemetrydistro") || name.hasPrefix("aws-otel-") else { return nil }
        if name.containsBytes("python") { return .python }
        if name.containsBytes("js") || name.containsBytes("node") { return .node }
        if name.containsBytes("java") { return .java }
        return nil
    }

    /// The OpenTelemetry packages a manifest names, or an empty list.
    static func openTelemetryPackages(in text: String, language: Language) -> [String] {
        switch language {
        case .python:
            return text.split(whereSeparator: \.isNewline).compactMap { line in
                let name = line.prefix { !"=<>!~;[ #\t".contains($0) }.lowercased()
                return name.hasPrefix("opentelemetry-") || name == "aws-opentelemetry-distro" ? String(name) : nil
            }
        case .node:
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [] }
            // Runtime dependencies: what the deployment package ships.
            return ((object["dependencies"] as? [String: Any])?.keys.sorted() ?? [])
                .filter { $0.hasPrefix("@opentelemetry/") || $0.hasPrefix("@aws/aws-distro-opentelemetry") }
        case .java:
            // Maven coordinates: any io.opentelemetry group (the SDK, the agent, instrumentation).
            return text.containsBytes("<groupId>io.opentelemetry") || text.containsBytes("<artifactId>aws-opentelemetry-agent</artifactId>")
                ? ["io.opentelemetry"] : []
        }
    }

    package func check(_ run: LintRun) -> [Finding] {
        // Manifests linted in the same run (named on the command line, or beside an example), by path.
        var texts: [String: String] = [:]
        for document in run.documents where Self.manifests.contains(where: { $0.file == (document.path as NSString).lastPathComponent }) {
            texts[(document.path as NSString).standardizingPath] = document.text
        }
        return run.functions.flatMap { function -> [Finding] in
            let layers = function.resource.properties?["Layers"]?.items ?? []
            return layers.compactMap { layer -> Finding? in
                guard let arn = layer.literalText, let language = Self.language(ofLayer: arn) else { return nil }
                let manifest = Self.manifests.first { $0.language == language }!.file
                for folder in Self.folders(of: function) {
                    let path = ((folder as NSString).appendingPathComponent(manifest) as NSString).standardizingPath
                    guard let text = texts[path] ?? Self.readBeside(function, path: path) else { continue }
                    let packages = Self.openTelemetryPackages(in: text, language: language)
                    guard !packages.isEmpty else { continue }
                    return finding(layer, "function \(function.resource.logicalID) uses the OpenTelemetry layer \(arn.split(separator: ":").dropFirst(6).first ?? "") and also bundles \(packages.joined(separator: ", ")) (\(path)): the function's copy shadows the layer's, which then starts against another version",
                                   fix: "Remove the OpenTelemetry packages from \(manifest) and let the layer provide them, or remove the layer and instrument in code")
                }
                return nil
            }
        }
    }

    /// The template's folder and the function's code folder (SAM `CodeUri` when it is a local path).
    static func folders(of function: FunctionView) -> [String] {
        let base = (function.template.document.path as NSString).deletingLastPathComponent
        var folders = [base]
        if let uri = function.resource.properties?["CodeUri"]?.text, !uri.hasPrefix("s3://"), !uri.hasSuffix(".zip"), !uri.hasSuffix(".jar") {
            folders.append((base as NSString).appendingPathComponent(uri))
        }
        return folders
    }

    /// A manifest on disk beside a template read from disk; nil for templates that are not files
    /// (examples, standard input) or when there is none.
    static func readBeside(_ function: FunctionView, path: String) -> String? {
        guard FileManager.default.fileExists(atPath: function.template.document.path),
              let data = BoundedRead.file(path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
