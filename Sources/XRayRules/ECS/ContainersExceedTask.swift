import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct ContainersExceedTask: LintRule {
    package static let description = RuleDescription(
        id: "XR122", name: "containers-exceed-task", severity: .error,
        summary: "The containers of a task reserve more CPU units or memory than the task-level `cpu`/`memory`, or one container's hard memory limit is above the task's (often after adding the agent sidecar).",
        rationale: "ECS refuses to register a task definition whose containers' cpu or `memoryReservation` values add up to more than the task-level size, or in which one container's hard `memory` limit is larger than the task's memory. A hard limit equal to the task's size beside sidecars with reservations is accepted (the limit caps that container; the reservations are what is set aside). Adding a sidecar to a task sized for its app alone is the usual way to exceed the task.",
        sources: [.ecsTaskDefinitionParameters],
        examples: [
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": ↓"512",
                 "containerDefinitions": [{"name": "api", "image": "api:1", "cpu": 224, "memoryReservation": 512},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "cpu": 32, "memoryReservation": 256}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "api", "image": "api:1", "cpu": 224, "memory": ↓1024},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "cpu": 32, "memoryReservation": 64}]}

                """),
            // An app capped at the task's size beside a sidecar with a reservation: ECS registers it.
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "api", "image": "api:1", "cpu": 224, "memory": 512},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "cpu": 32, "memoryReservation": 64}]}

                """),
            RuleExample("taskdef.json", """
                {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "1024",
                 "containerDefinitions": [{"name": "api", "image": "api:1", "cpu": 224, "memoryReservation": 512},
                  {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "cpu": 32, "memoryReservation": 256}]}

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
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
                // What ECS checks: the reservations together, and each hard limit on its own
                // (a hard limit caps one container; it sets nothing aside for the others).
                let sum = containers.compactMap { number($0.field("memoryReservation")) }.reduce(0, +)
                if sum > total {
                    findings.append(finding(node, "the containers reserve \(sum) MiB (memoryReservation), more than the task's \(total) MiB; ECS refuses it",
                                            fix: "Raise the task's memory (on Fargate to a valid size for its cpu), or lower the containers' reservations"))
                }
                for container in task.containers {
                    guard let limit = container.node.field("memory"), let value = number(limit), value > total else { continue }
                    findings.append(finding(limit, "container '\(container.name ?? "?")' has a hard memory limit of \(value) MiB, more than the task's \(total) MiB; ECS refuses it",
                                            fix: "Lower the container's memory to at most \(total), or raise the task's memory"))
                }
            }
            return findings
        }
    }
}
