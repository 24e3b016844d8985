import XRayCore
import XRayViews

/// The environment of everything that runs an OpenTelemetry SDK: ECS containers, Kubernetes
/// containers and Lambda functions, as one list of variables each (the OTEL_CONFIG_FILE rules).
struct OTelEnvironment {
    struct Variable {
        var name: String
        var nameNode: LocatedNode
        var value: LocatedNode?
    }

    /// What runs the SDK, in words (`container api`, `function Fn`).
    var owner: String
    var variables: [Variable]

    func variable(_ name: String) -> Variable? { variables.first { $0.name == name } }

    static func all(_ run: LintRun) -> [OTelEnvironment] {
        let ecs = run.taskDefinitions.flatMap(\.containers).map { container in
            OTelEnvironment(owner: "container \(container.name ?? "?")",
                            variables: container.environment.map { Variable(name: $0.name, nameNode: $0.nameNode, value: $0.value) })
        }
        let kubernetes = run.kubernetes.workloads.flatMap { workload in
            workload.containers.map { container in
                OTelEnvironment(owner: "container \(container.name ?? "?") of \(workload.object.label)",
                                variables: (container.node["env"]?.items ?? []).compactMap { entry in
                                    guard let nameNode = entry["name"], let name = nameNode.text else { return nil }
                                    return Variable(name: name, nameNode: nameNode, value: entry["value"])
                                })
            }
        }
        let functions = run.functions.map { function in
            OTelEnvironment(owner: "function \(function.resource.logicalID)",
                            variables: (function.environment?.pairs ?? []).compactMap { key, value in
                                key.text.map { Variable(name: $0, nameNode: key, value: value) }
                            })
        }
        return ecs + kubernetes + functions
    }
}
