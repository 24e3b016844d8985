import XRayCore
import XRaySampling

/// Where a repository shows which X-Ray daemon it runs: the package an `.ebextensions` file
/// downloads (`aws-xray-daemon-3.x.rpm`, `aws-xray-daemon-2.1.3-1.x86_64.rpm`, `…_3.3.0_amd64.deb`),
/// Elastic Beanstalk's own daemon (`XRayEnabled: true`, a 3.x daemon on current platforms), or a
/// container image tag. The daemon config's `Version` means different things to each (2.x reads
/// only Version 1; 3.x reads 1 and 2 — aws-xray-daemon's cfg.go at V2.1.3 and V3.0.0).
package enum DaemonInstall {
    /// The major version of every X-Ray daemon package named in `text`, with its offset.
    package static func packages(in text: String) -> [(major: Int, offset: String.Index)] {
        var found: [(Int, String.Index)] = []
        var searchFrom = text.startIndex
        while let range = text.range(of: "aws-xray-daemon", range: searchFrom..<text.endIndex) {
            searchFrom = range.upperBound
            let rest = text[range.upperBound...]
            guard let separator = rest.first, separator == "-" || separator == "_",
                  let digit = rest.dropFirst().first, let major = digit.wholeNumberValue else { continue }
            // The name goes on to a package: "-3.x.rpm", "-2.1.3-1.x86_64.rpm", "_3.3.0_amd64.deb".
            let name = rest.prefix { !$0.isWhitespace && $0 != "\"" && $0 != "'" }
            guard name.hasSuffix(".rpm") || name.hasSuffix(".deb") || name.hasSuffix(".zip") else { continue }
            found.append((major, range.lowerBound))
        }
        return found
    }

    /// The daemon an `.ebextensions` file set runs: a package it installs, else Elastic
    /// Beanstalk's own (3.x) when X-Ray is enabled; nil when the files do not say.
    package static func major(of configs: [BeanstalkConfigView]) -> Int? {
        if let installed = configs.lazy.flatMap({ packages(in: $0.document.text) }).first { return installed.major }
        return configs.contains { $0.xrayEnabled?.value?.text?.lowercased() == "true" } ? 3 : nil
    }
}

extension DaemonInstall {
    /// The daemon major version that reads each ConfigMap (`NAMESPACE/NAME`): the X-Ray daemon image
    /// of the workloads that mount it, where they all say the same. Built once per run: a look-up
    /// per ConfigMap over every workload would be quadratic in the size of a cluster's manifests.
    package static func majorsByConfigMap(in view: KubernetesView) -> [String: Int] {
        var majors: [String: Set<Int>] = [:]
        for workload in view.workloads {
            let versions = workload.agents.filter { $0.agentKind == .xrayDaemon }
                .compactMap { $0.image.flatMap(ImageReference.init)?.semanticVersion?.parts.first }
            for name in workload.configMapNames {
                majors[workload.object.namespace + "/" + name, default: []].formUnion(versions)
            }
        }
        return majors.compactMapValues { $0.count == 1 ? $0.first : nil }
    }
}
