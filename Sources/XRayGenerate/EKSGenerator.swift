import XRayCore
import XRaySampling

/// EKS: the agent once per node as a DaemonSet (its Namespace, ServiceAccount, ConfigMap and a
/// Service in front of it), a patch per app Deployment that points its SDK at the Service, and the
/// agent's role, trusted through EKS Pod Identity or IRSA.
///
/// Apps reach the agent through its Service (`NAME.NAMESPACE.svc.cluster.local:2000`), not the
/// node's IP: that needs no `hostPort` on the agent (ports on every node's interface) and no
/// downward-API variable in each app, and works with every CNI. The Service has
/// `internalTrafficPolicy: Local`, so kube-proxy sends a pod's segments, spans and sampling requests
/// to the agent on its own node only, never across nodes (or zones, where cross-zone traffic is
/// billed); a node whose agent is not ready drops them until it is (Kubernetes, "Service Internal
/// Traffic Policy"; stable since 1.26, older than every EKS version in standard support).
package struct EKSGenerator {
    package let context: GenerationContext

    package static let manifestPath = "eks/agent.yaml"
    /// The ServiceAccount annotation IRSA reads the role from.
    package static let roleAnnotation = "eks.amazonaws.com/role-arn"

    package static func patchPath(_ service: String) -> String { "eks/\(service).patch.yaml" }

    /// The agent's name: its DaemonSet, ServiceAccount, Service and container.
    package var agentName: String { profile.containerName }
    package var profile: AgentProfile { context.model.agent.kind.profile }
    package var namespace: String { context.model.agent.namespace }
    package var roleName: String { context.prefixed("eks-agent-role") }
    package var configMapName: String { agentName + "-config" }

    /// The host name apps send to.
    package var serviceHost: String { "\(agentName).\(namespace).svc.cluster.local" }

    package func generate(_ services: [(ServiceSpec, EKSServiceSpec)]) -> Setup {
        var output = Setup(context)
        let identity = services.first?.1.identity ?? .podIdentity
        output.roles.append(RolePlan(
            name: roleName,
            purpose: "role of the \(context.agentName) DaemonSet on EKS (ServiceAccount \(namespace)/\(agentName), through \(identity == .irsa ? "IRSA" : "EKS Pod Identity")): it uploads traces with it",
            trust: trust,
            inlinePolicy: IAMPolicies.agentPermissions(context)))
        output.agentRoles.append(roleName)

        output.add(Self.manifestPath, manifests(irsa: identity == .irsa),
                   "the \(context.agentName) on every node: Namespace, ServiceAccount, ConfigMap, DaemonSet and Service (`kubectl apply -f`)")
        for (service, spec) in services {
            output.add(Self.patchPath(service.name), patch(service, spec),
                       "strategic-merge patch for Deployment \(spec.namespace)/\(spec.deployment): container `\(spec.container)` sends to the agent's Service")
            if profile.otlp && context.model.otelConfig == .file {
                output.add("eks/\(service.name).otel-config.yaml", OTelConfigFile(service: service, agentHost: serviceHost, sampling: context.model.sampling).render(),
                           "the OpenTelemetry SDK configuration of container `\(spec.container)` (otel_config: file): put it at \(OTelConfigFile.containerPath) in the image or a mounted ConfigMap")
            }
        }

        var clusters: [String] = []
        for (_, spec) in services where !clusters.contains(spec.cluster) { clusters.append(spec.cluster) }
        for cluster in clusters {
            if identity == .podIdentity {
                let association = PodIdentityAssociation(cluster: cluster, namespace: namespace, serviceAccount: agentName, role: roleName)
                output.add(.podIdentityAssociation(association, roleARN: context.roleARN(roleName)))
            }
            let patches = services.filter { $0.1.cluster == cluster }.map { service, spec in
                SetupResource.DeploymentPatch(deployment: spec.deployment, namespace: spec.namespace, path: Self.patchPath(service.name))
            }
            let placeholderRole = identity == .irsa && context.model.account == nil ? context.roleARN(roleName) : nil
            output.add(.kubernetes(cluster: cluster, manifest: Self.manifestPath, patches: patches,
                                                 placeholderRole: placeholderRole.map { .init(annotation: Self.roleAnnotation, arn: $0) }))
        }

        output.notes.append("EKS: apps reach the \(context.agentName) through its Service `\(serviceHost)` (2000/udp for segments, 2000/tcp for sampling\(profile.otlp ? ", 4317/4318 for OTLP" : "")) rather than the node's IP: no hostPort on the agent, no downward-API variable in the apps, and it works with every CNI. The Service's `internalTrafficPolicy: Local` keeps each pod's traffic on its own node's agent (no cross-node or cross-zone hops); while that agent is not ready, the node's pods' spans are dropped rather than sent elsewhere.")
        output.notes.append("EKS add-ons: the Amazon CloudWatch Observability add-on (`amazon-cloudwatch-observability`) runs its own CloudWatch agent as `cloudwatch-agent` in the namespace `amazon-cloudwatch`, and the ADOT add-on (`adot`) runs the OpenTelemetry operator in `opentelemetry-operator-system`. This setup's agent lives in `\(namespace)` (the model refuses those two namespaces), so its objects never collide with theirs; run one of them or this DaemonSet for traces, not both, or every node runs two agents on 2000.")
        for (service, _) in services where profile.otlp {
            output.notes.append(OTelAppEnvironment.note(service: service.name, sampler(service)))
        }
        if identity == .podIdentity {
            output.notes.append("EKS Pod Identity: the role trusts `pods.eks.amazonaws.com`; the association ties it to the ServiceAccount `\(namespace)/\(agentName)` in \(clusters.map { "`\($0)`" }.joined(separator: ", ")). The cluster must run the `eks-pod-identity-agent` add-on, and the pods must start after the association exists (`kubectl rollout restart daemonset/\(agentName) -n \(namespace)` otherwise).")
        } else {
            output.notes.append("IRSA: the role trusts each cluster's OIDC provider for exactly `system:serviceaccount:\(namespace):\(agentName)` with audience `sts.amazonaws.com`; the ServiceAccount carries the role in its `eks.amazonaws.com/role-arn` annotation. The provider must be registered in IAM (`eksctl utils associate-iam-oidc-provider --cluster CLUSTER --approve`).")
        }
        return output
    }

    // MARK: IAM

    /// Every EKS service of the model shares the role, so its trust comes from all of them (also
    /// when one service is generated alone, for the checks that compare services' roles).
    private var trust: PolicyDocument {
        let specs = context.model.services.compactMap(\.eks)
        guard specs.first?.identity == .irsa else {
            // EKS Pod Identity assumes the role and tags the session with the pod's attributes.
            return PolicyDocument([.init(sid: "EKSPodIdentity", principal: ["Service": "pods.eks.amazonaws.com"],
                                         action: ["sts:AssumeRole", "sts:TagSession"])])
        }
        var providers: [String] = []
        for spec in specs { if let provider = spec.oidcProvider, !providers.contains(provider) { providers.append(provider) } }
        // Only this ServiceAccount, from each cluster's OIDC provider, for STS.
        return PolicyDocument(providers.map { provider in
            .init(principal: ["Federated": .one("arn:\(context.partition):iam::\(context.account):oidc-provider/\(provider)")],
                  action: "sts:AssumeRoleWithWebIdentity",
                  condition: ["StringEquals": [
                      "\(provider):sub": .one("system:serviceaccount:\(namespace):\(agentName)"),
                      "\(provider):aud": "sts.amazonaws.com",
                  ]])
        })
    }

    // MARK: manifests

    private var labels: YAMLValue {
        .map([("app.kubernetes.io/name", .string(agentName)), ("app.kubernetes.io/managed-by", .string("xrayctl"))])
    }

    private func metadata(_ name: String, namespaced: Bool = true, annotations: [(String, YAMLValue)] = []) -> YAMLValue {
        var pairs: [(String, YAMLValue)] = [("name", .string(name))]
        if namespaced { pairs.append(("namespace", .string(namespace))) }
        pairs.append(("labels", labels))
        if !annotations.isEmpty { pairs.append(("annotations", .map(annotations))) }
        return .map(pairs)
    }

    /// The ports the agent listens on, by name: the same on the container and the Service.
    private var ports: [(name: String, port: Int, protocol: String)] {
        var ports = [("xray-udp", ModelReader.agentPort, "UDP"), ("xray-tcp", ModelReader.agentPort, "TCP")]
        if profile.otlp {
            ports += zip(["otlp-grpc", "otlp-http"], AgentProfile.ports.otlp).map { ($0, $1, "TCP") }
        }
        return ports
    }

    package func manifests(irsa: Bool) -> String {
        var documents: [YAMLValue] = []
        if !["default", "kube-system"].contains(namespace) {
            documents.append(.map([("apiVersion", "v1"), ("kind", "Namespace"), ("metadata", metadata(namespace, namespaced: false))]))
        }
        let annotations: [(String, YAMLValue)] = irsa ? [(Self.roleAnnotation, .string(context.roleARN(roleName)))] : []
        documents.append(.map([("apiVersion", "v1"), ("kind", "ServiceAccount"), ("metadata", metadata(agentName, annotations: annotations))]))
        documents.append(.map([("apiVersion", "v1"), ("kind", "ConfigMap"), ("metadata", metadata(configMapName)),
                               ("data", .map([(configKey, .block(configText))]))]))
        documents.append(daemonSet)
        documents.append(.map([("apiVersion", "v1"), ("kind", "Service"), ("metadata", metadata(agentName)), ("spec", .map([
            ("selector", .map([("app.kubernetes.io/name", .string(agentName))])),
            ("internalTrafficPolicy", "Local"),
            ("ports", .list(ports.map { port in
                .map([("name", .string(port.name)), ("port", .int(port.port)), ("protocol", .string(port.protocol)),
                      ("targetPort", .string(port.name))])
            })),
        ]))]))
        return "# Generated by xrayctl: the \(context.agentName) for \(context.model.project) on EKS.\n"
            + documents.map { "---\n" + YAMLWriter.render($0) }.joined()
    }

    /// The ConfigMap key the agent reads.
    private var configKey: String { profile.configMapKey }

    /// The same configuration as on ECS, listening on every interface: the Service sends to the pod's IP.
    private var configText: String {
        let model = context.model
        switch profile.format {
        case .daemon:
            var settings = DaemonConfigFile.settings(for: model)
            settings.address = "0.0.0.0:\(ModelReader.agentPort)"
            return DaemonConfigFile.render(settings)
        case .collector:
            return CollectorConfig.text(profile, region: model.region, export: model.traces.export, partition: model.partition,
                                        memoryMiB: model.agent.memoryReservation)
        case .cloudwatchAgent:
            return CollectorConfig.text(profile, region: model.region, export: model.traces.export, partition: model.partition) + "\n"
        }
    }

    private var daemonSet: YAMLValue {
        let agent = context.model.agent
        var container: [(String, YAMLValue)] = [("name", .string(agentName)), ("image", .string(agent.image.description))]
        var environment: [YAMLValue] = [.map([("name", "AWS_REGION"), ("value", .string(context.model.region))])]
        var volumes: [YAMLValue] = []
        switch profile.configuration {
        case .daemonFile:
            // The image's entrypoint binds 0.0.0.0:2000; the file adds region, buffer, log level and role.
            container.append(("args", .list(["-c", "/etc/amazon/xray/cfg.yaml"])))
            container.append(("volumeMounts", .list([.map([("name", "config"), ("mountPath", "/etc/amazon/xray"), ("readOnly", .bool(true))])])))
            volumes.append(.map([("name", "config"), ("configMap", .map([("name", .string(configMapName))]))]))
        case .environment(let variable):
            if profile.format == .cloudwatchAgent {
                // Without it the CloudWatch agent, finding no instance metadata (pods are often kept
                // from it), runs in on-premises mode and ignores the role the pod gets through IRSA or
                // Pod Identity (aws/amazon-cloudwatch-agent, translator's DetectAgentMode and PR #682;
                // EKS User Guide, hybrid nodes' CloudWatch Observability add-on, which sets it the same).
                environment.append(.map([("name", "RUN_WITH_IRSA"), ("value", "True")]))
            }
            // The same variable as on ECS, filled from the ConfigMap.
            environment.append(.map([("name", .string(variable)), ("valueFrom", .map([("configMapKeyRef", .map([
                ("name", .string(configMapName)), ("key", .string(configKey)),
            ]))]))]))
        }
        container.append(("env", .list(environment)))
        container.append(("ports", .list(ports.map { port in
            .map([("name", .string(port.name)), ("containerPort", .int(port.port)), ("protocol", .string(port.protocol))])
        })))
        // No CPU limit: throttling an agent drops UDP segments. Memory is capped at what the model reserves.
        let millicores = Self.millicores(forCPUUnits: agent.cpu)
        container.append(("resources", .map([
            ("requests", .map([("cpu", .string("\(millicores)m")), ("memory", .string("\(agent.memoryReservation)Mi"))])),
            ("limits", .map([("memory", .string("\(agent.memoryReservation)Mi"))])),
        ])))
        // Every agent kind serves sampling on 2000/tcp, and the daemon's image has no shell for an
        // exec probe: a TCP connection is the check all three pass once they listen.
        container.append(("readinessProbe", .map([("tcpSocket", .map([("port", "xray-tcp")])), ("periodSeconds", .int(10))])))
        container.append(("securityContext", .map([("allowPrivilegeEscalation", .bool(false))])))

        var podSpec: [(String, YAMLValue)] = [("serviceAccountName", .string(agentName)), ("containers", .list([.map(container)]))]
        if !volumes.isEmpty { podSpec.append(("volumes", .list(volumes))) }
        let selector: YAMLValue = .map([("app.kubernetes.io/name", .string(agentName))])
        return .map([("apiVersion", "apps/v1"), ("kind", "DaemonSet"), ("metadata", metadata(agentName)), ("spec", .map([
            ("selector", .map([("matchLabels", selector)])),
            ("template", .map([("metadata", .map([("labels", labels)])), ("spec", .map(podSpec))])),
        ]))])
    }

    /// The sampler of an app on the OpenTelemetry path, whose sampling proxy is the agent's Service.
    package func sampler(_ service: ServiceSpec) -> OTelAppEnvironment.Sampler {
        OTelAppEnvironment.sampler(language: service.language, agentHost: serviceHost, model: context.model)
    }

    /// The app's variables, merged by name into its container's `env` (strategic merge).
    package func patch(_ service: ServiceSpec, _ spec: EKSServiceSpec) -> String {
        var environment: [(String, String)] = [
            ("AWS_XRAY_DAEMON_ADDRESS", "\(serviceHost):\(ModelReader.agentPort)"),
            ("AWS_XRAY_TRACING_NAME", service.name),
        ]
        if profile.otlp && context.model.otelConfig == .file {
            environment.append(("OTEL_CONFIG_FILE", OTelConfigFile.containerPath))
        } else if profile.otlp {
            environment += [("OTEL_EXPORTER_OTLP_ENDPOINT", "http://\(serviceHost):4317"),
                            ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
                            ("OTEL_SERVICE_NAME", service.name)]
            // Sampling through the same Service (2000/tcp), never localhost: the agent is in another pod.
            environment += OTelAppEnvironment.variables(sampler(service), keeping: [:]).map { ($0.name, $0.value) }
        }
        let document: YAMLValue = .map([("spec", .map([("template", .map([("spec", .map([("containers", .list([.map([
            ("name", .string(spec.container)),
            ("env", .list(environment.map { .map([("name", .string($0.0)), ("value", .string($0.1))]) })),
        ])]))]))]))]))])
        return "# kubectl patch deployment \(spec.deployment) --namespace \(spec.namespace) --patch-file \(Self.patchPath(service.name))\n"
            + YAMLWriter.render(document)
    }
}

/// An EKS Pod Identity association: the role the pods of one ServiceAccount get in one cluster.
extension EKSGenerator {
    /// The agent's CPU request in millicores for the model's `agent.cpu`, given in ECS CPU units
    /// (1/1024 of a vCPU): rounded up to a multiple of 5m, at least 10m. The exact value is rarely
    /// whole (32 units are 31.25m, which used to become `31m`); rounding up never reserves less
    /// than the model asks, and lands the usual ECS sizes on the usual Kubernetes ones
    /// (128 → 125m, 256 → 250m, 512 → 500m, 1024 → 1000m; 32 → 35m).
    package static func millicores(forCPUUnits units: Int) -> Int {
        let step = 5
        let exact = units * 1000                        // in 1/1024 millicores
        let steps = (exact + 1024 * step - 1) / (1024 * step)
        return max(10, steps * step)
    }
}

package struct PodIdentityAssociation: Hashable {
    package var cluster: String
    package var namespace: String
    package var serviceAccount: String
    /// The name of the role this setup creates.
    package var role: String
}
