import Foundation
import Testing
import Yams
@testable import XRayCore
@testable import XRayGenerate

/// The ADOT collector's configuration is a tree: callers look at components and pipelines, and its
/// YAML says the same as the tree (read back with Yams, setting for setting).
@Suite struct ADOTCollectorConfigTests {
    /// The tree as the plain values Yams reads the YAML into.
    private func plain(_ value: ADOTCollectorConfig.Value) -> Any {
        switch value {
        case .text(let text): return text
        case .number(let number): return number
        case .settings(let settings):
            return Dictionary(uniqueKeysWithValues: settings.map { ($0.key, plain($0.value)) })
        }
    }

    private func same(_ left: Any, _ right: Any) -> Bool {
        switch (left, right) {
        case (let left as String, let right as String): return left == right
        case (let left as Int, let right as Int): return left == right
        case (let left as [String], let right as [String]): return left == right
        case (let left as [String: Any], let right as [String: Any]):
            return Set(left.keys) == Set(right.keys) && left.allSatisfy { same($0.value, right[$0.key] as Any) }
        default: return false
        }
    }

    static let cases: [(TracesSpec.Export, String?, Int?)] = [(.xrayAPI, "us-east-1", 512), (.otlp, "eu-west-1", nil), (.xrayAPI, nil, nil), (.otlp, nil, 256)]

    @Test(arguments: cases)
    func theYAMLSaysWhatTheTreeHolds(_ export: TracesSpec.Export, _ region: String?, _ memory: Int?) throws {
        let config = CollectorConfig.adotConfig(region: region, export: export, partition: .aws, memoryMiB: memory)
        let loaded = try #require(try Yams.load(yaml: config.yaml) as? [String: Any])
        for (kind, components) in [("extensions", config.extensions), ("receivers", config.receivers),
                                   ("processors", config.processors), ("exporters", config.exporters)] {
            let expected = Dictionary(uniqueKeysWithValues: components.map { ($0.name, plain(.settings($0.settings))) })
            #expect(same(loaded[kind] as Any, expected), "\(kind)")
        }
        let service = try #require(loaded["service"] as? [String: Any])
        #expect(service["extensions"] as? [String] == config.extensions.map(\.name))
        let pipelines = try #require(service["pipelines"] as? [String: Any])
        #expect(Set(pipelines.keys) == Set(config.pipelines.map(\.name)))
        for pipeline in config.pipelines {
            let loadedPipeline = pipelines[pipeline.name] as? [String: Any]
            #expect(loadedPipeline?["receivers"] as? [String] == pipeline.receivers)
            #expect(loadedPipeline?["processors"] as? [String] == pipeline.processors)
            #expect(loadedPipeline?["exporters"] as? [String] == pipeline.exporters)
        }
        // Every component a pipeline names is defined.
        for pipeline in config.pipelines {
            for name in pipeline.receivers { #expect(config.receivers.contains { $0.name == name }) }
            for name in pipeline.processors { #expect(config.processors.contains { $0.name == name }) }
            for name in pipeline.exporters { #expect(config.exporters.contains { $0.name == name }) }
        }
        #expect(CollectorConfig.adot(region: region, export: export, partition: .aws, memoryMiB: memory) == config.yaml)
    }

    /// OTLP export with a region: `otlphttp` to X-Ray's OTLP endpoint, signed by `sigv4auth`; without
    /// a region it cannot sign, and the `awsxray` exporter stays.
    @Test func otlpExportIsAnExporterSignedByAnExtension() {
        let otlp = CollectorConfig.adotConfig(region: "eu-west-1", export: .otlp, partition: .aws)
        #expect(otlp.exporters.map(\.name) == ["otlphttp"])
        #expect(otlp.component("otlphttp")?.settings.first == .init("traces_endpoint", .text("https://xray.eu-west-1.amazonaws.com/v1/traces")))
        #expect(otlp.extensions.map(\.name) == ["sigv4auth", "health_check"])
        #expect(otlp.pipelines.first?.exporters == ["otlphttp"])
        let withoutRegion = CollectorConfig.adotConfig(region: nil, export: .otlp, partition: .aws)
        #expect(withoutRegion.exporters == [.init("awsxray")])
        #expect(withoutRegion.yaml.contains("  awsxray: {}\n"))
    }
}
