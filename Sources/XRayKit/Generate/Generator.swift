/// Turns a validated model into every artifact of its setup. Pure: writing is `ArtifactWriter`'s job.
public enum Generator {
    public static func generate(_ model: XRayModel) -> [GeneratedFile] {
        let context = GenerationContext(model: model)
        var files: [GeneratedFile] = []
        var roles: [RolePlan] = []
        var steps: [DeployStep] = []

        let ecsServices = model.services.compactMap { service -> (ServiceSpec, ECSServiceSpec)? in
            if case .ecs(let ecs) = service.target { return (service, ecs) }
            return nil
        }
        if !ecsServices.isEmpty {
            let ecs = ECSGenerator(context: context).generate(ecsServices)
            files += ecs.files
            roles += ecs.roles
            steps += ecs.steps
        }

        for role in roles {
            files.append(GeneratedFile("iam/\(role.name).trust.json", CanonicalJSON.encode(role.trust),
                                       summary: "trust policy of \(role.purpose)"))
            if let policy = role.inlinePolicy {
                files.append(GeneratedFile("iam/\(role.name).policy.json", CanonicalJSON.encode(policy),
                                           summary: "permissions of \(role.purpose)"))
            }
            steps.append(.createRole(role))
        }
        files = files.map { file in
            var file = file
            if file.summary.isEmpty { file.summary = summary(for: file.path) }
            return file
        }
        files.append(OutputReadme.render(model: model, files: files, steps: steps))
        return files.sorted { $0.path < $1.path }
    }

    private static func summary(for path: String) -> String {
        switch path {
        case "xray-daemon/task-definition.json": return "the per-instance agent task (RegisterTaskDefinition input)"
        case "xray-daemon/service.json": return "the DAEMON service that runs one agent on every container instance (CreateService input)"
        default:
            if path.hasSuffix("/task-definition.json") { return "task definition with the app and its tracing wiring (RegisterTaskDefinition input)" }
            return ""
        }
    }
}
