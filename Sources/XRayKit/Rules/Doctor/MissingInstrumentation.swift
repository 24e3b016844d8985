// XR801 and XR802 are found by ProjectScan over a project's application code; these values
// describe them, and their examples run through the scan in DoctorProjectTests.

struct MissingInstrumentation: Rule {
    static let description = RuleDescription(
        id: "XR801", name: "missing-instrumentation", severity: .error, also: [.info],
        summary: "An application's code has no X-Ray SDK or OpenTelemetry dependency (Java Maven/Gradle, Python requirements/pyproject/Pipfile, Node package.json, Go go.mod, .NET csproj, Ruby Gemfile).",
        rationale: "The daemon, the roles and the sampling rules only carry traces that the code creates; an application with neither the X-Ray SDK nor OpenTelemetry sends nothing, and everything else looks fine.",
        sources: [.migration, .xrayTroubleshooting],
        examples: [
            RuleExample("package.json", "↓{\"name\": \"orders\", \"dependencies\": {\"express\": \"^4.19.2\"}}\n"),
            RuleExample("package.json", "{\"name\": \"orders\", \"dependencies\": {\"express\": \"^4.19.2\", \"@opentelemetry/api\": \"^1.9.0\"}}\n"),
        ],
        layer: .project)

}

struct SDKNotWiredIn: Rule {
    static let description = RuleDescription(
        id: "XR802", name: "sdk-not-wired-in", severity: .warning,
        summary: "The X-Ray SDK is a dependency, but no code wires it in (Express openSegment/closeSegment, Flask/Django middleware, Java servlet filter or AWSXRay.beginSegment, Go xray.Handler, .NET AWSXRayRecorder/UseXRay, Ruby Rack middleware).",
        rationale: "A dependency alone creates no segment: requests must pass through the SDK's middleware or code must open segments. This is a heuristic over the source text: code that wires the SDK in some other way may be reported by mistake; suppress it with --disable XR802.",
        sources: [.xrayTroubleshooting, .issue("aws/aws-xray-sdk-python", 148), .issue("aws/aws-xray-sdk-node", 415)],
        examples: [
            RuleExample("requirements.txt", "flask==3.0.3\n↓aws-xray-sdk==2.15.0\n", with: [("app.py", "from flask import Flask\napp = Flask(__name__)\n")]),
            RuleExample("requirements.txt", "flask==3.0.3\naws-xray-sdk==2.15.0\n",
                        with: [("app.py", "from aws_xray_sdk.ext.flask.middleware import XRayMiddleware\nXRayMiddleware(app, xray_recorder)\n")]),
        ],
        layer: .project)

}
