import XRayCore
import XRaySampling

/// X-Ray groups (`groups:`): one CreateGroup input each, created in every account traces land in
/// (a group selects from the traces of its own account).
package struct GroupsGenerator {
    package let context: GenerationContext

    package static let folder = "groups"

    package static func path(_ name: String) -> String { "\(folder)/\(name).json" }

    package func generate(_ groups: [GroupSpec]) -> Setup {
        var output = Setup(context)
        for group in groups {
            let input = CreateGroupInput(GroupName: group.name, FilterExpression: group.filterExpression,
                                         InsightsConfiguration: .init(InsightsEnabled: group.insights,
                                                                      NotificationsEnabled: group.notifications))
            let path = Self.path(group.name)
            output.add(path, CanonicalJSON.encode(input),
                       "X-Ray group \(group.name): the traces matching its filter expression\(group.insights ? ", with X-Ray Insights" : "")\(group.notifications ? " and its notifications" : "") (CreateGroup input)")
            for account in context.traceAccounts { output.add(.group(input, path: path, account: account)) }
        }
        return output
    }
}
