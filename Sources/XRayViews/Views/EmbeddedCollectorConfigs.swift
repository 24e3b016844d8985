import XRayCore
import XRaySampling

/// Collector configurations written inside Kubernetes manifests, located in the manifest: a
/// ConfigMap's data value (mounted as the collector's `--config` file), an `OpenTelemetryCollector`
/// resource's `spec.config` (a YAML string in v1alpha1, a mapping in v1beta1), and a container's
/// `AOT_CONFIG_CONTENT`, which ADOT reads on any platform.
extension CollectorConfigView {
    package static func inKubernetes(_ kubernetes: KubernetesView) -> [CollectorConfigView] {
        var configs: [CollectorConfigView] = []
        // The collector image of the pods that mount or read each ConfigMap, by namespace/name.
        var images: [String: String] = [:]
        for workload in kubernetes.workloads {
            guard let image = workload.containers.first(where: { $0.agentKind == .adot })?.image else { continue }
            for name in workload.configMapNames where images[workload.object.namespace + "/" + name] == nil {
                images[workload.object.namespace + "/" + name] = image
            }
        }
        for map in kubernetes.configMaps {
            let image = map.name.flatMap { images[map.namespace + "/" + $0] }
            for (_, value) in map.node["data"]?.pairs ?? [] {
                guard let root = EmbeddedDocument.yaml(value, in: map.document), isCollectorConfig(root) else { continue }
                configs.append(CollectorConfigView(document: map.document, root: root, container: nil, task: nil,
                                                   source: .configMap, kubernetesImage: image))
            }
        }
        for resource in kubernetes.objects where resource.kind == "OpenTelemetryCollector" {
            guard let spec = resource.node["spec"], let config = spec["config"] else { continue }
            let root = config.pairs != nil ? config : EmbeddedDocument.yaml(config, in: resource.document)
            guard let root, root.pairs != nil else { continue }
            configs.append(CollectorConfigView(document: resource.document, root: root, container: nil, task: nil,
                                               source: .operatorResource, kubernetesImage: spec["image"]?.text))
        }
        for workload in kubernetes.workloads {
            for container in workload.containers where container.agentKind == .adot {
                guard let value = container.variable("AOT_CONFIG_CONTENT"),
                      let root = EmbeddedDocument.yaml(value, in: workload.object.document), isCollectorConfig(root) else { continue }
                configs.append(CollectorConfigView(document: workload.object.document, root: root, container: nil, task: nil,
                                                   source: .kubernetesEnvironment, kubernetesImage: container.image))
            }
        }
        return configs
    }

    /// A mapping with the shape of a collector configuration (receivers, and exporters or pipelines).
    package static func isCollectorConfig(_ root: LocatedNode) -> Bool {
        root["receivers"]?.pairs != nil && (root["exporters"] != nil || root["service"]?["pipelines"] != nil)
    }
}
