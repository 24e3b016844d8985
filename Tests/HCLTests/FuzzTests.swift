import Foundation
import Testing
@testable import HCL

/// Seeded mutations of the sample files and random bytes: every input must come back as a file
/// or a located error, and evaluating every attribute must end within the budget. A crash fails
/// the whole run. `XRAYCTL_FUZZ_ITERATIONS` and `XRAYCTL_FUZZ_SEED` make a longer or other run.
@Suite struct HCLFuzzTests {
    static var iterations: Int { Int(ProcessInfo.processInfo.environment["XRAYCTL_FUZZ_ITERATIONS"] ?? "") ?? 3000 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["XRAYCTL_FUZZ_SEED"] ?? "") ?? 25 }

    /// SplitMix64: small, seedable, the same on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
    }

    /// Pieces of HCL worth splicing in: openers without closers and the other way round.
    static let fragments = ["${", "%{", "}", "~}", "{", "[", "(", "\"", "<<EOT\n", "<<-EOT\n", "EOT\n", "\n", "\\u", "\\",
                            "for x in", "if", "endif", "...", ".*", "[*]", "::", "/*", "#", "=", "=>", "?", ":", "local.a",
                            "\u{0}", "\r", "é", "😀", "\u{FEFF}", "0.1.2", "1e", "%{ else }", "$${", "%%{", "-", "!"]

    static func mutate(_ input: [UInt8], _ random: inout Random) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(4) {
            let position = random.below(bytes.count + 1)
            switch random.below(5) {
            case 0: bytes.insert(contentsOf: Array(fragments[random.below(fragments.count)].utf8), at: position)
            case 1: if position < bytes.count { bytes.remove(at: position) }
            case 2: if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: random.next()) }
            case 3:
                let length = random.below(40)
                if position + length <= bytes.count { bytes.insert(contentsOf: bytes[position..<(position + length)], at: position) }
            default:
                let length = random.below(60)
                bytes.removeSubrange(position..<min(bytes.count, position + length))
            }
        }
        return bytes
    }

    /// Parses, and evaluates every attribute as part of a module, within a time limit per input.
    static func exercise(_ bytes: [UInt8], name: String) {
        let started = Date()
        switch HCLFile.parse(data: Data(bytes), path: name) {
        case .failure(let error):
            #expect(error.line >= 1 && error.column >= 1, "\(name): \(error)")
        case .success(let file):
            let module = HCLModule(files: [file], folder: URL(fileURLWithPath: "/nonexistent-hcl-fuzz"))
            let evaluator = HCLEvaluator(module: module, budget: 50_000)
            func walk(_ body: HCLBody) {
                for attribute in body.attributes {
                    _ = evaluator.evaluate(attribute.expression)
                    _ = JSONText.encode(evaluator.evaluate(attribute.expression))
                }
                for block in body.blocks { walk(block.body) }
            }
            walk(file.body)
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 5, "\(name) took \(elapsed) s; input (base64): \(Data(bytes).base64EncodedString())")
    }

    @Test func mutatedSamplesAndRandomBytes() {
        let seeds = HCLTestSupport.caseFiles.map { Array($0.text.utf8) }
        #expect(!seeds.isEmpty)
        var random = Random(state: Self.seed)
        for iteration in 0..<Self.iterations {
            if iteration % 10 == 9 {
                let bytes = (0..<random.below(200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                Self.exercise(bytes, name: "random-\(iteration).tf")
            } else {
                var bytes = seeds[random.below(seeds.count)]
                for _ in 0...random.below(3) { bytes = Self.mutate(bytes, &random) }
                Self.exercise(bytes, name: "mutation-\(iteration).tf")
            }
        }
    }

    @Test func templatesReadBareNeverCrash() {
        var random = Random(state: Self.seed &+ 1)
        let seeds = HCLTestSupport.caseFiles.map { Array($0.text.utf8) }
        for _ in 0..<(Self.iterations / 10) {
            let bytes = Self.mutate(seeds[random.below(seeds.count)], &random)
            if case .success(let template) = HCLFile.parseTemplate(text: String(decoding: bytes, as: UTF8.self), path: "t.tpl") {
                _ = HCLEvaluator(budget: 50_000).evaluate(template)
            }
        }
    }
}
