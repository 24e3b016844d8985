import XRayCore
import XRaySampling

/// The role in the trace-owning account that the agents assume (`RoleARN` / `-r`; docs/xray-facts.md §1.8).
package struct CrossAccountGenerator {
    package let context: GenerationContext

    /// `sources` are the roles the agents sign with; the target trusts exactly them.
    package func generate(target: ARN, sources: [String]) -> Setup {
        var output = Setup(context)
        let principals: StringOrList = sources.isEmpty
            ? .one("arn:\(context.partition):iam::\(context.account):root")
            : .many(Set(sources).sorted().map(context.roleARN))
        output.roles.append(RolePlan(
            name: target.roleName ?? target.resource,
            purpose: "cross-account role in account \(target.account): the agents assume it to upload traces there",
            trust: PolicyDocument([.init(principal: ["AWS": principals], action: "sts:AssumeRole")]),
            inlinePolicy: PolicyDocument([IAMPolicies.xrayWrite]),
            otherAccount: target.account, namedByUser: true))
        output.notes.append("The agents upload into account \(target.account) through `\(target)`. Create the source roles first: IAM accepts a trust policy only for principals that exist.")
        return output
    }
}
