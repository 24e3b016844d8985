/// The AWS Distro for OpenTelemetry SDK agent of one language, as AWS's "Application Signals on
/// Amazon ECS, sidecar deployment" injects it: an init container copies the agent from its image
/// into a volume the app container mounts, and variables in the app load it at start.
///
/// Facts carried over from that page (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/
/// CloudWatch-Application-Signals-ECS-Sidecar.html) and the CDK construct that implements it
/// (aws/aws-cdk, packages/@aws-cdk/aws-applicationsignals-alpha/lib/enablement/ecs-sdk-instrumentation.ts,
/// constants.ts, instrumentation-versions.ts): image repositories, pinned tags, copy commands,
/// mount paths and variables. See docs/xray-facts.md §10.
public struct ADOTInstrumentation: Sendable {
    /// The model's word for the language (`language:` of a service).
    public let language: String
    /// Always a pinned tag, never `latest`.
    public let image: String
    /// What the init container runs: a copy of the agent into the shared volume.
    public let command: [String]
    /// Where the shared volume is mounted, in the init container and in the app.
    public let mountPath: String
    /// The variables that load the agent in the app (beyond the ones every language shares).
    public let environment: [(name: String, value: String)]

    /// The languages AWS publishes an ADOT SDK agent image for.
    public static let languages = ["java", "python", "node", "dotnet"]

    public static func of(language: String) -> ADOTInstrumentation? {
        switch language {
        case "java":
            return ADOTInstrumentation(
                language: "java", image: "public.ecr.aws/aws-observability/adot-autoinstrumentation-java:v2.10.0",
                command: ["cp", "/javaagent.jar", "/otel-auto-instrumentation/javaagent.jar"],
                mountPath: "/otel-auto-instrumentation",
                environment: [("JAVA_TOOL_OPTIONS", " -javaagent:/otel-auto-instrumentation/javaagent.jar")])
        case "python":
            let path = "/otel-auto-instrumentation-python"
            return ADOTInstrumentation(
                language: "python", image: "public.ecr.aws/aws-observability/adot-autoinstrumentation-python:v0.8.0",
                command: ["cp", "-a", "/autoinstrumentation/.", path], mountPath: path,
                environment: [("OTEL_PYTHON_DISTRO", "aws_distro"), ("OTEL_PYTHON_CONFIGURATOR", "aws_configurator"),
                              ("PYTHONPATH", "\(path)/opentelemetry/instrumentation/auto_instrumentation:\(path)")])
        case "node":
            let path = "/otel-auto-instrumentation-nodejs"
            return ADOTInstrumentation(
                language: "node", image: "public.ecr.aws/aws-observability/adot-autoinstrumentation-node:v0.5.0",
                command: ["cp", "-a", "/autoinstrumentation/.", path], mountPath: path,
                environment: [("NODE_OPTIONS", " --require \(path)/autoinstrumentation.js")])
        case "dotnet":
            // Linux on x86-64, the default of ECS on EC2 and Fargate; ARM64 tasks load linux-arm64's profiler.
            let path = "/otel-auto-instrumentation-dotnet"
            return ADOTInstrumentation(
                language: "dotnet", image: "public.ecr.aws/aws-observability/adot-autoinstrumentation-dotnet:v1.6.0",
                command: ["cp", "-a", "/autoinstrumentation/.", path], mountPath: path,
                environment: [
                    ("OTEL_DOTNET_DISTRO", "aws_distro"), ("OTEL_DOTNET_CONFIGURATOR", "aws_configurator"),
                    ("OTEL_DOTNET_AUTO_PLUGINS", "AWS.Distro.OpenTelemetry.AutoInstrumentation.Plugin, AWS.Distro.OpenTelemetry.AutoInstrumentation"),
                    ("CORECLR_ENABLE_PROFILING", "1"), ("CORECLR_PROFILER", "{918728DD-259F-4A6A-AC2B-B85E1B658318}"),
                    ("CORECLR_PROFILER_PATH", "\(path)/linux-x64/OpenTelemetry.AutoInstrumentation.Native.so"),
                    ("DOTNET_STARTUP_HOOKS", "\(path)/net/OpenTelemetry.AutoInstrumentation.StartupHook.dll"),
                    ("DOTNET_ADDITIONAL_DEPS", "\(path)/AdditionalDeps"), ("OTEL_DOTNET_AUTO_HOME", path),
                    ("DOTNET_SHARED_STORE", "\(path)/store"),
                ])
        default:
            return nil
        }
    }

    /// Whether the language's ADOT SDK has X-Ray's remote sampler (`OTEL_TRACES_SAMPLER=xray`): the four
    /// with an agent image do (CloudWatch User Guide, "Trace sampling rate", Application-Signals-SampleRate.html).
    public static func hasXRayRemoteSampler(_ language: String?) -> Bool {
        language.map(languages.contains) ?? false
    }
}
