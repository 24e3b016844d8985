import Foundation
import Testing
@testable import XRayKit

@Suite struct ModelSchemaTests {
    @Test func everyModelKeyIsDescribed() {
        let text = ModelSchema.render()
        #expect(!text.contains("(undocumented)"), "a key the decoder reads has no schema; add it to ModelSchema")
        for key in ModelReader.topLevelKeys + ModelReader.agentKeys + ModelReader.samplingRuleKeys + ModelReader.logsKeys
            + Array(ModelReader.platformKeys.values.joined()) {
            #expect(text.contains("\"\(key)\""), "\(key) is missing from the schema")
        }
    }

    /// jsonschema accepts every template, example and fixture, and rejects unknown keys anywhere.
    @Test(.tags(.slow), PythonTools.available(PythonTools.schema))
    func schemaAcceptsEveryModelAndRejectsUnknownKeys() throws {
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
        let result = try TestSupport.run(TestSupport.which("python3")!, [script, schema.path] + paths)
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
