import XRayCore
import XRaySampling

/// The ServiceAccounts (`NAMESPACE/NAME`) that the linted templates, Terraform plans included,
/// associate with a role through EKS Pod Identity (`AWS::EKS::PodIdentityAssociation`): the
/// evidence that Pod Identity is how their pods get credentials.
package enum PodIdentityAssociations {
    package static func serviceAccounts(in run: LintRun) -> Set<String> {
        var associated = Set<String>()
        for template in run.templates {
            for resource in template.resources(ofType: "AWS::EKS::PodIdentityAssociation") {
                if let properties = resource.properties, let account = properties["ServiceAccount"]?.text,
                   let namespace = properties["Namespace"]?.text {
                    associated.insert(namespace + "/" + account)
                }
            }
        }
        return associated
    }
}
