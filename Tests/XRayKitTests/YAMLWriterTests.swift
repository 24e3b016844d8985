import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct YAMLWriterTests {
    @Test func writesOrderedMapsAndQuotesAmbiguousStrings() throws {
        let text = YAMLWriter.render(.map([
            ("b", .string("plain")),
            ("a", .list([.string("true"), .string("1.5"), .string("null"), .string("yes"), .string("")])),
            ("n", .int(3)),
            ("f", .bool(false)),
            ("r", .double(0.05)),
            ("content", .block("Version: 2\nRegion: us-east-1\n")),
        ]))
        #expect(text == """
            b: plain
            a:
            - "true"
            - "1.5"
            - "null"
            - "yes"
            - ""
            n: 3
            f: false
            r: 0.05
            content: |
              Version: 2
              Region: us-east-1

            """)
        // What is written reads back as the same types.
        let node = try #require(try YAMLLoader.load(text, file: "x"))
        #expect(node["a"]?.items?.allSatisfy { $0.scalar?.kind == .string } == true)
        #expect(node["n"]?.scalar?.kind == .int)
        #expect(node["f"]?.scalar?.kind == .bool)
        #expect(node["content"]?.scalar?.text == "Version: 2\nRegion: us-east-1\n")
    }
}
