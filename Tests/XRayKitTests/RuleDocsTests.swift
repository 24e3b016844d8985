import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// `docs/rules/` is printed from the catalogue, and every rule rests on documents a user can open.
@Suite struct RuleDocsTests {
    @Test func rulePagesAreFresh() throws {
        let folder = TestSupport.path("docs/rules")
        let expected = RuleDocs.pages(RuleCatalog.descriptions)
        let recorded = try TestSupport.record(.docs, "docs/rules") {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, page) in expected { try Data(page.utf8).write(to: folder.appendingPathComponent(name)) }
        }
        guard !recorded else { return }
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        let missing = Set(expected.keys).subtracting(present).sorted(), extra = present.subtracting(expected.keys).sorted()
        #expect(missing.isEmpty && extra.isEmpty, "docs/rules is stale (missing \(missing), extra \(extra)): run XRAYCTL_RECORD=docs swift test")
        for (name, page) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(TestSupport.read(folder.appendingPathComponent(name)) == page, "docs/rules/\(name) is stale: run XRAYCTL_RECORD=docs swift test")
        }
    }

    @Test func everyRuleCitesPublicSources() throws {
        for description in RuleCatalog.descriptions {
            #expect(!description.sources.isEmpty, "\(description.id) cites no source")
            for source in description.sources where !source.url.hasPrefix("https://") {
                // xrayctl's own behaviour: a file of this repository (an anchor may follow).
                let path = String(source.url.split(separator: "#")[0])
                #expect(FileManager.default.fileExists(atPath: TestSupport.path(path).path), "\(description.id): \(source.url)")
            }
            // The documents the project was built from are not the user's; rationales must not point there.
            for reference in ["facts §", "users.md", "spec/", "§"] {
                #expect(!description.rationale.contains(reference), "\(description.id) cites '\(reference)'")
            }
        }
    }

    /// A page says what the rule reports and how to fix it, from running the rule on its example.
    @Test func pageShowsTheFindingAndFix() throws {
        let page = RuleDocs.markdownPage(try #require(RuleCatalog.rule("XR102")).description)
        #expect(page.contains("## What xrayctl reports"))
        #expect(page.contains("XR102 the agent container 'xray-daemon' does not expose container port 2000/udp"))
        #expect(page.contains("**Fix:** Add {\"containerPort\": 2000, \"protocol\": \"udp\"} to its portMappings"))
        #expect(page.contains("- [AWS X-Ray Developer Guide: The AWS X-Ray daemon](https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon.html)"))
    }

    @Test func sarifLinksEachRuleToItsPage() throws {
        let sarif = SARIFReporter.render(LintReport(findings: [], fileCount: 0))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == RuleCatalog.all.count)
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            #expect(rule["helpUri"] as? String == XRayKit.repositoryURL.map { "\($0)/blob/main/docs/rules/\(id).md" })
            let markdown = try #require((rule["help"] as? [String: Any])?["markdown"] as? String)
            let description = try #require(RuleCatalog.rule(id)).description
            #expect(description.sources.allSatisfy { markdown.contains($0.title) && (!$0.url.hasPrefix("https://") || markdown.contains($0.url)) })
        }
    }

    /// No placeholder (`OWNER`) reaches what users see: SARIF, `rules` in every format, the pages.
    /// Until `XRayKit.repositoryURL` is set, the links to the pages are left out.
    @Test func noPlaceholderLinks() async throws {
        let binary = try #require(TestSupport.xrayctl)
        var outputs: [String] = []
        for arguments in [["lint", TestSupport.path("examples/broken").path, "-f", "sarif"], ["rules"], ["rules", "XR104"],
                          ["rules", "-f", "json"], ["rules", "-f", "markdown"]] {
            outputs.append(try await TestSupport.run(binary, arguments).stdout)
        }
        outputs += RuleDocs.pages(RuleCatalog.descriptions).values
        for output in outputs {
            #expect(!output.isEmpty && !output.contains("OWNER"), "\(output.prefix(200))")
        }
        if XRayKit.repositoryURL == nil {
            #expect(!outputs[0].contains("helpUri") && !outputs[3].contains("help_uri") && !outputs[2].contains("More:"))
        }
    }
}
