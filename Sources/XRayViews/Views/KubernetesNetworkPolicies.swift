import XRayCore
import XRaySampling

/// NetworkPolicies of the linted files, evaluated for one flow: from an app pod to an agent pod on
/// one port and protocol. Only what the manifests decide is answered: label selectors over the
/// pods' labels, namespaces by name (`kubernetes.io/metadata.name`) or by the labels of Namespace
/// objects linted alongside, ports by number, range or container port name. An `ipBlock` peer,
/// a selector over labels of namespaces not in the files, or an unknown operator makes the
/// answer unknown (nil), and rules say nothing then.
extension KubernetesView {
    package struct Flow {
        package let from: Workload
        package let to: Workload
        /// The destination pod's port (after a Service's targetPort translation) and its name, if any.
        package let port: Int
        package let portName: String?
        package let transport: String

        // Other modules of the package build these; the implicit memberwise initializer is internal.
        package init(from: Workload, to: Workload, port: Int, portName: String?, transport: String) {
            self.from = from
            self.to = to
            self.port = port
            self.portName = portName
            self.transport = transport
        }
    }

    package enum Verdict: Equatable {
        case allowed
        /// Blocked by these policies (they select the pod for that direction and no rule admits the flow).
        case blocked([String])
        case unknown
    }

    package var networkPolicies: [Object] {
        objects.filter { $0.kind == "NetworkPolicy" && $0.apiVersion == "networking.k8s.io/v1" }
    }

    /// Whether NetworkPolicies let this flow out of its source pod and into its destination pod.
    package func verdict(_ flow: Flow) -> Verdict {
        let egress = direction(flow, policyType: "Egress", selected: flow.from, peer: flow.to, rulesKey: "egress", peersKey: "to")
        let ingress = direction(flow, policyType: "Ingress", selected: flow.to, peer: flow.from, rulesKey: "ingress", peersKey: "from")
        switch (egress, ingress) {
        case (.blocked(let a), .blocked(let b)): return .blocked(a + b)
        case (.blocked(let names), _), (_, .blocked(let names)): return .blocked(names)
        case (.unknown, _), (_, .unknown): return .unknown
        default: return .allowed
        }
    }

    private func direction(_ flow: Flow, policyType: String, selected: Workload, peer: Workload, rulesKey: String, peersKey: String) -> Verdict {
        var blocking: [String] = []
        for policy in networkPolicies where policy.namespace == selected.object.namespace {
            guard let spec = policy.node["spec"] else { continue }
            guard let chosen = matches(spec["podSelector"], selected.podLabels) else { return .unknown }
            guard chosen else { continue }
            let types = spec["policyTypes"]?.items?.compactMap(\.text)
                ?? (spec["egress"] != nil ? ["Ingress", "Egress"] : ["Ingress"])
            guard types.contains(policyType) else { continue }
            var admitted: Bool? = false
            for rule in spec[rulesKey]?.items ?? [] {
                switch admits(rule, flow: flow, policyNamespace: policy.namespace, peer: peer, peersKey: peersKey) {
                case true?: return .allowed
                case nil: admitted = nil
                case false?: break
                }
            }
            guard admitted != nil else { return .unknown }
            blocking.append(policy.name ?? "?")
        }
        return blocking.isEmpty ? .allowed : .blocked(blocking)
    }

    /// Whether one egress or ingress rule admits the flow; nil when that cannot be told from the files.
    private func admits(_ rule: LocatedNode, flow: Flow, policyNamespace: String, peer: Workload, peersKey: String) -> Bool? {
        guard let portMatch = portsAdmit(rule["ports"], flow) else { return nil }
        guard portMatch else { return false }
        guard let peers = rule[peersKey]?.items, !peers.isEmpty else { return true }
        var result: Bool? = false
        for item in peers {
            if item["ipBlock"] != nil { result = nil; continue }
            let podSelector = item["podSelector"], namespaceSelector = item["namespaceSelector"]
            let namespaceMatch: Bool? = namespaceSelector.map { namespaceMatches($0, peer.object.namespace) }
                ?? (peer.object.namespace == policyNamespace)
            let podMatch: Bool? = podSelector.map { matches($0, peer.podLabels) } ?? true
            switch (namespaceMatch, podMatch) {
            case (true?, true?): return true
            case (false?, _), (_, false?): continue
            default: result = nil
            }
        }
        return result
    }

    private func portsAdmit(_ ports: LocatedNode?, _ flow: Flow) -> Bool? {
        guard let items = ports?.items, !items.isEmpty else { return true }
        var result: Bool? = false
        for item in items {
            guard (item["protocol"]?.text ?? "TCP").uppercased() == flow.transport else { continue }
            guard let port = item["port"]?.text else { return true }
            if let number = Int(port) {
                let end = item["endPort"]?.text.flatMap { Int($0) } ?? number
                if (number...max(number, end)).contains(flow.port) { return true }
            } else if DaemonAddress.isPlaceholder(port) {
                result = nil
            } else if port == flow.portName {
                return true
            }
        }
        return result
    }

    /// A label selector (matchLabels, matchExpressions) over labels; nil for what cannot be evaluated.
    package func matches(_ selector: LocatedNode?, _ labels: [String: String]) -> Bool? {
        guard let selector else { return true }
        if selector.pairs?.isEmpty ?? (selector.text == nil) { return true }
        guard selector.pairs != nil else { return nil }
        for (key, value) in Workload.strings(selector["matchLabels"]) where labels[key] != value { return false }
        for expression in selector["matchExpressions"]?.items ?? [] {
            guard let key = expression["key"]?.text, let op = expression["operator"]?.text else { return nil }
            let values = Set((expression["values"]?.items ?? []).compactMap(\.text))
            switch op {
            case "In": if !(labels[key].map(values.contains) ?? false) { return false }
            case "NotIn": if labels[key].map(values.contains) ?? false { return false }
            case "Exists": if labels[key] == nil { return false }
            case "DoesNotExist": if labels[key] != nil { return false }
            default: return nil
            }
        }
        return true
    }

    private func namespaceMatches(_ selector: LocatedNode, _ namespace: String) -> Bool? {
        if selector.pairs?.isEmpty ?? (selector.text == nil) { return true }
        var labels = ["kubernetes.io/metadata.name": namespace]
        let declared = objects.first { $0.kind == "Namespace" && $0.name == namespace }
        for (key, value) in Workload.strings(declared?.metadata?["labels"]) { labels[key] = value }
        let answer = matches(selector, labels)
        // Without the Namespace object its other labels are unknown: only a positive match or a name test is sure.
        if declared == nil, answer == false {
            let keys = Set(Workload.strings(selector["matchLabels"]).keys)
                .union((selector["matchExpressions"]?.items ?? []).compactMap { $0["key"]?.text })
            return keys == ["kubernetes.io/metadata.name"] ? false : nil
        }
        return answer
    }
}
