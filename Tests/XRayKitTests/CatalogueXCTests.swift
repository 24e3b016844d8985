import XCTest
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// The catalogue as the SARIF report and `xrayctl rules` present it (kept in XCTest so both test
/// runners report their counts).
final class CatalogueXCTests: XCTestCase {
    func testEveryRuleIsInTheSARIFDriver() throws {
        let sarif = SARIFReporter.render(LintReport(findings: [], fileCount: 0))
        for description in RuleCatalog.descriptions {
            XCTAssertTrue(sarif.contains("\"id\": \"\(description.id)\""), "\(description.id) missing from tool.driver.rules")
        }
    }

    func testRuleIDsFollowTheCatalogueBlocks() {
        let blocks = ["XR0", "XR1", "XR2", "XR3", "XR4", "XR5", "XR6", "XR7", "XR8", "XR9"]
        for description in RuleCatalog.descriptions {
            XCTAssertTrue(blocks.contains(String(description.id.prefix(3))), description.id)
            XCTAssertEqual(description.id.count, 5, description.id)
        }
        XCTAssertNil(RuleCatalog.rule("XR118"), "XR118 was retired before release and must not come back")
    }
}
