import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// How each language declares the X-Ray SDK or OpenTelemetry, and how code wires the SDK in.
/// Matching is textual: a heuristic, said so in XR802's rationale.
package struct LanguageSignature: Sendable {
    package var language: String
    /// Dependency manifests, by file name (or suffix, for `.csproj`).
    package var manifests: [String]
    package var manifestSuffixes: [String] = []
    /// Substrings that declare the X-Ray SDK in a manifest.
    package var xraySDK: [String]
    /// Substrings that declare OpenTelemetry (or ADOT) instead.
    package var openTelemetry: [String]
    /// Source file extensions, and substrings in them that create segments or install the SDK.
    package var sourceExtensions: [String]
    package var wiring: [String]

    package func isManifest(_ name: String) -> Bool {
        manifests.contains(name) || manifestSuffixes.contains { name.hasSuffix($0) }
    }

    package static let all: [LanguageSignature] = [
        LanguageSignature(language: "java", manifests: ["pom.xml", "build.gradle", "build.gradle.kts"],
                          xraySDK: ["aws-xray-recorder-sdk"], openTelemetry: ["io.opentelemetry", "aws-opentelemetry-agent"],
                          sourceExtensions: ["java", "kt", "groovy"],
                          wiring: ["AWSXRayServletFilter", "AWSXRay.beginSegment", "beginSegment(", "TracingInterceptor", "@XRayEnabled",
                                   "AWSXRayRecorderBuilder", "AWSXRay.createSegment"]),
        LanguageSignature(language: "python", manifests: ["requirements.txt", "requirements-prod.txt", "pyproject.toml", "Pipfile", "setup.py", "setup.cfg"],
                          xraySDK: ["aws-xray-sdk", "aws_xray_sdk"], openTelemetry: ["opentelemetry", "aws-opentelemetry-distro"],
                          sourceExtensions: ["py"],
                          wiring: ["XRayMiddleware", "aws_xray_sdk.ext.django", "begin_segment(", "xray_recorder.capture", "patch_all(",
                                   "xray_recorder.in_segment", "@xray_recorder"]),
        LanguageSignature(language: "node", manifests: ["package.json"],
                          xraySDK: ["\"aws-xray-sdk"], openTelemetry: ["\"@opentelemetry/", "\"@aws/aws-distro-opentelemetry"],
                          sourceExtensions: ["js", "mjs", "cjs", "ts"],
                          wiring: ["openSegment(", "captureAWS", "captureHTTPsGlobal", "captureAsyncFunc", "captureFunc(", "setSegment(",
                                   "express.openSegment", "captureAWSClient", "captureAWSv3Client"]),
        LanguageSignature(language: "go", manifests: ["go.mod"],
                          xraySDK: ["github.com/aws/aws-xray-sdk-go"], openTelemetry: ["go.opentelemetry.io"],
                          sourceExtensions: ["go"],
                          wiring: ["xray.Handler(", "xray.BeginSegment(", "xray.Capture(", "xray.AWS(", "xray.Client(", "xray.AWSv2Instrumentor"]),
        LanguageSignature(language: "dotnet", manifests: [], manifestSuffixes: [".csproj", ".fsproj"],
                          xraySDK: ["AWSXRayRecorder"], openTelemetry: ["OpenTelemetry"],
                          sourceExtensions: ["cs", "fs"],
                          wiring: ["UseXRay(", "AWSXRayRecorder.Instance", "AWSSDKHandler.RegisterXRay", "BeginSegment(", "TracingHandler"]),
        LanguageSignature(language: "ruby", manifests: ["Gemfile"],
                          xraySDK: ["aws-xray-sdk"], openTelemetry: ["opentelemetry"],
                          sourceExtensions: ["rb", "ru"],
                          wiring: ["XRay::Rack::Middleware", "begin_segment", "XRay.recorder.configure", "config.xray"]),
    ]
}
