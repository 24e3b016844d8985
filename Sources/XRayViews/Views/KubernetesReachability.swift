import XRayCore
import XRaySampling

/// What the linted manifests say about reaching an agent: which pods trace without naming one,
/// what an agent container reads and how much memory it may use, who is bound to which ClusterRole.
/// Rules that ask "can these spans reach an agent?" across files read these.
extension KubernetesView {
    /// A daemon config file an agent container reads, resolved through `-c`, its volume mounts and
    /// the ConfigMap behind them.
    package struct MountedConfig {
        package let map: Object
        package let key: LocatedNode
        package let value: LocatedNode
        package let tree: LocatedNode
    }

    /// The official X-Ray daemon images. Their ENTRYPOINT is `/xray -t 0.0.0.0:2000 -b 0.0.0.0:2000`, so a pod that
    /// sets only `args` keeps those binds; the public ECR image is built from scratch (`/xray`, no shell), the
    /// Docker Hub one on Amazon Linux (a shell, and `/usr/bin/xray` linked to `/xray`).
    package static let officialDaemonRepositories: Set<String> = ["public.ecr.aws/xray/aws-xray-daemon", "amazon/aws-xray-daemon",
                                                         "docker.io/amazon/aws-xray-daemon"]
    package static let scratchDaemonRepository = "public.ecr.aws/xray/aws-xray-daemon"

    package static func repository(of image: String) -> String {
        let name = String(image.split(separator: "@").first ?? "")
        let last = name.split(separator: "/").last ?? ""
        guard let colon = last.lastIndex(of: ":") else { return name }
        return String(name.dropLast(last.distance(from: colon, to: last.endIndex)))
    }

    /// The config path the daemon reads (`-c`), as the ConfigMap mounted there holds it.
    package func daemonConfig(of workload: Workload, _ container: Container) -> MountedConfig? {
        guard let path = container.flags["config"]?.value else { return nil }
        var best: (mount: LocatedNode, relative: String)?
        for mount in container.node["volumeMounts"]?.items ?? [] {
            guard let mountPath = mount["mountPath"]?.text else { continue }
            if let subPath = mount["subPath"]?.text {
                if mountPath == path { best = (mount, subPath) }
                continue
            }
            let prefix = mountPath.hasSuffix("/") ? mountPath : mountPath + "/"
            guard path.hasPrefix(prefix), best.map({ ($0.mount["mountPath"]?.text?.count ?? 0) < mountPath.count }) ?? true else { continue }
            best = (mount, String(path.dropFirst(prefix.count)))
        }
        guard let best, let volumeName = best.mount["name"]?.text,
              let volume = (workload.podSpec["volumes"]?.items ?? []).first(where: { $0["name"]?.text == volumeName }),
              let mapName = volume["configMap"]?["name"]?.text,
              let map = configMap(mapName, namespace: workload.object.namespace, near: workload.object) else { return nil }
        var keyName = best.relative
        if let items = volume["configMap"]?["items"]?.items {
            guard let item = items.first(where: { $0["path"]?.text == best.relative }), let key = item["key"]?.text else { return nil }
            keyName = key
        }
        guard let pair = (map.node["data"]?.pairs ?? []).first(where: { $0.key.text == keyName }),
              let tree = EmbeddedDocument.yaml(pair.value, in: map.document) else { return nil }
        return MountedConfig(map: map, key: pair.key, value: pair.value, tree: tree)
    }

    /// An official daemon image run with its own ENTRYPOINT (no `command`): `-t 0.0.0.0:2000 -b 0.0.0.0:2000` come
    /// first on its command line and win over any cfg.yaml (images from 3.3.2; `latest` and untagged are current).
    package static func keepsEntrypointBinds(_ container: Container) -> Bool {
        guard container.agentKind == .xrayDaemon, container.node["command"] == nil, let text = container.image,
              let image = ImageReference(text), officialDaemonRepositories.contains(repository(of: text)) else { return false }
        if image.tag == nil || image.tag == "latest" { return true }
        return image.semanticVersion.map { $0 >= [3, 3, 2] } ?? false
    }

    /// A container whose `command` starts the daemon binary itself (`/xray`, `/usr/bin/xray`), so its flags are all
    /// written here.
    package static func commandRunsDaemon(_ container: Container) -> Bool {
        guard let first = container.node["command"]?.items?.first?.text else { return false }
        let binary = first.split(separator: " ").first.map { String($0.split(separator: "/").last ?? "") } ?? ""
        return binary == "xray" || binary.hasPrefix("xray") && !binary.containsBytes(".")
    }

    /// A ConfigMap by name, preferring the one in the same file when several linted files define it
    /// (copies of one sample in different folders).
    package func configMap(_ name: String, namespace: String, near object: Object) -> Object? {
        let candidates = configMaps.filter { $0.name == name && $0.namespace == namespace }
        return candidates.first { $0.document.path == object.document.path } ?? candidates.first
    }

    /// A Kubernetes memory quantity in MiB (`24Mi`, `128M`, `1Gi`, `268435456`); nil for what is not one.
    package static func mebibytes(_ quantity: String) -> Double? {
        let units: [(String, Double)] = [("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
                                         ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12)]
        let text = quantity.trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor / 1_048_576 }
        }
        return Double(text).map { $0 / 1_048_576 }
    }

    /// A Service whose `clusterIP: None` makes its DNS name resolve to the pods' own addresses.
    package static func isHeadless(_ service: Service) -> Bool {
        service.object.node["spec"]?["clusterIP"]?.text == "None"
    }

    /// Whether some container port of the workload takes `port` over `transport` on the node's address.
    package static func publishesOnNode(_ workload: Workload, port: Int, transport: String) -> Bool {
        if workload.hostNetwork { return true }
        return workload.agents.contains { agent in
            agent.ports.contains { $0.containerPort == port && $0.transport == transport && $0.hostPort != nil }
        }
    }

    // MARK: Pods that trace without naming an agent

    /// An app container that configures an X-Ray SDK or OpenTelemetry SDK through its environment but names
    /// no agent address, so the SDK sends to its default on the pod's own loopback.
    package struct DefaultAddressUse {
        package let workload: Workload
        package let container: Container
        /// The first tracing variable, where findings land.
        package let evidence: LocatedNode
        /// "X-Ray SDK" or "OpenTelemetry SDK".
        package let sdk: String
        package let defaultAddress: String
    }

    /// Annotations with which an operator or webhook adds an agent or the exporter settings to the pod.
    package static let injectionAnnotationPrefixes = ["sidecar.opentelemetry.io/", "instrumentation.opentelemetry.io/",
                                              "appmesh.k8s.aws/", "sidecar.istio.io/"]

    package var defaultAddressUses: [DefaultAddressUse] {
        workloads.flatMap { workload -> [DefaultAddressUse] in
            // A pod with an agent beside it reaches it on 127.0.0.1; a host-network pod's loopback is the node's.
            guard workload.agents.isEmpty, !workload.hostNetwork else { return [] }
            let annotations = [workload.templateMetadata, workload.object.metadata].compactMap { $0?["annotations"]?.pairs }.joined()
            guard !annotations.contains(where: { pair in Self.injectionAnnotationPrefixes.contains { (pair.key.text ?? "").hasPrefix($0) } })
            else { return [] }
            return workload.apps.compactMap { container -> DefaultAddressUse? in
                // Variables from ConfigMaps or Secrets may hold the address: not judged.
                guard container.node["envFrom"] == nil else { return nil }
                let entries = (container.node["env"]?.items ?? []).compactMap { entry -> (name: String, entry: LocatedNode)? in
                    entry["name"]?.text.map { ($0, entry) }
                }
                let names = Set(entries.map(\.name))
                let value = { (name: String) in container.variable(name)?.text?.lowercased() }
                if let xray = entries.first(where: { $0.name.hasPrefix("AWS_XRAY_") }), !names.contains("AWS_XRAY_DAEMON_ADDRESS"),
                   value("AWS_XRAY_SDK_ENABLED") != "false" {
                    return DefaultAddressUse(workload: workload, container: container, evidence: xray.entry["name"] ?? xray.entry,
                                             sdk: "X-Ray SDK", defaultAddress: "127.0.0.1:2000")
                }
                let endpoints: Set<String> = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]
                guard let otel = entries.first(where: { $0.name.hasPrefix("OTEL_") }), names.isDisjoint(with: endpoints),
                      value("OTEL_SDK_DISABLED") != "true", value("OTEL_TRACES_EXPORTER").map({ $0.split(separator: ",").contains("otlp") }) ?? true
                else { return nil }
                // Variables that say nothing about traces (metrics, logs only) do not make a tracing app.
                let traceNames: Set<String> = ["OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_EXPORTER", "OTEL_TRACES_SAMPLER",
                                               "OTEL_TRACES_SAMPLER_ARG", "OTEL_PROPAGATORS", "OTEL_EXPORTER_OTLP_PROTOCOL",
                                               "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"]
                guard names.contains(where: traceNames.contains) else { return nil }
                return DefaultAddressUse(workload: workload, container: container, evidence: otel.entry["name"] ?? otel.entry,
                                         sdk: "OpenTelemetry SDK", defaultAddress: "localhost:4317 (or 4318)")
            }
        }
    }

    // MARK: RBAC

    /// A RoleBinding or ClusterRoleBinding: the role it grants and the ServiceAccounts it grants it to.
    package struct Binding {
        package let object: Object
        package let roleKind: String
        package let roleName: LocatedNode
        /// "namespace/name" of each ServiceAccount subject.
        package let serviceAccounts: [String]
    }

    package var bindings: [Binding] {
        objects.filter { ($0.kind == "ClusterRoleBinding" || $0.kind == "RoleBinding") && $0.apiVersion.hasPrefix("rbac.authorization.k8s.io/") }
            .compactMap { object in
                guard let roleRef = object.node["roleRef"], let name = roleRef["name"], name.text != nil else { return nil }
                let accounts = (object.node["subjects"]?.items ?? []).compactMap { subject -> String? in
                    guard subject["kind"]?.text == "ServiceAccount", let account = subject["name"]?.text else { return nil }
                    // A RoleBinding's subject without a namespace is in the binding's; a ClusterRoleBinding's must say it.
                    guard let namespace = subject["namespace"]?.text ?? (object.kind == "RoleBinding" ? object.namespace : nil) else { return nil }
                    return namespace + "/" + account
                }
                return Binding(object: object, roleKind: roleRef["kind"]?.text ?? "", roleName: name, serviceAccounts: accounts)
            }
    }
}
