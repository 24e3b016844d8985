struct ContainersExceedTask: LintRule {
    static let description = RuleDescription(
        id: "XR122", name: "containers-exceed-task", severity: .error,
        summary: "The containers of a task ask for more CPU units or memory than the task-level `cpu`/`memory` (often after adding the agent sidecar).",
        rationale: "ECS refuses to register a task definition whose containers' cpu, or memory (memoryReservation where memory is absent), add up to more than the task-level size. Adding a sidecar to a task sized for its app alone is the usual way there.",
        sources: [.ecsTaskDefinitionParameters],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": ↓"512",
                 "containerDefinitions": [{"name": "api", "image": "api:1", "cpu": 224, "memoryReservation": 512},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "cpu": 32, "memoryReservation": 256}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "1024",
                 "containerDefinitions": [{"name": "api", "image": "api:1", "cpu": 224, "memoryReservation": 512},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "cpu": 32, "memoryReservation": 256}]}

                """),
        ])

    func check(_ run: LintRun) -> [Finding] {
        run.taskDefinitions.filter { !$0.partial }.flatMap { task -> [Finding] in
            // Only literal numbers: a parameter or intrinsic could be anything.
            func number(_ node: LocatedNode?) -> Int? { node?.text.flatMap { Int($0) } }
            let containers = task.containers.map(\.node)
            var findings: [Finding] = []
            if let node = task.node.field("cpu"), let total = number(node) {
                let sum = containers.compactMap { number($0.field("cpu")) }.reduce(0, +)
                if sum > total {
                    findings.append(finding(node, "the containers ask for \(sum) CPU units, more than the task's \(total); ECS refuses it",
                                            fix: "Raise the task's cpu (on Fargate to a valid size), or lower the containers'"))
                }
            }
            if let node = task.node.field("memory"), let total = number(node) {
                let sum = containers.compactMap { number($0.field("memory")) ?? number($0.field("memoryReservation")) }.reduce(0, +)
                if sum > total {
                    findings.append(finding(node, "the containers ask for \(sum) MiB, more than the task's \(total) MiB; ECS refuses it",
                                            fix: "Raise the task's memory (on Fargate to a valid size for its cpu), or lower the containers'"))
                }
            }
            return findings
        }
    }
}
