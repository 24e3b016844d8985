import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct InvalidDaemonConfigMap: LintRule {
    package static let description = RuleDescription(
        id: "XR912", name: "invalid-daemon-configmap", severity: .error, also: [.warning, .info],
        summary: "A daemon `cfg.yaml` held in a Kubernetes ConfigMap is itself invalid (any XR5xx finding inside it, located in the manifest).",
        rationale: "The daemon reads the mounted file with `-c` and exits on a config without `Version: 2` or with an unknown key (aws-xray-daemon #50), so the DaemonSet crash-loops. Each finding keeps the severity of the XR5xx rule behind it.",
        sources: [.daemonConfiguration, .daemonConfigCode, .xrayKubernetesSample],
        examples: [
            RuleExample("configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: xray-config}
                data:
                  config.yaml: |
                    ↓Socket:
                      UDPAddress: 0.0.0.0:2000

                """),
            RuleExample("configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: xray-config}
                data:
                  config.yaml: |
                    Version: 2
                    Socket:
                      UDPAddress: 0.0.0.0:2000

                """),
        ])

    package func check(_ run: LintRun) -> [Finding] {
        let majors = DaemonInstall.majorsByConfigMap(in: run.kubernetes)
        return run.kubernetes.configMaps.flatMap { map -> [Finding] in
            (map.node["data"]?.pairs ?? []).flatMap { key, value -> [Finding] in
                guard let name = key.text, name.hasSuffix(".yaml") || name.hasSuffix(".yml"), value.text != nil,
                      let embedded = EmbeddedDocument.parse(value, in: map.document), embedded.root.map({ KindDetector.detect($0, path: "cfg.yaml") }) == .daemonConfig
                else { return [] }
                let findings = DaemonInstall.inContext(InvalidEmbeddedDaemonConfig.daemonFindings(embedded, today: run.today), config: embedded.root,
                                                       major: map.name.flatMap { majors[map.namespace + "/" + $0] })
                return findings.map { inner in
                    var finding = Self.finding(at: inner.location, pointer: value.pointer,
                                           "in the daemon config that \(map.label) holds as '\(name)': \(inner.message) [\(inner.rule)]", fix: inner.fix, severity: inner.severity)
                    finding.innerRule = inner.rule
                    return finding
                }
            }
        }
    }
}
