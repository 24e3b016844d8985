import Foundation
import Testing
@testable import XRayKit

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

@Suite(.serialized) struct DoctorProbeTests {
    @Test func sendsAWellFormedSegmentAndCallsTheProxy() async throws {
        let listener = try LoopbackListener(tcp: .answer)
        defer { listener.stop() }
        let result = await DaemonProbe.run(flag: "127.0.0.1:\(listener.port)", environment: [:], timeout: 2)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        for _ in 0..<50 where listener.datagrams.isEmpty { try await Task.sleep(nanoseconds: 20_000_000) }
        let datagram = try #require(listener.datagrams.first)
        let text = String(decoding: datagram, as: UTF8.self)
        let parts = text.split(separator: "\n", maxSplits: 1).map(String.init)
        #expect(parts.count == 2)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(parts[0].utf8)) as? [String: Any])
        #expect(header["format"] as? String == "json" && header["version"] as? Int == 1)
        // The segment passes the linter's own segment rules.
        let document = DocumentLoader.load(path: "segment.json", data: datagram)
        #expect(document.kind == .segments)
        #expect(Linter.lint([document]).isEmpty)
        let segment = try #require(try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) as? [String: Any])
        let traceID = try #require(segment["trace_id"] as? String)
        #expect(SegmentFormat.isTraceID(traceID))
        let epoch = Int(traceID.split(separator: "-")[1], radix: 16) ?? 0
        #expect(abs(Double(epoch) - Date().timeIntervalSince1970) < 60, "a fresh trace ID")
        #expect(listener.requests.first?.hasPrefix("POST /GetSamplingRules HTTP/1.1") == true)
    }

    @Test func nothingListening() async {
        let port = LoopbackListener.closedPort()
        let result = await DaemonProbe.run(flag: "127.0.0.1:\(port)", environment: [:], timeout: 2)
        #expect(result.findings.map(\.rule) == ["XR803"])
    }

    @Test func udpWithoutSamplingProxy() async throws {
        let listener = try LoopbackListener(tcp: .none)
        defer { listener.stop() }
        let result = await DaemonProbe.run(flag: nil, environment: ["AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:\(listener.port)"], timeout: 2)
        #expect(result.findings.map(\.rule) == ["XR804"])
        #expect(result.notes.first == "daemon address 127.0.0.1:\(listener.port) (from AWS_XRAY_DAEMON_ADDRESS)")
    }

    @Test func separateTCPAndUDPAddresses() async throws {
        let udp = try LoopbackListener(tcp: .none), tcp = try LoopbackListener(tcp: .answer)
        defer { udp.stop(); tcp.stop() }
        let result = await DaemonProbe.run(flag: "tcp:127.0.0.1:\(tcp.port) udp:127.0.0.1:\(udp.port)", environment: [:], timeout: 2)
        #expect(result.findings.isEmpty)
        #expect(tcp.requests.count == 1)
    }

    @Test func malformedAddress() async {
        let result = await DaemonProbe.run(flag: "http://127.0.0.1:2000", environment: [:], timeout: 1)
        #expect(result.findings.map(\.rule) == ["XR105"])
    }

    /// A proxy that accepts but never answers cannot hold doctor past its timeout.
    @Test func silentProxyTimesOut() async throws {
        let listener = try LoopbackListener(tcp: .silent)
        defer { listener.stop() }
        let start = Date()
        let result = await DaemonProbe.run(flag: "127.0.0.1:\(listener.port)", environment: [:], timeout: 1)
        // The UDP wait (at most 0.5 s) plus the TCP deadline, with room for a loaded machine.
        #expect(Date().timeIntervalSince(start) < 3.5)
        #expect(result.findings.map(\.rule) == ["XR804"])
        #expect(result.notes.contains { $0.contains("no answer within 1.0 s") })
    }
}
