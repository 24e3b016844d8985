import Foundation
import Testing
@testable import XRayKit
@testable import XRayRules

/// XR526's key lists are the vendored agent schema's (Fixtures/cloudwatch-agent, commit ab55b8d), and
/// XR527 reads agent versions from image tags; XR529's component table is the agent's own (same commit).
@Suite struct CloudWatchAgentOpenTelemetryTests {
    @Test func allowedKeysAreTheVendoredSchemas() throws {
        let url = TestSupport.path("Tests/XRayKitTests/Fixtures/cloudwatch-agent/schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as? [String: Any])
        let definitions = try #require(schema["definitions"] as? [String: Any])
        var node = try #require(definitions["opentelemetryDefinition"] as? [String: Any])
        for (path, keys) in CloudWatchAgentOpenTelemetryUnknownKey.allowed {
            if path.count > 1 {
                node = try #require(definitions["opentelemetryDefinition"] as? [String: Any])
                for key in path.dropFirst() {
                    node = try #require((node["properties"] as? [String: Any])?[key] as? [String: Any])
                }
            }
            #expect(node["additionalProperties"] as? Bool == false, "\(path)")
            #expect(Set(keys) == Set((node["properties"] as? [String: Any])?.keys.map { $0 } ?? []), "\(path)")
        }
    }

    /// XR529 flags only what the agent's own test says it lacks: its `want…` lists, section by section.
    @Test func bundledComponentsAreTheAgentsOwnList() throws {
        let text = try String(contentsOf: TestSupport.path("Tests/XRayKitTests/Fixtures/cloudwatch-agent/components_test.go.txt"), encoding: .utf8)
        var lists: [String: Set<String>] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("want"), trimmed.hasSuffix(":= []string{") {
                current = String(trimmed.dropFirst(4).prefix { $0 != " " }).lowercased()
                lists[current!] = []
            } else if trimmed == "}" {
                current = nil
            } else if let section = current, trimmed.hasPrefix("\""), trimmed.hasSuffix("\",") {
                lists[section]?.insert(String(trimmed.dropFirst().dropLast(2)))
            }
        }
        #expect(lists.keys.sorted() == CloudWatchAgentUnbundledComponent.bundled.keys.sorted())
        for (section, types) in lists {
            #expect(types == CloudWatchAgentUnbundledComponent.bundled[section], "\(section)")
        }
    }

    @Test func agentVersionsFromImageTags() {
        #expect(CloudWatchAgentOpenTelemetryTooOld.version(ofImage: "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300062.0b1304") == [1, 300062, 0])
        #expect(CloudWatchAgentOpenTelemetryTooOld.version(ofImage: "amazon/cloudwatch-agent:1.300070.0") == [1, 300070, 0])
        #expect(CloudWatchAgentOpenTelemetryTooOld.version(ofImage: "amazon/cloudwatch-agent:latest") == nil)
        #expect(CloudWatchAgentOpenTelemetryTooOld.version(ofImage: "amazon/cloudwatch-agent@sha256:abc") == nil)
        #expect(CloudWatchAgentOpenTelemetryTooOld.version(ofImage: "localhost:5000/cloudwatch-agent") == nil)
    }
}
