import Foundation
import XRayCore
import XRaySampling

/// Turns a validated model into every artifact of its setup. Pure: writing is `ArtifactWriter`'s job.
public enum Generator {
    public static func generate(_ model: XRayModel) -> [GeneratedFile] {
        var output = plan(GenerationContext(model: model))
        // The template and Terraform are built from the same plan with placeholders where xrayctl
        // wrote the partition and the account, which each fills in its own syntax; the other files
        // hold the values themselves. The plan lists its resources in the same order either way,
        // so each emitter's answers apply to the CLI steps of the first.
        let deployContext = GenerationContext(model: model, placeholders: true)
        let deployable = model.outputs.isEmpty ? nil : plan(deployContext)
        // Two of each: the project's, and the account-wide settings (`account/`), applied once per account.
        var templates: [OutputScope: CloudFormationGenerator.Template] = [:]
        var configurations: [OutputScope: TerraformGenerator.Configuration] = [:]
        for scope in [OutputScope.project, .account] {
            guard let deployable else { break }
            if model.outputs.contains(.cloudformation) {
                templates[scope] = CloudFormationGenerator(context: deployContext).render(deployable, scope: scope)
            }
            if model.outputs.contains(.terraform) {
                configurations[scope] = TerraformGenerator(context: deployContext).render(deployable, scope: scope)
            }
        }
        for (scope, template) in templates {
            output.add(scope.prefix + "cloudformation.yaml", template.text, scope == .account
                ? "the account-wide settings as a template, deployed once per account as the stack \(CloudFormationGenerator.accountStackName) (they stay when it is deleted): " + template.holds.joined(separator: ", ")
                : "what CloudFormation can hold of this setup, as one template: " + template.holds.joined(separator: ", "))
        }
        var files = output.files + configurations.values.flatMap(\.files)
        let resources = deployable?.resources ?? []
        files.append(OutputReadme.render(
            model: model, setup: output,
            template: OutputReadme.Deployed(resources, templates.mapValues { ($0.holds, $0.remaining) }),
            terraform: OutputReadme.Deployed(resources, configurations.mapValues { ($0.holds, $0.remaining) },
                                             files: configurations.mapValues { $0.files.map { ($0.path as NSString).lastPathComponent } })))
        // Every placeholder is filled in by the emitter that writes it; one left over is a bug in
        // xrayctl, and no file is better than a file holding it.
        if let leftover = files.first(where: { Placeholder.remains(in: $0.contents) }) {
            preconditionFailure("\(leftover.path) holds a placeholder no emitter filled in")
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Everything the setup needs, as typed artifacts and the files used as they are.
    package static func plan(_ context: GenerationContext) -> Setup {
        let model = context.model
        var output = Setup(context)

        let ecsServices = model.services.compactMap { service -> (ServiceSpec, ECSServiceSpec)? in
            if case .ecs(let ecs) = service.target { return (service, ecs) }
            return nil
        }
        if !ecsServices.isEmpty {
            output.append(ECSGenerator(context: context).generate(ecsServices))
        }
        let eksServices = model.services.eks
        if !eksServices.isEmpty {
            // One DaemonSet and one role serve every EKS service.
            output.append(EKSGenerator(context: context).generate(eksServices.map { ($0.service, $0.spec) }))
        }
        for service in model.services where !service.platform.isECS && service.platform != .eks {
            output.append(platformOutput(service, context))
        }
        if let target = model.agent.crossAccountRole {
            output.append(CrossAccountGenerator(context: context).generate(target: target, sources: output.agentRoles))
        }
        if let sampling = model.sampling {
            output.append(SamplingGenerator(context: context).generate(sampling))
        }
        if !model.groups.isEmpty {
            output.append(GroupsGenerator(context: context).generate(model.groups))
        }
        if let encryption = model.encryption {
            output.append(EncryptionGenerator(context: context).generate(encryption))
        }
        // Discovery (the account's service-linked role) is needed wherever Application Signals runs,
        // Lambda included: "Enable Application Signals on Lambda" starts with it (docs/xray-facts.md §10).
        if model.applicationSignals {
            output.add(model.accountSettings == .managed ? .applicationSignalsDiscovery : .accountSettingCheck(.applicationSignalsDiscovery, account: nil))
        }
        if model.applicationSignals && model.services.contains(where: { service in
            if case .lambda(let spec) = service.target { return spec.instrumentation == .adot }
            return false
        }) {
            output.notes.append("Application Signals on Lambda: `start-discovery` (or AWS::ApplicationSignals::Discovery) creates the account's service-linked role once, and every function's role gets CloudWatchLambdaApplicationSignalsExecutionRolePolicy: see \"Enable your applications on Lambda\" in the Amazon CloudWatch User Guide.")
        }
        if model.applicationSignals && model.services.contains(where: { $0.platform.isECS }) {
            output.notes.append("Application Signals: the CloudWatch agent receives it on 4316 (its role has CloudWatchAgentServerPolicy), and `start-discovery` (or the template's AWS::ApplicationSignals::Discovery) sets the account up once.")
            output.notes.append(applicationSignalsAppsNote(model))
        }
        if let search = model.traces.transactionSearch {
            output.append(TransactionSearchGenerator(context: context).generate(search))
        }
        // The daemon's own config file, for the platforms that run this daemon (ECS passes the same
        // settings as flags; EC2's user data writes it); Beanstalk, Lambda and API Gateway bring their own.
        if model.agent.kind.profile.readsDaemonConfigFile && model.services.contains(where: { $0.platform.isECS || $0.platform == .ec2 }) {
            output.add("xray-daemon/cfg.yaml", DaemonConfigFile.render(DaemonConfigFile.settings(for: model)),
                       "X-Ray daemon configuration (Version 2) matching the agent settings; the task definitions pass the same settings as flags")
        }

        let roles = RoleMerging.merge(output.roles)
        for role in roles {
            // Purposes read "task role of …" or "the existing role of …".
            let purpose = role.purpose.hasPrefix("the ") ? role.purpose : "the " + role.purpose
            if let trust = role.trust {
                output.add("iam/\(role.name).trust.json", CanonicalJSON.encode(trust), "trust policy of \(purpose)")
            }
            if let policy = role.inlinePolicy {
                output.add("iam/\(role.name).policy.json", CanonicalJSON.encode(policy), "permissions of \(purpose)")
            }
        }
        // Roles first: the emitters reference them from what follows.
        output.resources = roles.map(SetupResource.role) + output.resources
        output.roles = roles
        return output
    }

    /// What a person running `generate` should hear at once (the README says it too): choices
    /// xrayctl made that cost money or replace something.
    public static func notices(_ model: XRayModel) -> [String] {
        model.services.compactMap { service -> String? in
            guard case .ecs(let ecs) = service.target, service.platform == .ecsFargate, let size = ecs.taskSize,
                  let alone = ecs.sizeWithoutAgent(model.agent) else { return nil }
            return "\(service.location): note: with the agent, '\(service.name)' needs \(English.a(size.description)) Fargate task instead of \(alone.description) (Fargate bills by task size); agent.cpu: 0 and a smaller agent.memory_reservation, or task_cpu and task_memory, keep it smaller"
        }
    }

    /// Which ECS apps get the ADOT SDK agent injected (those with a `language:`), and what the others need.
    private static func applicationSignalsAppsNote(_ model: XRayModel) -> String {
        let ecs = model.services.filter(\.platform.isECS)
        let injected = ecs.filter { $0.language.flatMap(ADOTInstrumentation.of) != nil }
        let others = ecs.filter { $0.language.flatMap(ADOTInstrumentation.of) == nil }
        var words: [String] = []
        if !injected.isEmpty {
            words.append("\(injected.map { "`\($0.name)` (\($0.language ?? ""))" }.joined(separator: ", ")) \(injected.count == 1 ? "gets" : "get") the AWS Distro for OpenTelemetry SDK agent of \(injected.count == 1 ? "its" : "their") language, as AWS's Application Signals setup for ECS does: an `init` container copies it from its pinned `adot-autoinstrumentation` image into the task volume `\(ECSGenerator.instrumentationVolume)`, the app mounts the volume, starts after the copy succeeded, and loads the agent through \(loaderWords(injected.compactMap(\.language))), sending traces and metrics to the agent's 4316.")
        }
        if !others.isEmpty {
            words.append("\(others.map { "`\($0.name)`" }.joined(separator: ", ")) \(others.count == 1 ? "names" : "name") no language, so \(others.count == 1 ? "it" : "they") must run the ADOT SDK agent \(others.count == 1 ? "itself" : "themselves"), sending to port 4316 of the agent: set `language:` (java, python, node or dotnet) to have it injected.")
        }
        return "Application Signals apps: " + words.joined(separator: " ")
    }

    /// The variables that load the agent, for the languages in use.
    private static func loaderWords(_ languages: [String]) -> String {
        let words = ["java": "`JAVA_TOOL_OPTIONS` (Java)", "python": "`PYTHONPATH` (Python)", "node": "`NODE_OPTIONS` (Node.js)",
                     "dotnet": "the `CORECLR_*` profiler variables (.NET, for Linux x86-64: an ARM64 task needs `linux-arm64` in `CORECLR_PROFILER_PATH`)"]
        let used = ADOTInstrumentation.languages.filter(languages.contains).compactMap { words[$0] }
        if used.count < 2 { return used.first ?? "" }
        return used.dropLast().joined(separator: ", ") + " and " + used.last!
    }

    /// The roles `platformOutput` plans for one service, in its order. ECS services answer without
    /// building their task definitions (the model reader asks for every service's roles).
    package static func rolePlans(_ service: ServiceSpec, _ context: GenerationContext) -> [RolePlan] {
        if case .ecs(let ecs) = service.target { return ECSGenerator(context: context).rolePlans(service, ecs) }
        return platformOutput(service, context).roles
    }

    /// What one service contributes (ECS services are generated together, for the shared DAEMON
    /// service; this takes one at a time for checks that look at services singly).
    package static func platformOutput(_ service: ServiceSpec, _ context: GenerationContext) -> Setup {
        switch service.target {
        case .ecs(let ecs): return ECSGenerator(context: context).generate([(service, ecs)])
        case .elasticBeanstalk(let spec): return BeanstalkGenerator(context: context).generate(service, spec)
        case .lambda(let spec): return ServerlessGenerator(context: context).lambda(service, spec)
        case .apiGateway(let spec): return ServerlessGenerator(context: context).apiGateway(service, spec)
        case .ec2(let spec): return EC2Generator(context: context).generate(service, spec)
        case .eks(let spec): return EKSGenerator(context: context).generate([(service, spec)])
        }
    }
}
