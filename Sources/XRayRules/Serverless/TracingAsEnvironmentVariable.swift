import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct TracingAsEnvironmentVariable: LintRule {
    package static let description = RuleDescription(
        id: "XR408", name: "tracing-as-environment-variable", severity: .error,
        summary: "A Serverless Framework service sets `Tracing`/`tracing` under `environment:`, where it is an environment variable, not a setting: the function is not traced.",
        rationale: "The Serverless Framework turns on active tracing with provider.tracing.lambda or a function's tracing (true, Active or PassThrough); a key under environment only becomes an environment variable of the function, which Lambda ignores for tracing.",
        sources: [.serverlessFunctions],
        examples: [
            RuleExample("serverless.yml", "service: orders\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  environment:\n    ↓Tracing: Active\nfunctions:\n  create:\n    handler: create.main\n"),
            RuleExample("serverless.yml", "service: orders\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  tracing:\n    lambda: true\nfunctions:\n  create:\n    handler: create.main\n"),
        ])

    package static let validTracing = ["true", "false", "Active", "PassThrough"]

    package func check(_ run: LintRun) -> [Finding] {
        run.documents.filter { $0.kind == .serverlessFramework }.flatMap { document -> [Finding] in
            guard let root = document.root else { return [] }
            let environments = [root["provider"]?["environment"]] + (root["functions"]?.pairs ?? []).map { $0.value["environment"] }
            return environments.compactMap { $0 }.flatMap { environment in
                (environment.pairs ?? []).compactMap { key, _ in
                    guard let name = key.text, ["tracing", "tracingconfig"].contains(name.lowercased()) else { return nil }
                    return finding(key, "'\(name)' under environment is only an environment variable; the function is not traced",
                                   fix: "Move it to provider.tracing.lambda: true (or the function's tracing: Active)")
                }
            }
        }
    }
}
