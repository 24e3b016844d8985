import Foundation
import Testing
import Yams
@testable import XRayCore

/// The one-pass route (`YAMLEventComposer`) must build the very tree the full route (Yams, then the
/// conversion) builds, and must leave to the full route every text it could not read the same way.
@Suite struct YAMLEventComposerTests {
    /// The tree as text: every node's pointer, place, type and scalar details.
    static func dump(_ node: LocatedNode, into lines: inout [String]) {
        let place = "\(node.pointer) @\(node.location.file):\(node.location.line):\(node.location.column)"
        switch node.value {
        case .scalar(let scalar):
            lines.append("\(place) scalar \(scalar.kind) quoted=\(scalar.isQuoted) \(scalar.text.debugDescription)")
        case .mapping(let pairs):
            lines.append("\(place) mapping \(pairs.count)")
            for pair in pairs {
                dump(pair.key, into: &lines)
                dump(pair.value, into: &lines)
            }
        case .sequence(let items):
            lines.append("\(place) sequence \(items.count)")
            for item in items { dump(item, into: &lines) }
        }
    }

    static func dump(_ roots: [LocatedNode]) -> [String] {
        var lines: [String] = []
        for root in roots { dump(root, into: &lines) }
        return lines
    }

    /// Both routes over `text`; nil from the one-pass route when it leaves the text to the other.
    static func routes(_ text: String, tags: Bool = true) throws -> (direct: [String]?, full: [String]) {
        let full = try YAMLLoader.compose(text, file: "t.yaml", options: .init(cloudFormationTags: tags))
        let direct = YAMLEventComposer.compose(text, file: "t.yaml", cloudFormationTags: tags, limit: 1_000)
        return (direct.map { dump($0.roots) }, dump(full))
    }

    /// A key's `~` and `/` are escaped per Unicode scalar (RFC 6901), a combining mark after them
    /// included, and a tree read from a file and one built in code give the same pointer.
    @Test func pointersEscapeKeysPerScalarOnEveryRoute() throws {
        let key = "a/\u{301}b~\u{301}c"
        let expected = "/a~1\u{301}b~0\u{301}c"
        let text = "\"\(key)\": 1\n"
        let direct = try #require(YAMLEventComposer.compose(text, file: "t.yaml", cloudFormationTags: true, limit: 1_000))
        let full = try YAMLLoader.compose(text, file: "t.yaml", options: .init(cloudFormationTags: true))
        let built = LocatedNode(.map([(key, .int(1))]), at: SourceLocation(file: "t.yaml", line: 1, column: 1))
        for root in [direct.roots[0], full[0], built] {
            guard case .mapping(let pairs) = root.value else { Issue.record("not a mapping"); continue }
            #expect(pairs.first?.value.pointer == expected)
        }
    }

    /// A scalar that starts with U+FEFF reads the same on both routes: Yams's reading of a scalar's
    /// bytes drops one leading byte order mark, and so does the one-pass route.
    @Test func aLeadingByteOrderMarkInAScalarReadsAlike() throws {
        for text in ["k: \"\\uFEFFx\"\n", "k: '\u{FEFF}x'\n", "k: [a, \"\u{FEFF}\"]\n", "k: \"\\uFEFF\\uFEFFx\"\n",
                     "\"\\uFEFFk\": 1\n", "k: \"x\\uFEFF\"\n"] {
            let (direct, full) = try Self.routes(text)
            #expect(try #require(direct) == full, "\(text.debugDescription)")
        }
    }

    static let samples = [
        "",
        "a: 1\n",
        """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              RoleName: !Sub "${AWS::StackName}-role"
              Arn: !GetAtt Bucket.Arn
              Other: !GetAtt [Bucket, Arn]
              Ref: !Ref Bucket
              Joined: !Join ["", [a, !Ref B]]
              If: !If [Cond, {a: 1}, !Ref AWS::NoValue]
              Quoted: 'x'
              Block: |
                text
              Folded: >
                more
              Numbers: [1, 1.5, 0x1F, .inf, ~, null, Yes, off, 2026-12-06, "3", !!str 4, ! 5]
              Empty:
              "a/b~c": slash and tilde in a key
        """,
        "- a\n- - b\n  - {c: d, e: [f, g]}\n- !Ref x\n",
        "!Sub\n- ${A}\n- A: !Ref B\n",
        "!Ref key: value\nplain: text\n",
        "---\na: 1\n---\n- b\n...\n",
        "&anchor {a: 1}\n",
        "{\"json\": [1, 2.5, true, null, \"s\"]}",
        "key: [ü, \"é\\u00e9\", 'x''y']\n",
    ]

    @Test func buildsTheFullRoutesTree() throws {
        for (index, sample) in Self.samples.enumerated() {
            let (direct, full) = try Self.routes(sample)
            #expect(direct == full, "sample \(index)")
            let (untagged, fullUntagged) = try Self.routes(sample, tags: false)
            #expect(untagged == fullUntagged, "sample \(index) without CloudFormation tags")
        }
    }

    /// Every YAML and JSON file of the repository's fixtures and examples that both routes read.
    @Test func agreesOnTheRepositoryFiles() throws {
        var compared = 0
        for top in ["examples", "Tests/XRayKitTests/Fixtures", "Tests/XRayKitTests/Golden"] {
            let folder = TestSupport.path(top)
            guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["yaml", "yml", "json"].contains(url.pathExtension) {
                // The one-pass route first: what it leaves (alias bombs among the fuzz seeds) is not
                // for Yams without the prepass.
                guard let data = try? Data(contentsOf: url), data.count < 200_000, let text = String(data: data, encoding: .utf8),
                      let direct = YAMLEventComposer.compose(text, file: "t.yaml", cloudFormationTags: true, limit: 100_000),
                      let full = try? YAMLLoader.compose(text, file: "t.yaml", options: .init(cloudFormationTags: true))
                else { continue }
                #expect(Self.dump(direct.roots) == Self.dump(full), "\(url.path)")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    /// What only the full route reads, or refuses with its own message.
    @Test func leavesTheRestToTheFullRoute() {
        let others = [
            "a: &x 1\nb: *x\n",          // an alias
            "a: 1\na: 2\n",              // a repeated key
            "[a]: 1\n",                  // a list as a key
            "a: [1, 2\n",                // a syntax error
            "a: 1\n b: 2\n",             // another
        ]
        for text in others {
            #expect(YAMLEventComposer.compose(text, file: "t.yaml", cloudFormationTags: true, limit: 1_000) == nil, "\(text)")
        }
        // Past the budget: `a`, `1` and the mapping are three nodes.
        #expect(YAMLEventComposer.compose("a: 1\n", file: "t.yaml", cloudFormationTags: false, limit: 2) == nil)
        #expect(YAMLEventComposer.compose("a: 1\n", file: "t.yaml", cloudFormationTags: false, limit: 3)?.nodes == 3)
    }

    /// The loader's answers, through whichever route, for what the one-pass route leaves alone.
    @Test func loaderMessagesAreTheFullRoutes() {
        func message(_ text: String) -> String? {
            do { _ = try YAMLLoader.load(text, file: "t.yaml"); return nil } catch { return "\(error.location.line):\(error.location.column) \(error.message)" }
        }
        #expect(message("a: 1\na: 2\n") == "1:1 duplicate key 'a' in this mapping")
        // Past sixteen keys the one-pass reader looks repeats up in a set instead of its list.
        let long = (0..<20).map { "k\($0): 1\n" }.joined()
        #expect(message(long) == nil)
        #expect(message(long + "k3: 2\n") == "4:1 duplicate key 'k3' in this mapping")
        #expect(message("k: 1\n" + long + "k19: 2\n") == "21:1 duplicate key 'k19' in this mapping")
        #expect(message("a: [1, 2\n")?.hasPrefix("2:1 invalid YAML:") == true)
        #expect(message("---\na: 1\n---\nb: 2\n")?.hasPrefix("4:1 the file holds 2 YAML documents") == true)
    }
}
