import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

@Suite struct ValueTests {
    /// `field` finds the API name or its CloudFormation spelling, the API name first.
    @Test func fieldsByEitherName() throws {
        let node = try #require(try YAMLLoader.load("NetworkMode: awsvpc\ncpu: 256\nCpu: 512\n_x: 1\n\u{F1}o: 2\n\u{D1}o: 3\n", file: "t.yaml"))
        #expect(node.field("networkMode")?.text == "awsvpc")
        #expect(node.field("NetworkMode")?.text == "awsvpc")
        #expect(node.field("cpu")?.text == "256")
        #expect(node.field("Cpu")?.text == "512")
        #expect(node.field("_x")?.text == "1")
        #expect(node.field("\u{F1}o")?.text == "2")
        #expect(node.field("memory") == nil)
        #expect(LocatedNode(.sequence([]), at: node.location).field("cpu") == nil)
        let other = try #require(try YAMLLoader.load("\u{D1}o: 3\n", file: "t.yaml"))
        #expect(other.field("\u{F1}o")?.text == "3")
    }

    @Test(arguments: [
        ("public.ecr.aws/xray/aws-xray-daemon:3.6.6", "public.ecr.aws", "xray/aws-xray-daemon", "3.6.6"),
        ("nginx", nil, "nginx", nil),
        ("localhost:5000/team/app:v1", "localhost:5000", "team/app", "v1"),
        ("123456789012.dkr.ecr.us-east-2.amazonaws.com/scorekeep-api:1.4", "123456789012.dkr.ecr.us-east-2.amazonaws.com", "scorekeep-api", "1.4"),
    ] as [(String, String?, String, String?)])
    func parsesImageReferences(text: String, registry: String?, repository: String, tag: String?) throws {
        let image = try #require(ImageReference(text))
        #expect(image.registry == registry)
        #expect(image.repository == repository)
        #expect(image.tag == tag)
        #expect(image.description == text)
    }

    @Test(arguments: ["", "UPPER/case", "app:", "app:-bad", "app@sha256:short", "a//b", "http://x", "app:1:2"])
    func rejectsInvalidImageReferences(text: String) {
        #expect(ImageReference(text) == nil)
    }

    @Test func floatingImages() {
        #expect(ImageReference("amazon/aws-xray-daemon")!.floats)
        #expect(ImageReference("amazon/aws-xray-daemon:latest")!.floats)
        #expect(!ImageReference("amazon/aws-xray-daemon:3.x")!.floats)
        #expect(!ImageReference("app@sha256:" + String(repeating: "a", count: 64))!.floats)
    }

    @Test func parsesARNs() throws {
        let role = try #require(ARN("arn:aws:iam::123456789012:role/path/xray-writer"))
        #expect(role.roleName == "xray-writer")
        #expect(role.account == "123456789012")
        #expect(ARN("arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess") != nil)
        #expect(ARN("arn:aws:iam::12345:role/x") == nil)
        #expect(ARN("not-an-arn") == nil)
        #expect(ARN("arn:aws:s3:::bucket")?.roleName == nil)
    }

    @Test func regions() {
        for region in Region.known { #expect(Region.isWellFormed(region), "\(region)") }
        for bad in ["us-east", "useast1", "US-EAST-1", "us-east-1a", "", "us--1"] {
            #expect(!Region.isWellFormed(bad), "\(bad)")
        }
        #expect(Partition.of(region: "cn-northwest-1") == .awsCN)
        #expect(Partition.of(region: "us-gov-west-1") == .awsUSGov)
        #expect(Partition.awsCN.servicePrincipal("ec2") == "ec2.amazonaws.com.cn")
        #expect(Partition.awsCN.servicePrincipal("ecs-tasks") == "ecs-tasks.amazonaws.com")
    }

    @Test func fargateSizes() {
        #expect(FargateTaskSize.isValid(cpu: 256, memory: 512))
        #expect(!FargateTaskSize.isValid(cpu: 256, memory: 4096))
        #expect(FargateTaskSize.isValid(cpu: 8192, memory: 61440))
        #expect(!FargateTaskSize.isValid(cpu: 8192, memory: 17408))
        #expect(FargateTaskSize.smallest(fitting: 224, memory: 768) == FargateTaskSize(cpu: 256, memory: 1024))
        #expect(FargateTaskSize.smallest(fitting: 300, memory: 512) == FargateTaskSize(cpu: 512, memory: 1024))
        // Memory decides: 256 cpu tops out at 2048 MiB.
        #expect(FargateTaskSize.smallest(fitting: 100, memory: 3000) == FargateTaskSize(cpu: 512, memory: 3072))
        #expect(FargateTaskSize.smallest(fitting: 20000, memory: 512) == nil)
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "servics", in: ["services", "sampling"]) == "services")
        #expect(Suggestion.closest(to: "XrayEnabled", in: ["XRayEnabled"]) == "XRayEnabled")
        #expect(Suggestion.closest(to: "zzz", in: ["services"]) == nil)
        #expect(Suggestion.editDistance("ab", "ba") == 1)
    }

    @Test func naming() {
        #expect(Naming.prefixed("scorekeep", "scorekeep-api") == "scorekeep-api")
        #expect(Naming.prefixed("shop", "api") == "shop-api")
        #expect(Naming.prefixed("shop", "shopping") == "shop-shopping")
    }
}

/// Generated JSON is laid out as AWS's documentation and `aws --output json` print it.
@Suite struct CanonicalJSONTests {
    @Test func layoutMatchesTheAWSCLI() {
        let value: JSONValue = ["b": ["c": "x:{,}\"]", "d": [1, 2]], "a": [], "e": [:], "f": ["\\"]]
        #expect(CanonicalJSON.encode(value) == """
            {
              "a": [],
              "b": {
                "c": "x:{,}\\"]",
                "d": [
                  1,
                  2
                ]
              },
              "e": {},
              "f": [
                "\\\\"
              ]
            }

            """)
    }

    /// Strings full of structure characters and escapes survive the re-indentation unchanged.
    @Test func reindentingKeepsTheValue() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("{}[],:\"\\ aé\n\t/")
        for _ in 0..<200 {
            func text() -> String { String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
            let value: JSONValue = .object([text(): .array([.string(text()), .object([text(): .string(text())]), .array([])]), "n": .int(3)])
            let pretty = CanonicalJSON.encode(value)
            let decoded = try JSONSerialization.jsonObject(with: Data(pretty.utf8)) as? NSDictionary
            let original = try JSONSerialization.jsonObject(with: Data(CanonicalJSON.compact(value).utf8)) as? NSDictionary
            #expect(decoded != nil && decoded == original, "\(pretty)")
        }
    }
}

/// Work spread over the cores comes back in input order, whatever the scheduling.
@Suite struct ParallelTests {
    @Test func mapKeepsInputOrder() {
        let items = Array(0..<5_000)
        // Uneven work per item, so chunks finish out of order.
        let squares = Parallel.map(items) { item -> Int in
            var total = 0
            for step in 0..<(item % 97) * 50 { total &+= step }
            return item * item + (total & 0)
        }
        #expect(squares == items.map { $0 * $0 })
    }

    /// Below `Parallel.worthwhileBytes` of input one core does the work; the answer is the same.
    @Test func smallInputStaysOnOneCoreWithTheSameAnswer() throws {
        #expect(Parallel.map(Array(0..<100), split: false) { $0 * 2 } == Parallel.map(Array(0..<100)) { $0 * 2 })
        // The documents of one YAML stream share their file's text: it is counted once.
        let stream = DocumentLoader.loadAll(path: "s.yaml", data: Data("a: 1\n---\nb: 2\n".utf8))
        #expect(stream.count == 2 && stream.fileBytes == 14)
        let file = TestSupport.temporaryDirectory().appendingPathComponent("t.yaml")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try Data(repeating: 0x20, count: 1_234).write(to: file)
        #expect(FileCollector.Job.named(file.path).estimatedBytes == 1_234)
        #expect(FileCollector.Job.walked(file.path + ".missing").estimatedBytes == 0)
    }

    /// A folder large enough to be split over the cores: documents in the walk's order, and the
    /// same findings every time.
    @Test func aLargeFolderIsSplitAndStaysInOrder() throws {
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = FileCollector.walk(TestSupport.path("examples").path).filter { $0.hasSuffix("cloudformation.yaml") }
        var bytes = 0, copies = 0
        while bytes < Parallel.worthwhileBytes {
            for template in templates {
                let copy = folder.appendingPathComponent(String(format: "t%04d.yaml", copies)).path
                try FileManager.default.copyItem(atPath: template, toPath: copy)
                bytes += FileCollector.Job.walked(copy).estimatedBytes
                copies += 1
            }
        }
        let first = try FileCollector.gather([folder.path]).documents
        #expect(first.fileBytes >= Parallel.worthwhileBytes)
        #expect(first.map(\.path) == FileCollector.walk(folder.path))
        let again = try FileCollector.gather([folder.path]).documents
        #expect(Linter.lint(first) == Linter.lint(again))
    }

    /// Files read in parallel are reported in the order a sequential walk gives.
    @Test func lintOfAFolderIsTheSameEveryTime() throws {
        let folder = TestSupport.path("examples").path
        let first = try FileCollector.gather([folder]).documents.map(\.path)
        // In the walk's (sorted) order, several documents of one file together.
        let order = FileCollector.walk(folder)
        let positions = first.map { order.firstIndex(of: $0) ?? -1 }
        #expect(!positions.isEmpty && !positions.contains(-1) && positions == positions.sorted())
        for _ in 0..<3 {
            let again = try FileCollector.gather([folder])
            #expect(again.documents.map(\.path) == first)
            #expect(Linter.lint(again.documents) == Linter.lint(try FileCollector.gather([folder]).documents))
        }
    }
}

/// The template is built from typed artifacts encoded as trees; the tree must say exactly what
/// the JSON files say.
@Suite struct JSONTreeEncoderTests {
    @Test func treesMatchTheJSONFilesForEveryModel() throws {
        var checked = 0
        for model in TestSupport.allModels {
            let decoded = try ModelDecoder.decode(TestSupport.read(model.url) ?? "", file: model.name).model
            let context = GenerationContext(model: decoded)
            for service in decoded.services {
                let output = Generator.platformOutput(service, context)
                for case .taskDefinition(let task) in output.resources {
                    #expect(CanonicalJSON.compact(JSONTreeEncoder.encode(task.definition)) == CanonicalJSON.compact(task.definition))
                    checked += 1
                }
                for role in output.roles {
                    if let trust = role.trust { #expect(CanonicalJSON.compact(JSONTreeEncoder.encode(trust)) == CanonicalJSON.compact(trust)) }
                    if let policy = role.inlinePolicy { #expect(CanonicalJSON.compact(JSONTreeEncoder.encode(policy)) == CanonicalJSON.compact(policy)) }
                    checked += 1
                }
            }
        }
        #expect(checked > 40)
    }
}

/// Image tags read as versions (XR910 and the model's Pod Identity check compare them).
@Suite struct SemanticVersionTests {
    @Test func readsVersionTagsAndNothingElse() {
        #expect(SemanticVersion("v0.49.0") == [0, 49, 0])
        #expect(SemanticVersion("3.6.6")! > [3, 6, 0])
        #expect(SemanticVersion("3.3.14")! < [3, 6, 0])
        #expect(SemanticVersion("3.6")! == [3, 6, 0])
        #expect(SemanticVersion("1.300064.0b1337") == [1, 300064, 0])
        #expect(SemanticVersion("latest") == nil)
        #expect(SemanticVersion("02d13ce10add55081c68b6b76a19b7dfeea00dad") == nil)
        #expect(SemanticVersion("3") == nil)
    }
}
