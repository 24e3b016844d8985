/// One action that applies generated files, rendered as AWS CLI commands in the output README.
enum DeployStep: Hashable {
    case createRole(RolePlan)
    case registerTaskDefinition(path: String, family: String)
    case createService(path: String, name: String)

    /// Roles come first (task definitions name them), then task definitions, then services.
    var order: Int {
        switch self {
        case .createRole: return 0
        case .registerTaskDefinition: return 1
        case .createService: return 2
        }
    }

    func commands(region: String) -> [String] {
        switch self {
        case .createRole(let role):
            var commands = ["aws iam create-role --role-name \(role.name) --assume-role-policy-document file://iam/\(role.name).trust.json"]
            if role.inlinePolicy != nil {
                commands.append("aws iam put-role-policy --role-name \(role.name) --policy-name xray --policy-document file://iam/\(role.name).policy.json")
            }
            commands += role.managedPolicyARNs.map { "aws iam attach-role-policy --role-name \(role.name) --policy-arn \($0)" }
            return commands
        case .registerTaskDefinition(let path, _):
            return ["aws ecs register-task-definition --region \(region) --cli-input-json file://\(path)"]
        case .createService(let path, _):
            return ["aws ecs create-service --region \(region) --cli-input-json file://\(path)"]
        }
    }
}
