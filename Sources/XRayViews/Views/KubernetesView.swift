import XRayCore
import XRaySampling

/// The Kubernetes objects of a run (each document of a multi-document file, and the items of a
/// `kind: List`): workloads with their pod templates, Services, ServiceAccounts and ConfigMaps.
package struct KubernetesView: Sendable {
    package struct Object: Sendable {
        package let document: SourceDocument
        package let node: LocatedNode
        package let apiVersion: String
        package let kind: String
        package let name: String?
        /// Where the object lives; objects that name none go to `default` (kubectl's default).
        package let namespace: String

        package var metadata: LocatedNode? { node["metadata"] }
        package var anchor: LocatedNode { node["kind"] ?? node }
        package var label: String { "\(kind) \(namespace)/\(name ?? "?")" }
    }

    package struct Container: Sendable {
        package let node: LocatedNode
        package let name: String?
        /// Which agent the container runs, from its image or name; nil for an app.
        package let agentKind: AgentSpec.Kind?
        package let flags: DaemonFlags

        package struct Port: Sendable {
            package let node: LocatedNode
            package let containerPort: Int?
            package let hostPort: Int?
            /// TCP unless written (as Kubernetes defaults it).
            package let transport: String
        }

        package var image: String? { node["image"]?.literalText }

        package var ports: [Port] {
            (node["ports"]?.items ?? []).map { port in
                Port(node: port, containerPort: port["containerPort"]?.text.flatMap { Int($0) },
                     hostPort: port["hostPort"]?.text.flatMap { Int($0) },
                     transport: (port["protocol"]?.text ?? "TCP").uppercased())
            }
        }

        /// `env` entries with a literal value.
        package func variable(_ name: String) -> LocatedNode? {
            (node["env"]?.items ?? []).first { $0["name"]?.text == name }?["value"]
        }

        /// ConfigMaps the container reads through `env` (`configMapKeyRef`) or `envFrom`.
        package var configMapNames: [String] {
            let keyRefs = (node["env"]?.items ?? []).compactMap { $0["valueFrom"]?["configMapKeyRef"]?["name"]?.text }
            let whole = (node["envFrom"]?.items ?? []).compactMap { $0["configMapRef"]?["name"]?.text }
            return keyRefs + whole
        }
    }

    package struct Workload: Sendable {
        package let object: Object
        /// The pod spec: the object's own (a Pod) or its template's.
        package let podSpec: LocatedNode
        /// The pod template's metadata (nil for a Pod, whose own metadata serves).
        package let templateMetadata: LocatedNode?
        package let containers: [Container]

        package var agents: [Container] { containers.filter { $0.agentKind != nil } }
        package var apps: [Container] { containers.filter { $0.agentKind == nil } }
        package var isDaemonSet: Bool { object.kind == "DaemonSet" }
        package var hostNetwork: Bool { podSpec["hostNetwork"]?.text == "true" }
        package var serviceAccountName: String {
            podSpec["serviceAccountName"]?.text ?? podSpec["serviceAccount"]?.text ?? "default"
        }
        /// The pod's labels, which Services select.
        package var podLabels: [String: String] {
            Self.strings((templateMetadata ?? object.metadata)?["labels"])
        }
        /// ConfigMaps the pod mounts or its containers read.
        package var configMapNames: [String] {
            (podSpec["volumes"]?.items ?? []).compactMap { $0["configMap"]?["name"]?.text }
                + containers.flatMap(\.configMapNames)
        }

        package static func strings(_ node: LocatedNode?) -> [String: String] {
            var values: [String: String] = [:]
            for (key, value) in node?.pairs ?? [] {
                if let key = key.text, let value = value.text { values[key] = value }
            }
            return values
        }
    }

    package struct Service: Sendable {
        package let object: Object
        package let selector: [String: String]

        package struct Port: Sendable {
            package let node: LocatedNode
            package let port: Int?
            package let targetPort: String?
            package let transport: String
        }

        package var ports: [Port] {
            (object.node["spec"]?["ports"]?.items ?? []).map { port in
                Port(node: port, port: port["port"]?.text.flatMap { Int($0) }, targetPort: port["targetPort"]?.text,
                     transport: (port["protocol"]?.text ?? "TCP").uppercased())
            }
        }

        /// Whether the Service sends to the pods of this workload (same namespace, selector ⊆ labels).
        package func selects(_ workload: Workload) -> Bool {
            guard !selector.isEmpty, workload.object.namespace == object.namespace else { return false }
            let labels = workload.podLabels
            return selector.allSatisfy { labels[$0.key] == $0.value }
        }
    }

    package let objects: [Object]
    package let workloads: [Workload]
    package let services: [Service]
    package let serviceAccounts: [Object]
    package let configMaps: [Object]
    /// Workloads whose pods run an agent and nothing else (DaemonSets, or Deployments behind a Service):
    /// other pods send to them.
    package let agentWorkloads: [Workload]

    /// Objects by namespace and name (the first of a name, as a search in file order finds), and
    /// agent workloads by namespace and pod label: each look-up a rule makes per workload is then
    /// constant time, not a search through every object of the run.
    private struct Name: Hashable { let namespace: String, name: String }
    private let serviceAccountsByName: [Name: Object]
    private let configMapsByName: [Name: Object]
    private let servicesByName: [Name: Service]
    private let agentWorkloadsByLabel: [Name: [Workload]]

    /// The workload kinds whose pods run the containers rules look at.
    package static let workloadKinds: Set<String> = ["Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Pod", "Job", "CronJob"]

    /// The annotation IRSA reads, on a ServiceAccount only (EKS's pod identity webhook).
    package static let roleAnnotation = "eks.amazonaws.com/role-arn"

    package init(documents: [SourceDocument]) {
        var objects: [Object] = []
        for document in documents where document.kind == .kubernetes {
            guard let root = document.root else { continue }
            // `kubectl get -o yaml` of several objects is one `kind: List`.
            let nodes = root["kind"]?.text == "List" ? (root["items"]?.items ?? []) : [root]
            for node in nodes {
                guard let apiVersion = node["apiVersion"]?.text, let kind = node["kind"]?.text else { continue }
                objects.append(Object(document: document, node: node, apiVersion: apiVersion, kind: kind,
                                      name: node["metadata"]?["name"]?.text,
                                      namespace: node["metadata"]?["namespace"]?.text ?? "default"))
            }
        }
        self.objects = objects
        workloads = objects.compactMap(Self.workload)
        services = objects.filter { $0.kind == "Service" && $0.apiVersion == "v1" }.map { object in
            Service(object: object, selector: Workload.strings(object.node["spec"]?["selector"]))
        }
        serviceAccounts = objects.filter { $0.kind == "ServiceAccount" }
        configMaps = objects.filter { $0.kind == "ConfigMap" }
        agentWorkloads = workloads.filter { !$0.agents.isEmpty && $0.apps.isEmpty }
        func byName(_ objects: [Object]) -> [Name: Object] {
            Dictionary(objects.compactMap { object in object.name.map { (Name(namespace: object.namespace, name: $0), object) } }) { first, _ in first }
        }
        serviceAccountsByName = byName(serviceAccounts)
        configMapsByName = byName(configMaps)
        servicesByName = Dictionary(services.compactMap { service in
            service.object.name.map { (Name(namespace: service.object.namespace, name: $0), service) }
        }) { first, _ in first }
        var byLabel: [Name: [Workload]] = [:]
        for workload in agentWorkloads {
            for (key, value) in workload.podLabels {
                byLabel[Name(namespace: workload.object.namespace, name: key + "=" + value), default: []].append(workload)
            }
        }
        agentWorkloadsByLabel = byLabel
    }

    private static func workload(_ object: Object) -> Workload? {
        guard workloadKinds.contains(object.kind) else { return nil }
        let template: LocatedNode?
        switch object.kind {
        case "Pod": template = nil
        case "CronJob": template = object.node["spec"]?["jobTemplate"]?["spec"]?["template"]
        default: template = object.node["spec"]?["template"]
        }
        guard let podSpec = object.kind == "Pod" ? object.node["spec"] : template?["spec"] else { return nil }
        let containers = ((podSpec["containers"]?.items ?? []) + (podSpec["initContainers"]?.items ?? []).filter {
            // A native sidecar: an init container that keeps running.
            $0["restartPolicy"]?.text == "Always"
        }).map { node in
            let name = node["name"]?.text
            return Container(node: node, name: name,
                             agentKind: ContainerView.agentKind(of: node["image"]?.literalText) ?? ContainerView.agentKind(of: name),
                             flags: DaemonFlags((node["command"]?.items ?? []) + (node["args"]?.items ?? [])))
        }
        return Workload(object: object, podSpec: podSpec, templateMetadata: template?["metadata"], containers: containers)
    }

    package func serviceAccount(_ name: String, namespace: String) -> Object? {
        serviceAccountsByName[Name(namespace: namespace, name: name)]
    }

    package func configMap(_ name: String, namespace: String) -> Object? {
        configMapsByName[Name(namespace: namespace, name: name)]
    }

    /// Whether the Service sends to the pods of an agent workload: only workloads carrying one of
    /// its selector's labels can be selected, so only those are compared.
    package func selectsAnAgent(_ service: Service) -> Bool {
        guard let (key, value) = service.selector.min(by: { $0.key < $1.key }) else { return false }
        return (agentWorkloadsByLabel[Name(namespace: service.object.namespace, name: key + "=" + value)] ?? []).contains(where: service.selects)
    }

    /// The Service an address's host names, if it is one of the linted files' (`NAME`, `NAME.NS`,
    /// `NAME.NS.svc`, `NAME.NS.svc.cluster.local`), seen from a pod in `namespace`.
    package func service(named host: String, from namespace: String) -> (name: String, namespace: String, service: Service?)? {
        let parts = host.lowercased().split(separator: ".").map(String.init)
        guard let name = parts.first, Self.isServiceHost(parts) else { return nil }
        let target = parts.count >= 2 ? parts[1] : namespace
        return (name, target, servicesByName[Name(namespace: target, name: name)])
    }

    /// A host that is a Service name in cluster DNS form (not an IP address or another domain).
    package static func isServiceHost(_ parts: [String]) -> Bool {
        guard let first = parts.first, !first.isEmpty, !first.allSatisfy({ $0.isNumber }) else { return false }
        if first == "localhost" { return false }
        switch parts.count {
        case 1, 2: return !parts.contains { $0.allSatisfy(\.isNumber) }
        case 3: return parts[2] == "svc"
        default: return Array(parts[2...]) == ["svc", "cluster", "local"]
        }
    }
}
