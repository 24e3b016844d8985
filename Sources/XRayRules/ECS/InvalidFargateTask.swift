import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidFargateTask: LintRule {
    package static let description = RuleDescription(
        id: "XR108", name: "invalid-fargate-task", severity: .error,
        summary: "A Fargate task with a network mode other than `awsvpc`, without task-level `cpu`/`memory`, or with an invalid cpu/memory pair.",
        rationale: "Fargate accepts only awsvpc and a fixed table of task sizes; anything else is rejected when the task definition is registered.",
        sources: [.ecsFargateTaskSizes],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "512", "memory": ↓"512",
                 "containerDefinitions": [{"name": "api", "image": "api:1"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": ↓"bridge", "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "api", "image": "api:1"}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "1 vCPU", "memory": "2 GB",
                 "containerDefinitions": [{"name": "api", "image": "api:1"}]}

                """),
        ])

    /// Task sizes may be written "1024", "1 vCPU", ".25 vcpu", "2 GB" (docs/xray-facts.md §3.4).
    package static func units(_ text: String, perUnit: Double, unitWords: [String]) -> Int? {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        for word in unitWords where lowered.hasSuffix(word) {
            let number = lowered.dropLast(word.count).trimmingCharacters(in: .whitespaces)
            // Int(exactly:) refuses NaN, infinities and values beyond Int, which are no task size either.
            return Double(number).flatMap { Int(exactly: ($0 * perUnit).rounded()) }
        }
        return Int(lowered)
    }

    package static var cpuList: String { FargateTaskSize.validCPUs.map(String.init).joined(separator: ", ") }

    /// A number (NaN, infinities and 1e300 included) with or without its unit: a value that was
    /// meant as a size but is none. Anything else (a `${var}` placeholder) is not judged.
    package static func isNumeric(_ text: String, unitWords: [String]) -> Bool {
        var lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        for word in unitWords where lowered.hasSuffix(word) { lowered = String(lowered.dropLast(word.count)) }
        return Double(lowered.trimmingCharacters(in: .whitespaces)) != nil
    }

    package func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.filter(\.requiresFargate).compactMap { task in
            let anchor = task.node.keyNode("family") ?? task.node.keyNode("Family") ?? task.anchor
            if let modeNode = task.node.field("networkMode"), let mode = modeNode.text, mode != "awsvpc" {
                return finding(modeNode, "Fargate tasks must use networkMode awsvpc, not \(mode)", fix: "Set networkMode to awsvpc")
            }
            if task.node.field("networkMode") == nil {
                return finding(anchor, "a Fargate task must set networkMode awsvpc", fix: "Add \"networkMode\": \"awsvpc\"")
            }
            guard let cpuNode = task.node.field("cpu"), let memoryNode = task.node.field("memory") else {
                return finding(anchor, "a Fargate task needs task-level cpu and memory", fix: "Set cpu and memory to a valid Fargate size, such as 256 and 512")
            }
            guard let cpuText = cpuNode.text, let memoryText = memoryNode.text else { return nil }
            guard let cpu = Self.units(cpuText, perUnit: 1024, unitWords: ["vcpu"]) else {
                return Self.isNumeric(cpuText, unitWords: ["vcpu"])
                    ? finding(cpuNode, "\(cpuText) is no Fargate task cpu; valid values are \(Self.cpuList)", fix: "Use one of \(Self.cpuList)") : nil
            }
            guard let memory = Self.units(memoryText, perUnit: 1024, unitWords: ["gb"]) else {
                return Self.isNumeric(memoryText, unitWords: ["gb"])
                    ? finding(memoryNode, "\(memoryText) is no Fargate task memory size", fix: "Use a memory size Fargate offers for the task's cpu, such as 512") : nil
            }
            guard let valid = FargateTaskSize.validMemory(forCPU: cpu) else {
                let list = FargateTaskSize.validCPUs.map(String.init).joined(separator: ", ")
                return finding(cpuNode, "Fargate offers no task cpu \(cpuText); valid values are \(list)", fix: "Use one of \(list)")
            }
            guard valid.contains(memory) else {
                let list = valid.map(String.init).joined(separator: ", ")
                return finding(memoryNode, "Fargate offers no \(memoryText) MiB with cpu \(cpuText); valid memory for \(cpu) is \(list)",
                               fix: "Use one of \(list)")
            }
            return nil
        }
    }
}
