/// Turns a validated model into every artifact of its setup. Pure: writing is `ArtifactWriter`'s job.
public enum Generator {
    public static func generate(_ model: XRayModel) -> [GeneratedFile] {
        let context = GenerationContext(model: model)
        var output = GeneratorOutput()

        let ecsServices = model.services.compactMap { service -> (ServiceSpec, ECSServiceSpec)? in
            if case .ecs(let ecs) = service.target { return (service, ecs) }
            return nil
        }
        if !ecsServices.isEmpty {
            output.append(ECSGenerator(context: context).generate(ecsServices))
        }
        for service in model.services where !service.platform.isECS {
            output.append(platformOutput(service, context))
        }
        if let target = model.agent.crossAccountRole {
            output.append(CrossAccountGenerator(context: context).generate(target: target, sources: output.agentRoles))
        }
        if let sampling = model.sampling {
            output.append(SamplingGenerator(context: context).generate(sampling))
        }
        if let encryption = model.encryption {
            output.append(EncryptionGenerator(context: context).generate(encryption))
        }
        if model.agent.kind == .xrayDaemon {
            output.add("xray-daemon/cfg.yaml", DaemonConfigFile.render(DaemonConfigFile.settings(for: model)),
                       "X-Ray daemon configuration (Version 2) matching the agent settings; the task definitions pass the same settings as flags")
        }

        output.roles = RoleMerging.merge(output.roles)
        for role in output.roles {
            if let trust = role.trust {
                output.add("iam/\(role.name).trust.json", CanonicalJSON.encode(trust), "trust policy of the \(role.purpose)")
            }
            if let policy = role.inlinePolicy {
                output.add("iam/\(role.name).policy.json", CanonicalJSON.encode(policy), "permissions of the \(role.purpose)")
            }
            output.steps.append(.createRole(role))
        }
        output.add("cloudformation.yaml", CloudFormationGenerator(context: context).render(output),
                   "the same setup as one CloudFormation template (roles, task definitions, DAEMON service, sampling rules)")
        var files = output.files
        files.append(OutputReadme.render(model: model, output: output))
        return files.sorted { $0.path < $1.path }
    }

    /// What one service contributes (ECS services are generated together, for the shared DAEMON
    /// service; this takes one at a time for checks that look at services singly).
    static func platformOutput(_ service: ServiceSpec, _ context: GenerationContext) -> GeneratorOutput {
        switch service.target {
        case .ecs(let ecs): return ECSGenerator(context: context).generate([(service, ecs)])
        case .elasticBeanstalk(let spec): return BeanstalkGenerator(context: context).generate(service, spec)
        case .lambda(let spec): return ServerlessGenerator(context: context).lambda(service, spec)
        case .apiGateway(let spec): return ServerlessGenerator(context: context).apiGateway(service, spec)
        case .ec2(let spec): return EC2Generator(context: context).generate(service, spec)
        }
    }
}
