import Foundation
import XRayCore
import XRaySampling

/// One action that applies generated files, rendered as shell commands in the output README.
package enum DeployStep: Hashable {
    case createRole(RolePlan)
    case mergeKeyPolicy(path: String, key: String, account: String?)
    case createLogGroup(name: String, retentionDays: Int)
    case registerTaskDefinition(path: String)
    case createService(path: String)
    /// `account`: another account's X-Ray (run with that account's CLI profile); nil for the model's.
    case createSamplingRules(path: String, account: String?)
    case updateDefaultSamplingRule(path: String, account: String?)
    case putEncryptionConfig(path: String, account: String?)
    /// The logs resource policy, the segment destination (waiting until it is active), the indexing rule.
    case enableTransactionSearch(policyPath: String, policyName: String, account: String?)
    /// Application Signals' one-time account setup (its service-linked role).
    case startApplicationSignalsDiscovery
    case updateFunctionConfiguration(path: String)
    case addPolicyToFunctionRole(function: String, policyPath: String)
    /// The ADOT layer merged into the function's layers and variables; `policy`: a managed policy
    /// for the function's current role (Application Signals), looked up when applied.
    case addADOTLayer(function: String, path: String, policy: String?)
    case updateStage(path: String)
    case deployBeanstalk(service: String)
    case launchInstance(path: String, instanceProfile: String?)
    /// Ties the agent's ServiceAccount to its role in one cluster.
    case associatePodIdentity(PodIdentityAssociation, roleARN: String)
    /// The agent's manifests, then each app Deployment's patch, in one cluster. `placeholderRole`:
    /// the annotation whose role ARN holds the account placeholder, filled in from the CLI's identity.
    case applyKubernetes(cluster: String, manifest: String, patches: [DeploymentPatch], placeholderRole: PlaceholderRole?)

    package struct PlaceholderRole: Hashable {
        package var annotation: String
        package var arn: String
    }

    package struct DeploymentPatch: Hashable {
        package var deployment: String
        package var namespace: String
        package var path: String
    }

    /// Roles first (everything else names them), the key policy before encryption uses the key,
    /// task definitions before the service that runs one.
    package var order: Int {
        switch self {
        case .createRole(let role): return role.otherAccount == nil ? 0 : 1
        case .mergeKeyPolicy, .createLogGroup, .enableTransactionSearch, .startApplicationSignalsDiscovery: return 2
        case .registerTaskDefinition: return 3
        case .createService: return 4
        case .createSamplingRules: return 5
        case .updateDefaultSamplingRule: return 6
        case .putEncryptionConfig: return 7
        case .updateFunctionConfiguration, .addPolicyToFunctionRole, .addADOTLayer: return 8
        case .updateStage: return 9
        case .deployBeanstalk: return 10
        case .launchInstance: return 11
        case .associatePodIdentity: return 2
        case .applyKubernetes: return 12
        }
    }

    /// Whether `cloudformation.yaml` does this step (so it is left out after a stack deploy).
    package var inCloudFormation: Bool {
        switch self {
        case .createRole(let role): return role.otherAccount == nil
        case .createSamplingRules(_, let account), .enableTransactionSearch(_, _, let account): return account == nil
        case .createLogGroup, .registerTaskDefinition, .createService, .startApplicationSignalsDiscovery,
             .associatePodIdentity: return true
        case .mergeKeyPolicy, .updateDefaultSamplingRule, .putEncryptionConfig, .updateFunctionConfiguration,
             .addPolicyToFunctionRole, .addADOTLayer, .updateStage, .deployBeanstalk, .launchInstance, .applyKubernetes: return false
        }
    }

    /// Whether `terraform/` does this step: what the template does, except Application Signals'
    /// account setup, which has no Terraform resource xrayctl relies on.
    package var inTerraform: Bool {
        if case .startApplicationSignalsDiscovery = self { return false }
        return inCloudFormation
    }

    /// The commands, every interpolated value quoted as one shell word (`Shell.quote`).
    package func commands(region rawRegion: String) -> [String] {
        let q = Shell.quote
        let region = q(rawRegion)
        switch self {
        case .createRole(let role):
            let profile = Self.profile(role.otherAccount)
            let name = q(role.name)
            var commands = Self.inAccount(role.otherAccount)
            if role.trust != nil {
                commands.append("aws iam create-role\(profile) --role-name \(name) --assume-role-policy-document \(q("file://iam/\(role.name).trust.json"))")
            }
            if role.inlinePolicy != nil {
                commands.append("aws iam put-role-policy\(profile) --role-name \(name) --policy-name xray --policy-document \(q("file://iam/\(role.name).policy.json"))")
            }
            commands += role.managedPolicyARNs.map { "aws iam attach-role-policy\(profile) --role-name \(name) --policy-arn \(q($0))" }
            if role.instanceProfile {
                commands.append("aws iam create-instance-profile --instance-profile-name \(name)")
                commands.append("aws iam add-role-to-instance-profile --instance-profile-name \(name) --role-name \(name)")
            }
            return commands
        case .mergeKeyPolicy(let path, let key, let account):
            let profile = Self.profile(account)
            return Self.inAccount(account) + [
                "aws kms get-key-policy\(profile) --region \(region) --key-id \(q(key)) --policy-name default --query Policy --output text > key-policy.json",
                "# add the statements of \(path) to the Statement list in key-policy.json, then:",
                "aws kms put-key-policy\(profile) --region \(region) --key-id \(q(key)) --policy-name default --policy file://key-policy.json"]
        case .createLogGroup(let name, let days):
            return ["aws logs create-log-group --region \(region) --log-group-name \(q(name))",
                    "aws logs put-retention-policy --region \(region) --log-group-name \(q(name)) --retention-in-days \(days)"]
        case .registerTaskDefinition(let path):
            return ["aws ecs register-task-definition --region \(region) --cli-input-json \(q("file://" + path))"]
        case .createService(let path):
            return ["aws ecs create-service --region \(region) --cli-input-json \(q("file://" + path))"]
        case .createSamplingRules(let path, let account):
            return Self.inAccount(account) + ["python3 -c 'import json,sys; [print(json.dumps(r)) for r in json.load(open(sys.argv[1]))]' \(q(path)) | while read -r rule; do aws xray create-sampling-rule\(Self.profile(account)) --region \(region) --cli-input-json \"$rule\"; done"]
        case .updateDefaultSamplingRule(let path, let account):
            return Self.inAccount(account) + ["aws xray update-sampling-rule\(Self.profile(account)) --region \(region) --cli-input-json \(q("file://" + path))"]
        case .putEncryptionConfig(let path, let account):
            return Self.inAccount(account) + ["aws xray put-encryption-config\(Self.profile(account)) --region \(region) --cli-input-json \(q("file://" + path))"]
        case .startApplicationSignalsDiscovery:
            return ["aws application-signals start-discovery --region \(region)"]
        case .enableTransactionSearch(let policyPath, let policyName, let account):
            let profile = Self.profile(account)
            return Self.inAccount(account) + [
                "aws logs put-resource-policy\(profile) --region \(region) --policy-name \(q(policyName)) --policy-document \(q("file://" + policyPath))",
                "aws xray update-trace-segment-destination\(profile) --region \(region) --cli-input-json \(q("file://" + TransactionSearchGenerator.destinationPath))",
                "until [ \"$(aws xray get-trace-segment-destination\(profile) --region \(region) --query Status --output text)\" = ACTIVE ]; do sleep 10; done",
                "aws xray update-indexing-rule\(profile) --region \(region) --cli-input-json \(q("file://" + TransactionSearchGenerator.indexingPath))",
            ]
        case .updateFunctionConfiguration(let path):
            return ["aws lambda update-function-configuration --region \(region) --cli-input-json \(q("file://" + path))"]
        case .addPolicyToFunctionRole(let function, let policyPath):
            return [Self.lookUpRoleName(function: function, region: region),
                    "aws iam put-role-policy --role-name \"$ROLE_NAME\" --policy-name xray --policy-document \(q("file://" + policyPath))"]
        case .addADOTLayer(let function, let path, let policy):
            let current = (path as NSString).deletingLastPathComponent + "/current-configuration.json"
            let update = (path as NSString).deletingLastPathComponent + "/lambda-adot-update.json"
            // One update at a time: Lambda refuses a change while the previous one is in progress.
            var commands = ["aws lambda wait function-updated --region \(region) --function-name \(q(function))",
                            "aws lambda get-function-configuration --region \(region) --function-name \(q(function)) --output json > \(q(current))",
                            Self.mergeLayer + " \(q(current)) \(q(path)) \(q(function)) > \(q(update))",
                            "aws lambda update-function-configuration --region \(region) --cli-input-json \(q("file://" + update))"]
            if let policy {
                commands += [Self.lookUpRoleName(function: function, region: region),
                             "aws iam attach-role-policy --role-name \"$ROLE_NAME\" --policy-arn \(q(policy))"]
            }
            return commands
        case .updateStage(let path):
            return ["aws apigateway update-stage --region \(region) --cli-input-json \(q("file://" + path))"]
        case .deployBeanstalk(let service):
            return ["# copy \(service)/.ebextensions into the root of the \(service) source bundle, then from there:",
                    "eb deploy"]
        case .launchInstance(let path, let profile):
            let role = profile.map { " --iam-instance-profile \(q("Name=" + $0))" } ?? ""
            return ["aws ec2 run-instances --region \(region) --image-id AMI_ID --instance-type t3.small\(role) --user-data \(q("file://" + path))"]
        case .associatePodIdentity(let association, let roleARN):
            return ["aws eks create-pod-identity-association --region \(region) --cluster-name \(q(association.cluster)) --namespace \(q(association.namespace)) --service-account \(q(association.serviceAccount)) --role-arn \(q(roleARN))"]
        case .applyKubernetes(let cluster, let manifest, let patches, let placeholderRole):
            var commands = ["aws eks update-kubeconfig --region \(region) --name \(q(cluster))"]
            if let placeholderRole, let script = Self.fillAccount(placeholderRole) {
                commands.append("sed \(script) \(q(manifest)) | kubectl apply -f -")
            } else {
                commands.append("kubectl apply -f \(q(manifest))")
            }
            commands += patches.map { "kubectl patch deployment \(q($0.deployment)) --namespace \(q($0.namespace)) --patch-file \(q($0.path))" }
            return commands
        }
    }

    /// `ROLE_NAME=` the function's current role (the last part of its ARN: a role may have a path).
    /// `region` is quoted already.
    package static func lookUpRoleName(function: String, region: String) -> String {
        "ROLE_NAME=$(aws lambda get-function-configuration --region \(region) --function-name \(Shell.quote(function)) --query Role --output text | awk -F/ '{print $NF}')"
    }

    /// Merges the ADOT addition into a function's current configuration: its other layers stay
    /// (an older version of the same layer goes), its variables stay (the wrapper is set).
    package static let mergeLayer = #"python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); a=json.load(open(sys.argv[2])); n=lambda arn: arn.rsplit(":", 1)[0]; add=a["Layers"]; layers=[l["Arn"] for l in c.get("Layers", []) if n(l["Arn"]) not in {n(x) for x in add}] + add; v=dict((c.get("Environment") or {}).get("Variables") or {}); v.update(a["Environment"]["Variables"]); print(json.dumps({"FunctionName": sys.argv[3], "Layers": layers, "Environment": {"Variables": v}}))'"#

    /// A sed script (one shell word) that puts the CLI's account into the one line holding the
    /// annotation with the role ARN, and nowhere else: `ACCOUNT_ID` elsewhere in the manifests (a
    /// role so named in the agent's configuration) is the user's text. nil when the ARN has no placeholder.
    package static func fillAccount(_ role: PlaceholderRole) -> String? {
        let placeholder = GenerationContext.accountPlaceholder
        // The account is the ARN's fifth field; no field before it, nor a role name, holds a colon.
        let fields = role.arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[4] == placeholder else { return nil }
        // In a basic regular expression these match something other than themselves.
        func literal(_ text: String) -> String {
            text.reduce(into: "") { result, character in
                if ".*[\\^$".contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        let before = literal(role.annotation + ": " + fields[..<4].joined(separator: ":") + ":")
        let after = literal(":" + fields[5])
        return "'s|^\\( *\(before)\\)\(placeholder)\\(\(after)\\)$|\\1'\"$(aws sts get-caller-identity --query Account --output text)\"'\\2|'"
    }

    /// ` --profile ACCOUNT_N` for a step in another account.
    package static func profile(_ account: String?) -> String {
        account.map { " --profile \(Shell.quote("ACCOUNT_" + $0))" } ?? ""
    }

    package static func inAccount(_ account: String?) -> [String] {
        account.map { ["# in account \($0) (name your CLI profile for it ACCOUNT_\($0)):"] } ?? []
    }
}
