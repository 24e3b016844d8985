/// The daemon addresses Kubernetes apps set, with the workload and container that set them.
extension KubernetesView {
    struct AddressUse {
        let workload: Workload
        let container: Container
        let value: LocatedNode
        let text: String
    }

    var daemonAddresses: [AddressUse] {
        workloads.flatMap { workload in
            workload.apps.compactMap { container -> AddressUse? in
                guard let value = container.variable("AWS_XRAY_DAEMON_ADDRESS"), let text = value.literalText else { return nil }
                return AddressUse(workload: workload, container: container, value: value, text: text)
            }
        }
    }
}
