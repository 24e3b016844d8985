import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by ProjectScan over a project's application code; this value
// describes it, and its examples run through the scan in DoctorTests.

package struct MissingInstrumentation: Rule {
    package static let description = RuleDescription(
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
