import Foundation
import Testing
import Yams
@testable import XRayCore

/// `DirectYAMLWriter` must write what Yams writes, byte for byte, and what it writes must read back
/// as the same values. Hostile text in every place a scalar can stand, and random text built from
/// the characters that decide libyaml's choice of style.
@Suite struct DirectYAMLWriterTests {
    static let hostile: [String] = [
        "", " ", "  ", "plain", "two words", "with: colon", "colon:", ":colon", "a:b", "key: value", "- dash", "-dash", "-",
        "--", "---", "--- x", "...", "... x", "? question", "?q", "?", "* star", "*star", "&anchor", "!tag", "%percent",
        "@at", "`backtick", "|pipe", ">folded", "'single'", "\"double\"", "it's", "say \"hi\"", "#hash", "a #comment",
        "a#b", "a # b", "[flow]", "{flow}", "a, b", "a,b", "a[0]", "{a}", "yes", "no", "Yes", "NO", "on", "off", "y", "n",
        "true", "False", "null", "Null", "~", "0x1F", "0o17", "017", "1e3", "1.5", ".5", "+1", "-1", "1_000", "12:30",
        "190:20:30", ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "=", "<<", "leading space",
        " leading", "trailing ", "tab\tinside", "\ttab", "tab\t", "line\nbreak", "\nleading break", "trailing break\n",
        "two\n\nbreaks", "space \nbreak", "break\n space", "cr\rhere", "crlf\r\nhere", "nel\u{85}here", "ls\u{2028}here",
        "ps\u{2029}here", "\u{FEFF}bom", "bom\u{FEFF}", "nbsp\u{A0}here", "\u{A0}", "café", "日本語", "emoji 😀",
        "\u{1F600}", "e\u{301}", "\u{301}combining", "\u{7F}del", "bell\u{07}", "nul\u{0}here", "esc\u{1B}", "\u{80}",
        "\u{9F}", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{FFFE}", "back\\slash", "\\", "\"", "'", "''", "a'b'c",
        "arn:aws:iam::123456789012:role/x", "arn:${AWS::Partition}:iam::aws:policy/x", "Fn::Sub", "!Ref x",
        "${AWS::Region}", "*", "0.0.0.0:2000", "http://example.com/a?b=c#d", "x-ray: daemon # sidecar",
        String(repeating: "k", count: 128), String(repeating: "k", count: 129), String(repeating: "é", count: 64),
        String(repeating: "é", count: 65),
    ]

    /// The reference: Yams's own writing of the same tree.
    private func expectSameAsYams(_ value: YAMLValue, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let yams = YAMLWriter.renderWithYams(value)
        #expect(YAMLWriter.render(value) == yams, sourceLocation: sourceLocation)
    }

    private func documents(_ text: String) -> [YAMLValue] {
        [
            .map([("value", .string(text))]),
            .map([(text, .string("v")), ("next", .int(1))]),
            .list([.string(text), .string("after")]),
            .list([.list([.string(text)]), .map([(text, .list([.string(text)]))])]),
            .map([("outer", .map([(text, .map([("inner", .string(text))]))])), ("list", .list([.map([("k", .string(text))])]))]),
            .map([("empty", .list([])), ("none", .map([])), ("items", .list([.list([]), .map([])])), ("last", .string(text))]),
        ]
    }

    @Test(arguments: hostile)
    func writesWhatYamsWrites(_ text: String) {
        for document in documents(text) { expectSameAsYams(document) }
    }

    /// Values always read back as the same string. Keys are written as libyaml writes them, which
    /// quotes only what its syntax needs: a key that would resolve to another type (`true`, `<<`)
    /// reads back as that type, as it did with Yams, so only keys that resolve to strings are asked.
    @Test(arguments: hostile)
    func whatItWritesReadsBackAsTheSameText(_ text: String) throws {
        let keyIsText = Resolver.default.resolveTag(of: Node(text)) == .str && text != "value"
        let yaml = YAMLWriter.render(.map([("value", .string(text)), ("list", .list([.string(text), .map([("k", .string(text))])]))]
            + (keyIsText ? [(text, .string(text))] : [])))
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        // Yams's reader drops a byte order mark at the start of a decoded scalar; what is written is
        // YAML's escape for it, which other readers (PyYAML, libyaml itself) read back as U+FEFF.
        var expected = text
        if text.unicodeScalars.first == "\u{FEFF}" {
            #expect(yaml.contains("value: \"\\uFEFF"))
            expected = String(text.unicodeScalars.dropFirst())
        }
        #expect(loaded["value"] as? String == expected)
        let list = try #require(loaded["list"] as? [Any])
        #expect(list.first as? String == expected)
        #expect((list.last as? [String: Any])?["k"] as? String == expected)
        if keyIsText { #expect(loaded[expected] as? String == expected) }
    }

    /// Numbers, booleans and null written plain read back as their types; text that looks like one
    /// is quoted.
    @Test func typesAndLookalikesKeepTheirTypes() throws {
        let yaml = YAMLWriter.render(.map([
            ("int", .int(-42)), ("double", .double(0.05)), ("bool", .bool(true)), ("null", .null),
            ("text", .list(["1", "true", "null", "~", "1e3", "0x1F", "yes", ""])),
        ]))
        expectSameAsYams(.map([("int", .int(-42)), ("double", .double(0.05))]))
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(loaded["int"] as? Int == -42)
        #expect(loaded["double"] as? Double == 0.05)
        #expect(loaded["bool"] as? Bool == true)
        #expect(loaded["null"] is NSNull)
        #expect(loaded["text"] as? [String] == ["1", "true", "null", "~", "1e3", "0x1F", "yes", ""])
    }

    /// Random text over the characters that decide a style, at random places: a fixed seed, so a
    /// failure repeats.
    @Test func randomTextMatchesYams() {
        let alphabet: [String] = ["a", "Z", "0", "1", " ", " ", ":", "-", "?", "#", ",", "[", "]", "{", "}", "&", "*", "!",
                                  "|", ">", "'", "\"", "%", "@", "`", "\\", ".", "~", "\t", "\n", "\r", "\u{85}", "\u{2028}",
                                  "\u{FEFF}", "\u{A0}", "é", "😀", "\u{7}", "\u{0}", "y", "n", "e"]
        var generator = RobustnessTests.SeededGenerator(state: 0x5EED_CAFE)
        var covered = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 0...8, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let document = documents(text)[Int.random(in: 0..<6, using: &generator)]
            expectSameAsYams(document)
            if DirectYAMLWriter.render(document, readsAsString: { _ in true }) != nil { covered += 1 }
        }
        // Most documents are written directly, not handed back to Yams.
        #expect(covered > 2000)
    }

    /// What the direct writer hands back to Yams: literal blocks, keys libyaml writes as `? ` keys,
    /// multi-line single-quoted text, and documents that are not a non-empty collection.
    @Test func leavesToYamsWhatItDoesNotWrite() {
        let always: (String) -> Bool = { _ in true }
        #expect(DirectYAMLWriter.render(.map([("k", .block("a\nb\n"))]), readsAsString: always) == nil)
        #expect(DirectYAMLWriter.render(.map([(String(repeating: "k", count: 129), .int(1))]), readsAsString: always) == nil)
        #expect(DirectYAMLWriter.render(.map([("a\nb", .int(1))]), readsAsString: always) == nil)
        #expect(DirectYAMLWriter.render(.map([("k", .string("a\nb"))]), readsAsString: always) == nil)
        #expect(DirectYAMLWriter.render(.string("x"), readsAsString: always) == nil)
        #expect(DirectYAMLWriter.render(.map([]), readsAsString: always) == nil)
        #expect(DirectYAMLWriter.render(.map([("k", .string("v"))]), readsAsString: always) == "k: v\n")
    }
}
