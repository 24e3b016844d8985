import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// docs/man/xrayctl.1 (scripts/man.sh) renders cleanly and is in step with the commands.
@Suite struct ManPageTests {
    static let page = TestSupport.path("docs/man/xrayctl.1")

    @Test(.enabled(if: TestSupport.which("groff") != nil, "groff renders man pages; it is not installed"))
    func rendersWithoutWarnings() async throws {
        let result = try await TestSupport.run(try #require(TestSupport.which("groff")), ["-mdoc", "-Tutf8", "-ww", Self.page.path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func namesEveryCommandAndLintOption() async throws {
        let page = try #require(TestSupport.read(Self.page))
        let binary = try #require(TestSupport.xrayctl)
        let help = try await TestSupport.run(binary, ["--help"]).stdout
        // Subcommand lines are indented by two spaces; wrapped descriptions by many more.
        let subcommands = (help.components(separatedBy: "SUBCOMMANDS:").last ?? "").split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }.filter { $0 != "See" }
        #expect(subcommands.count >= 8)
        for name in subcommands { #expect(page.contains(".It Em \(name)"), "the man page lacks '\(name)': run scripts/man.sh") }
        let lint = try await TestSupport.run(binary, ["lint", "--help"]).stdout
        // Every kind of file lint reads is named in its help and on the page (help wraps lines).
        let flatHelp = lint.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let flatPage = page.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for kind in DocumentKind.linted {
            #expect(flatHelp.contains(kind.rawValue), "lint --help does not name '\(kind.rawValue)'")
            #expect(flatPage.contains(kind.rawValue), "the man page does not name '\(kind.rawValue)': run scripts/man.sh")
        }
        for option in lint.split(separator: "\n").compactMap({ $0.split(separator: " ").first { $0.hasPrefix("--") } }) {
            #expect(page.contains(String(option.dropFirst())), "the man page lacks lint \(option): run scripts/man.sh")
        }
    }
}
