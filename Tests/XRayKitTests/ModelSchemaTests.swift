import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct ModelSchemaTests {
    @Test func everyModelKeyIsDescribed() {
        let text = ModelSchema.render()
        #expect(!text.contains("(undocumented)"), "a key the decoder reads has no schema; add it to ModelSchema")
        for key in ModelReader.topLevelKeys + ModelReader.agentKeys + ModelReader.samplingRuleKeys + ModelReader.logsKeys
            + Array(ModelReader.platformKeys.values.joined()) {
            #expect(text.contains("\"\(key)\""), "\(key) is missing from the schema")
        }
    }

    /// Editors show a key's description on hover and in completion: every key has one, every
    /// choice of a string enum is explained in it, and every value that is not a mapping, a list of
    /// mappings or a choice has examples.
    @Test func everyKeyHasADescriptionAndExamples() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(ModelSchema.render().utf8)) as? [String: Any])
        var checked = 0
        func walk(_ node: [String: Any], _ path: String) {
            for (key, value) in node["properties"] as? [String: Any] ?? [:] {
                guard let property = value as? [String: Any] else { continue }
                let at = path.isEmpty ? key : "\(path).\(key)"
                checked += 1
                let description = property["description"] as? String ?? ""
                #expect(description.count > 10, "\(at) has no description")
                if let choices = property["enum"] as? [String] {
                    for choice in choices { #expect(description.contains(choice), "\(at): the description does not explain '\(choice)'") }
                }
                let isContainer = property["properties"] != nil || property["$ref"] != nil
                    || (property["items"] as? [String: Any]).map { $0["$ref"] != nil || $0["properties"] != nil } == true
                if !isContainer && property["enum"] == nil && property["type"] as? String != "boolean" {
                    #expect((property["examples"] as? [Any])?.isEmpty == false, "\(at) has no examples")
                }
                walk(property, at)
                if let items = property["items"] as? [String: Any] { walk(items, at + "[]") }
            }
        }
        walk(schema, "")
        for (name, definition) in schema["$defs"] as? [String: Any] ?? [:] {
            walk(definition as? [String: Any] ?? [:], name)
        }
        // Every key the decoder reads, counted once per place it can appear.
        #expect(checked >= ModelReader.topLevelKeys.count + ModelReader.agentKeys.count + ModelReader.samplingRuleKeys.count
                + ModelReader.logsKeys.count + Set(ModelReader.platformKeys.values.joined()).count)
    }

    /// The explained choices are written out by hand; they must stay the decoder's own.
    @Test func explainedChoicesAreTheDecodersChoices() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(ModelSchema.render().utf8)) as? [String: Any])
        func choices(_ path: [String]) -> Set<String> {
            var node: Any? = schema
            for key in path { node = (node as? [String: Any])?[key] }
            return Set((node as? [String: Any])?["enum"] as? [String] ?? [])
        }
        let service = ["$defs", "service", "properties"]
        let expected: [([String], [String])] = [
            (["properties", "partition"], Partition.allCases.map(\.rawValue)),
            (["properties", "outputs", "items"], OutputKind.allCases.map(\.rawValue)),
            (["properties", "agent", "properties", "kind"], AgentSpec.Kind.allCases.map(\.rawValue)),
            (["properties", "agent", "properties", "log_level"], AgentSpec.logLevels),
            (["properties", "logs", "properties", "driver"], LogsSpec.Driver.allCases.map(\.rawValue)),
            (["properties", "traces", "properties", "export"], TracesSpec.Export.allCases.map(\.rawValue)),
            (service + ["platform"], Platform.allCases.map(\.rawValue)),
            (service + ["language"], ServiceSpec.languages),
            (service + ["network_mode"], ECSServiceSpec.NetworkMode.allCases.map(\.rawValue)),
            (service + ["instrumentation"], LambdaServiceSpec.Instrumentation.allCases.map(\.rawValue)),
            (service + ["os"], EC2ServiceSpec.OperatingSystem.allCases.map(\.rawValue)),
            (service + ["identity"], EKSServiceSpec.Identity.allCases.map(\.rawValue)),
            (service + ["daemon_config", "properties", "log_level"], AgentSpec.logLevels),
        ]
        for (path, values) in expected {
            #expect(choices(path) == Set(values), "\(path.joined(separator: "."))")
        }
    }

    /// jsonschema accepts every template, example and fixture, and rejects unknown keys anywhere.
    @Test(.tags(.slow), PythonTools.available(PythonTools.schema))
    func schemaAcceptsEveryModelAndRejectsUnknownKeys() async throws {
        try PythonTools.require(PythonTools.schema)
        let work = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let schema = work.appendingPathComponent("schema.json")
        try Data(ModelSchema.render().utf8).write(to: schema)

        let base = "version: 1\nproject: shop\nregion: us-east-1\nservices:\n  - name: api\n    platform: ecs-fargate\n    image: nginx:1\n"
        let invalid: [String: String] = [
            "top.yaml": base + "servics: []\n",
            "agent.yaml": base + "agent:\n  kind: xray-daemon\n  bufer_mb: 3\n",
            "platform-key.yaml": base + "    function_name: f\n",
            "rule.yaml": base + "sampling:\n  rules:\n    - {name: a, priority: 1, reservoir: 1, rate: 0.1, url: /x}\n",
            "bad-rate.yaml": base + "sampling:\n  default: {reservoir: 1, rate: 5}\n",
        ]
        var paths = TestSupport.allModels.map(\.url.path)
        for (name, text) in invalid {
            let url = work.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            paths.append(url.path)
        }
        let script = TestSupport.path("Tests/XRayKitTests/Conformance/schema_check.py").path
        let result = try await TestSupport.run(TestSupport.which("python3")!, [script, schema.path] + paths)
        #expect(result.status == 0, "\(result.stderr)")
        let errors = try JSONDecoder().decode([String: [String]].self, from: Data(result.stdout.utf8))
        for model in TestSupport.allModels {
            #expect(errors[model.url.path] == [], "\(model.name) fails the schema: \(errors[model.url.path] ?? [])")
        }
        for name in invalid.keys {
            #expect(errors[work.appendingPathComponent(name).path]?.isEmpty == false, "the schema accepted \(name)")
        }
    }
}
