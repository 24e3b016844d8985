import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by ProjectScan over a project's application code; this value
// describes it, and its examples run through the scan in DoctorTests.

package struct SDKNotWiredIn: Rule {
    package static let description = RuleDescription(
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
