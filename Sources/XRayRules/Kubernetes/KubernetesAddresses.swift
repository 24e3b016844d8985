import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

/// The daemon addresses Kubernetes apps set, with the workload and container that set them.
extension KubernetesView {
    package struct AddressUse {
        package let workload: Workload
        package let container: Container
        package let value: LocatedNode
        package let text: String
    }

    package var daemonAddresses: [AddressUse] {
        workloads.flatMap { workload in
            workload.apps.compactMap { container -> AddressUse? in
                guard let value = container.variable("AWS_XRAY_DAEMON_ADDRESS"), let text = value.literalText else { return nil }
                return AddressUse(workload: workload, container: container, value: value, text: text)
            }
        }
    }
}
