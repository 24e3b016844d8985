import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRayViews

/// `otel_config: file`: each ECS and EKS app gets an otel-config.yaml and `OTEL_CONFIG_FILE` instead
/// of the other `OTEL_*` variables, and what is generated lints clean with the declarative
/// configuration rules.
@Suite struct OTelConfigFileTests {
    static let header = "version: 1\nproject: shop\nregion: us-east-1\naccount: \"210987654321\"\notel_config: file\n"
    static let model = header + """
        agent:
          kind: adot
        services:
          - name: orders
            platform: ecs-fargate
            language: java
            image: orders:1
            environment:
              OTEL_RESOURCE_ATTRIBUTES: team=shop
          - name: carts
            platform: ecs-ec2-sidecar
            network_mode: bridge
            language: python
            image: carts:1
            memory_reservation: 256
          - name: search
            platform: eks
            cluster: shop
            namespace: search
            language: java
        sampling:
          default:
            rate: 0.1

        """

    /// The rules that read declarative configuration and the variables beside it.
    static let rules: Set<String> = ["XR125", "XR126", "XR523", "XR524", "XR525"]

    static func generated() throws -> [GeneratedFile] {
        Generator.generate(try ModelDecoder.decode(model, file: "xray.yaml").model)
    }

    static func file(_ path: String, in files: [GeneratedFile]) throws -> String {
        try #require(files.first { $0.path == path }?.contents, "\(path) not among \(files.map(\.path))")
    }

    @Test func filesAndVariables() throws {
        let files = try Self.generated()
        let orders = try Self.file("orders/otel-config.yaml", in: files)
        #expect(orders.contains("file_format: \"1.0\""), "\(orders)")
        #expect(orders.contains("endpoint: http://localhost:4317"), "\(orders)")
        #expect(orders.contains("xray:\n") && orders.contains("endpoint: http://localhost:2000"), "\(orders)")
        let carts = try Self.file("carts/otel-config.yaml", in: files)
        // Bridge mode: the sidecar by its container name, as AWS_XRAY_DAEMON_ADDRESS has it.
        #expect(carts.contains("endpoint: http://aws-otel-collector:4317") && carts.contains("endpoint: http://aws-otel-collector:2000") == false, "\(carts)")
        #expect(carts.contains("trace_id_ratio_based") && carts.contains("ratio: 0.1"), "\(carts)")
        let search = try Self.file("eks/search.otel-config.yaml", in: files)
        #expect(search.contains(".svc.cluster.local:4317"), "\(search)")

        let task = try Self.file("orders/task-definition.json", in: files)
        #expect(task.contains("\"OTEL_CONFIG_FILE\"") && task.contains(OTelConfigFile.containerPath))
        #expect(!task.contains("OTEL_EXPORTER_OTLP_ENDPOINT") && !task.contains("OTEL_SERVICE_NAME"), "\(task)")
        // The model's own variable stays: it is the user's, and XR126 tells them the SDK ignores it.
        #expect(task.contains("OTEL_RESOURCE_ATTRIBUTES"))
        let patch = try Self.file("eks/search.patch.yaml", in: files)
        #expect(patch.contains("OTEL_CONFIG_FILE") && !patch.contains("OTEL_EXPORTER_OTLP_ENDPOINT"), "\(patch)")
    }

    /// Each generated file, linted beside its task definition or patch: nothing from the declarative
    /// configuration rules but XR126 on the model's own variable and XR524's info where the SDK has
    /// no X-Ray sampler component (Python).
    @Test func generatedFilesLintClean() throws {
        let files = try Self.generated()
        func findings(_ config: String, _ beside: String) throws -> [String] {
            TestSupport.lint([("otel-config.yaml", try Self.file(config, in: files)), ((beside as NSString).lastPathComponent, try Self.file(beside, in: files))])
                .filter { Self.rules.contains($0.rule) }.map { "\($0.rule) \($0.severity)" }
        }
        #expect(try findings("orders/otel-config.yaml", "orders/task-definition.json") == ["XR126 warning"])
        #expect(try findings("carts/otel-config.yaml", "carts/task-definition.json") == ["XR524 info"])
        #expect(try findings("eks/search.otel-config.yaml", "eks/search.patch.yaml") == [])
    }

    @Test func envModeKeepsVariables() throws {
        let text = Self.model.replacingOccurrences(of: "otel_config: file\n", with: "")
        let files = Generator.generate(try ModelDecoder.decode(text, file: "xray.yaml").model)
        #expect(!files.contains { $0.path.hasSuffix("otel-config.yaml") })
        #expect(try Self.file("orders/task-definition.json", in: files).contains("OTEL_SERVICE_NAME"))
    }

    @Test func fileModeNeedsAnOTLPAgent() {
        let text = Self.header + "services:\n  - name: fn\n    platform: lambda\n    function_name: f\n"
        do {
            _ = try ModelDecoder.decode(text, file: "xray.yaml")
            Issue.record("otel_config: file with the X-Ray daemon was accepted")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("otel_config: file") && $0.location.line == 5 }, "\(error.diagnostics)")
        }
    }

    /// Application Signals is switched on through variables the SDK ignores once the file is set.
    @Test func fileModeRefusesApplicationSignals() {
        let text = Self.header + "application_signals: true\nagent:\n  kind: cloudwatch-agent\nservices:\n"
            + "  - name: orders\n    platform: ecs-fargate\n    language: java\n    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1\n    port: 8080\n"
        do {
            _ = try ModelDecoder.decode(text, file: "xray.yaml")
            Issue.record("otel_config: file with application_signals was accepted")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("turns Application Signals off") && $0.location.line == 5 }, "\(error.diagnostics)")
        }
    }
}
