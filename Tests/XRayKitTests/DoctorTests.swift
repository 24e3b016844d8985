import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct DoctorProjectTests {
    /// A small application: files by relative path.
    func scan(_ files: [String: String]) throws -> [Finding] {
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return ProjectScan.scan(root.path, today: Date(timeIntervalSince1970: 1_795_000_000)).findings
    }

    /// Kubernetes manifests are infrastructure: `doctor --dir` lints them with the rest, and an
    /// instrumented app beside them is not reported as uninstrumented.
    @Test func kubernetesManifestsAreLintedAsInfrastructure() throws {
        let findings = try scan([
            "k8s/deployment.yaml": """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                        - name: api
                          image: api:1.0
                          env:
                            - {name: AWS_XRAY_DAEMON_ADDRESS, value: xray-service.default}

                """,
            "requirements.txt": "aws-xray-sdk==2.15.0\n",
            "app.py": "from aws_xray_sdk.ext.flask.middleware import XRayMiddleware\nXRayMiddleware(app, xray_recorder)\n",
        ])
        let kubernetes = findings.filter { $0.rule.hasPrefix("XR9") }
        #expect(kubernetes.map(\.rule) == ["XR901"], "\(findings.map { "\($0.rule) \($0.message)" })")
        #expect(kubernetes.first?.location.file.hasSuffix("k8s/deployment.yaml") == true)
        #expect(kubernetes.first?.location.line == 13)
        // The Python app is instrumented and wired in: only the end-of-support notice speaks of it.
        #expect(findings.filter { !$0.rule.hasPrefix("XR9") }.map(\.rule) == ["XR805"])
    }

    static let apps: [(language: String, none: [String: String], dependencyOnly: [String: String], instrumented: [String: String])] = [
        ("java",
         ["pom.xml": "<project><dependencies><dependency><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n"],
         ["pom.xml": "<project><dependencies><dependency><groupId>com.amazonaws</groupId><artifactId>aws-xray-recorder-sdk-core</artifactId></dependency></dependencies></project>\n",
          "src/main/java/App.java": "class App {}\n"],
         ["build.gradle": "dependencies { implementation 'com.amazonaws:aws-xray-recorder-sdk-core:2.18.1' }\n",
          "src/main/java/WebConfig.java": "import com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter;\nclass WebConfig { Filter f = new AWSXRayServletFilter(\"api\"); }\n"]),
        ("python",
         ["requirements.txt": "flask==3.0.3\n"],
         ["pyproject.toml": "[project]\ndependencies = [\"aws-xray-sdk>=2.15\"]\n", "app.py": "import flask\n"],
         ["requirements.txt": "aws-xray-sdk==2.15.0\n", "app.py": "from aws_xray_sdk.ext.flask.middleware import XRayMiddleware\nXRayMiddleware(app, xray_recorder)\n"]),
        ("node",
         ["package.json": "{\"dependencies\": {\"express\": \"^4\"}}\n"],
         ["package.json": "{\"dependencies\": {\"aws-xray-sdk\": \"^3.10.0\"}}\n", "index.js": "const express = require('express')\n"],
         ["package.json": "{\"dependencies\": {\"aws-xray-sdk-core\": \"^3.10.0\"}}\n", "index.js": "app.use(AWSXRay.express.openSegment('api'))\n"]),
        ("go",
         ["go.mod": "module example.com/api\nrequire github.com/gin-gonic/gin v1.10.0\n"],
         ["go.mod": "module example.com/api\nrequire github.com/aws/aws-xray-sdk-go v1.8.4\n", "main.go": "package main\n"],
         ["go.mod": "module example.com/api\nrequire github.com/aws/aws-xray-sdk-go v1.8.4\n", "main.go": "package main\nvar h = xray.Handler(xray.NewFixedSegmentNamer(\"api\"), mux)\n"]),
        ("dotnet",
         ["Api.csproj": "<Project><ItemGroup><PackageReference Include=\"Serilog\" /></ItemGroup></Project>\n"],
         ["Api.csproj": "<Project><ItemGroup><PackageReference Include=\"AWSXRayRecorder.Core\" Version=\"2.15.0\" /></ItemGroup></Project>\n", "Program.cs": "class P {}\n"],
         ["Api.csproj": "<Project><ItemGroup><PackageReference Include=\"AWSXRayRecorder.Core\" Version=\"2.15.0\" /></ItemGroup></Project>\n", "Startup.cs": "app.UseXRay(\"api\");\n"]),
        ("ruby",
         ["Gemfile": "gem 'rails'\n"],
         ["Gemfile": "gem 'aws-xray-sdk'\n", "app.rb": "puts 1\n"],
         ["Gemfile": "gem 'aws-xray-sdk'\n", "config.ru": "use XRay::Rack::Middleware\n"]),
    ]

    @Test(arguments: apps.map(\.language))
    func languageScan(language: String) throws {
        let app = try #require(Self.apps.first { $0.language == language })
        let none = try scan(app.none).map(\.rule)
        #expect(none == ["XR801"], "\(language) without tracing: \(none)")
        let dependencyOnly = try scan(app.dependencyOnly)
        #expect(Set(dependencyOnly.map(\.rule)) == ["XR802", "XR805"], "\(language) dependency only: \(dependencyOnly.map(\.message))")
        // XR802 points at the line that declares the SDK.
        let declared = try #require(dependencyOnly.first { $0.rule == "XR802" })
        let manifest = try #require(app.dependencyOnly.first { declared.location.file.hasSuffix("/" + $0.key) }?.value)
        let line = manifest.split(separator: "\n", omittingEmptySubsequences: false)[declared.location.line - 1]
        #expect(line.lowercased().contains("xray"))
        let instrumented = try scan(app.instrumented).map(\.rule)
        #expect(instrumented == ["XR805"], "\(language) instrumented: \(instrumented)")
    }

    @Test func modelServicesMustHaveInstrumentedCode() throws {
        let model = "version: 1\nproject: p\nregion: us-east-1\nservices:\n  - {name: fn, platform: ecs-fargate, image: \"fn:1\", source: ./fn, language: python}\n  - {name: gone, platform: lambda, function_name: g, source: ./nowhere}\n"
        let findings = try scan(["xray.yaml": model, "fn/handler.py": "def handler(e, c): pass\n"])
        #expect(findings.map(\.rule) == ["XR801", "XR801"])
        #expect(findings.map(\.location.line) == [5, 6])
        #expect(findings.last?.message.contains("does not exist") == true)
        let instrumented = try scan(["xray.yaml": model.replacingOccurrences(of: "  - {name: gone, platform: lambda, function_name: g, source: ./nowhere}\n", with: ""),
                                     "fn/requirements.txt": "aws-xray-sdk==2.15.0\n", "fn/handler.py": "xray_recorder.capture('x')\n"])
        #expect(instrumented.map(\.rule) == ["XR805"])
    }

    /// Lambda's active tracing records every invocation without an SDK: at most an info.
    @Test func lambdaFunctionsAreTracedWithoutAnSDK() throws {
        let model = "version: 1\nproject: p\nregion: us-east-1\nservices:\n  - {name: fn, platform: lambda, function_name: f, source: ./fn, language: python}\n"
        let findings = try scan(["xray.yaml": model, "fn/requirements.txt": "boto3\n", "fn/handler.py": "def handler(e, c): pass\n"])
        #expect(findings.map { "\($0.rule) \($0.severity)" } == ["XR801 info"], "\(findings.map(\.message))")
        #expect(findings.first?.message.contains("active tracing records each invocation") == true)
    }

    @Test func infrastructureProjectsAreNotServices() throws {
        #expect(try scan(["infra/package.json": "{\"dependencies\": {\"aws-cdk-lib\": \"^2.150.0\", \"constructs\": \"^10\"}}\n"]).isEmpty)
        #expect(try scan(["infra/requirements.txt": "aws-cdk-lib==2.150.0\nconstructs>=10\n"]).isEmpty)
    }

    @Test func openTelemetryCountsAsInstrumentation() throws {
        #expect(try scan(["package.json": "{\"dependencies\": {\"@opentelemetry/sdk-node\": \"^0.52\"}}\n"]).isEmpty)
        #expect(try scan(["go.mod": "module x\nrequire go.opentelemetry.io/otel v1.28.0\n"]).isEmpty)
    }

    @Test func projectRuleExamples() throws {
        for description in RuleCatalog.descriptions where description.layer == .project {
            for example in description.examples {
                let (text, markers) = example.unmarked
                var files = [example.file: text]
                for companion in example.companions { files[companion.file] = companion.text }
                let found = try scan(files).filter { $0.rule == description.id }
                #expect(found.map { "\($0.location.line):\($0.location.column)" } == markers.map { "\($0.line):\($0.column)" },
                        "\(description.id): \(found.map(\.message))")
            }
        }
    }

    @Test func infrastructureFilesAreLinted() throws {
        let findings = try scan(["deploy/cfg.yaml": "Version: 2\nSocket:\n  BufferSizeKB: 64\n"])
        #expect(findings.map(\.rule) == ["XR502"])
    }
}

/// Probe cases that do not depend on timing (a refusal comes back at once). The cases that wait
/// for an answer or a deadline are in DaemonProbeXCTests, which XCTest runs on its own, away from
/// the parallel Swift Testing run that can keep the cooperative threads busy.
@Suite struct DoctorProbeTests {
    @Test func nothingListening() async {
        // A port closed a moment ago can be taken by a test running beside this one: a few tries.
        var rules: [String] = []
        for _ in 0..<3 where rules != ["XR803"] {
            let port = LoopbackListener.closedPort()
            rules = await DaemonProbe.run(flag: "127.0.0.1:\(port)", environment: [:], timeout: 2).findings.map(\.rule)
        }
        #expect(rules == ["XR803"])
    }

    @Test func udpWithoutSamplingProxy() async throws {
        let listener = try LoopbackListener(tcp: .none)
        defer { listener.stop() }
        let result = await DaemonProbe.run(flag: nil, environment: ["AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:\(listener.port)"], timeout: 2)
        #expect(result.findings.map(\.rule) == ["XR804"])
        #expect(result.notes.first == "daemon address 127.0.0.1:\(listener.port) (from AWS_XRAY_DAEMON_ADDRESS)")
    }

    @Test func malformedAddress() async {
        let result = await DaemonProbe.run(flag: "http://127.0.0.1:2000", environment: [:], timeout: 1)
        #expect(result.findings.map(\.rule) == ["XR105"])
    }
}
