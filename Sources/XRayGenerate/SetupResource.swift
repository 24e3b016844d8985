import Foundation
import XRayCore
import XRaySampling

/// One thing a setup creates or changes, with the typed value every emitter renders and, where it
/// matters, the account it belongs to (nil: the model's own). The list of these is the setup; each
/// emitter — the CLI steps below, `CloudFormationGenerator`, `TerraformGenerator`, `SingleArtifact` —
/// is one exhaustive `switch` over it, so a new case is named by the compiler in every emitter.
package enum SetupResource {
    /// A role this setup creates, or the inline policy it adds to one that exists (`trust` nil).
    case role(RolePlan)
    /// The statements X-Ray needs, merged into the key policy of the KMS key by hand.
    case keyPolicy(path: String, key: String, account: String?)
    case logGroup(name: String, retentionDays: Int)
    case taskDefinition(PlannedTask)
    /// The DAEMON service that runs the agent task on every container instance.
    case daemonService(CreateServiceInput, path: String)
    /// `account`: another account's X-Ray (run with that account's CLI profile); nil for the model's.
    case samplingRules([CreateSamplingRuleInput], path: String, account: String?)
    /// The rules' boosts again, as `UpdateSamplingRule` inputs, for an output that creates the rules
    /// without them; the CLI steps and the template set them when they create the rules.
    case samplingRateBoosts([UpdateSamplingRateBoostInput], path: String, account: String?)
    /// The Default rule's new reservoir and rate: the rule exists in every account and cannot be created.
    case defaultSamplingRule(path: String, account: String?)
    /// An X-Ray group (a filter expression with its insights), in an account traces land in.
    case group(CreateGroupInput, path: String, account: String?)
    case encryption(path: String, account: String?)
    /// The logs resource policy, the segment destination (waiting until it is active), the indexing rule.
    case transactionSearch(TransactionSearchSpec, policyPath: String, policyName: String, account: String?)
    /// Application Signals' one-time account setup (its service-linked role).
    case applicationSignalsDiscovery
    /// The model's KMS key on the `aws/spans` log group X-Ray created when Transaction Search turned on:
    /// PutEncryptionConfig does not reach it (AssociateKmsKey, docs/xray-facts.md §10).
    case spansEncryption(key: String, account: String?)
    /// An account-wide setting another project owns (`account_settings: external`): checked, not set.
    case accountSettingCheck(AccountSettingCheck, account: String?)
    /// Active tracing on a function that exists (`UpdateFunctionConfiguration` input).
    case functionTracing(path: String)
    /// The upload permission added to a function's current role, looked up when applied.
    case functionRolePolicy(function: String, policyPath: String)
    /// The ADOT layer merged into the function's layers and variables; `policy`: a managed policy
    /// for the function's current role (Application Signals), looked up when applied.
    case adotLayer(function: String, path: String, policy: String?)
    case stageTracing(path: String)
    case beanstalkEnvironment(service: String)
    case instance(path: String, instanceProfile: String?)
    /// Ties the agent's ServiceAccount to its role in one cluster.
    case podIdentityAssociation(PodIdentityAssociation, roleARN: String)
    /// The agent's manifests, then each app Deployment's patch, in one cluster. `placeholderRole`:
    /// the annotation whose role ARN holds the account placeholder, filled in from the CLI's identity.
    case kubernetes(cluster: String, manifest: String, patches: [DeploymentPatch], placeholderRole: PlaceholderRole?)

    /// What `account_settings: external` checks, with what the model expects of it.
    package enum AccountSettingCheck {
        case transactionSearch(indexingPercentage: Double)
        case defaultSamplingRule(reservoir: Int, rate: Double)
        case applicationSignalsDiscovery
        case spansEncryption(key: String)
    }

    package struct PlaceholderRole: Hashable {
        package var annotation: String
        package var arn: String
    }

    package struct DeploymentPatch: Hashable {
        package var deployment: String
        package var namespace: String
        package var path: String
    }

    /// The account the resource belongs to when it is not the model's own.
    package var account: String? {
        switch self {
        case .role(let role): return role.otherAccount
        case .samplingRules(_, _, let account), .samplingRateBoosts(_, _, let account), .defaultSamplingRule(_, let account), .group(_, _, let account),
             .encryption(_, let account), .transactionSearch(_, _, _, let account), .spansEncryption(_, let account),
             .accountSettingCheck(_, let account): return account
        case .keyPolicy(_, _, let account): return account
        case .logGroup, .taskDefinition, .daemonService, .applicationSignalsDiscovery, .functionTracing, .functionRolePolicy,
             .adotLayer, .stageTracing, .beanstalkEnvironment, .instance, .podIdentityAssociation, .kubernetes: return nil
        }
    }

    /// A setting the account has once, whatever the number of projects in it: the template and
    /// Terraform hold these in `account/`, applied once per account (`account_settings: managed`).
    package var isAccountWide: Bool {
        switch self {
        case .defaultSamplingRule, .transactionSearch, .applicationSignalsDiscovery, .spansEncryption, .accountSettingCheck: return true
        case .role, .keyPolicy, .logGroup, .taskDefinition, .daemonService, .samplingRules, .samplingRateBoosts, .group, .encryption, .functionTracing,
             .functionRolePolicy, .adotLayer, .stageTracing, .beanstalkEnvironment, .instance, .podIdentityAssociation, .kubernetes: return false
        }
    }

    /// Why neither a stack nor a Terraform configuration can own the resource (it exists already, or
    /// is a setting or document they cannot change), or nil when they can.
    package var ownedOnlyByTheCLI: String? {
        switch self {
        case .keyPolicy: return "a KMS key's policy is one document, which a stack or configuration cannot add statements to"
        case .defaultSamplingRule: return "the Default sampling rule exists in every account and cannot be created"
        case .encryption: return "X-Ray's encryption setting has no resource of its own (and its key policy is merged first)"
        case .functionTracing, .functionRolePolicy, .adotLayer: return "the function exists already, and a stack changes only what it owns"
        case .stageTracing: return "the stage exists already, and a stack changes only what it owns"
        case .beanstalkEnvironment: return "the .ebextensions go into the application's source bundle"
        case .instance: return "the user data is for instances you launch"
        case .kubernetes: return "the manifests are applied to the cluster with kubectl"
        case .spansEncryption: return "X-Ray creates the aws/spans log group when Transaction Search turns on, so no stack or configuration owns it"
        case .accountSettingCheck: return "account_settings: external: another project sets it, and this one only checks it"
        case .role, .logGroup, .taskDefinition, .daemonService, .samplingRules, .samplingRateBoosts, .group, .transactionSearch,
             .applicationSignalsDiscovery, .podIdentityAssociation: return nil
        }
    }

    /// True when the full CLI path does not need this resource's steps: another resource's steps
    /// already do it (`create-sampling-rule` sets the boost it holds). Outputs that leave it out run them.
    package var repeatsAnotherStep: Bool {
        if case .samplingRateBoosts = self { return true }
        return false
    }

    /// The CLI steps' order: roles first (everything else names them), the key policy before
    /// encryption uses the key, task definitions before the service that runs one.
    package var order: Int {
        switch self {
        case .role(let role): return role.otherAccount == nil ? 0 : 1
        case .keyPolicy, .logGroup, .transactionSearch, .applicationSignalsDiscovery, .podIdentityAssociation: return 2
        case .taskDefinition: return 3
        case .daemonService: return 4
        case .samplingRules, .samplingRateBoosts: return 5
        case .defaultSamplingRule: return 6
        case .encryption: return 7
        case .group: return 7
        case .spansEncryption: return 7
        case .accountSettingCheck: return 2
        case .functionTracing, .functionRolePolicy, .adotLayer: return 8
        case .stageTracing: return 9
        case .beanstalkEnvironment: return 10
        case .instance: return 11
        case .kubernetes: return 12
        }
    }

    /// The CLI emitter: the commands, every interpolated value quoted as one shell word (`Shell.quote`).
    /// Every resource has them; the other emitters answer for fewer.
    package func commands(region rawRegion: String) -> [String] {
        let q = Shell.quote
        let region = q(rawRegion)
        switch self {
        case .role(let role):
            let profile = Self.profile(role.otherAccount)
            let name = q(role.name)
            var commands = Self.inAccount(role.otherAccount)
            if role.trust != nil {
                commands.append("aws iam create-role\(profile) --role-name \(name) --assume-role-policy-document \(q("file://iam/\(role.name).trust.json"))")
                // IAM is eventually consistent: a service may be refused a role for a few seconds after
                // it is created, so wait until IAM answers for it (the README's notes say the rest).
                commands.append("aws iam wait role-exists\(profile) --role-name \(name)")
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
        case .keyPolicy(let path, let key, let account):
            let profile = Self.profile(account)
            return Self.inAccount(account) + [
                "aws kms get-key-policy\(profile) --region \(region) --key-id \(q(key)) --policy-name default --query Policy --output text > key-policy.json",
                "# add the statements of \(path) to the Statement list in key-policy.json, then:",
                "aws kms put-key-policy\(profile) --region \(region) --key-id \(q(key)) --policy-name default --policy file://key-policy.json"]
        case .logGroup(let name, let days):
            return ["aws logs create-log-group --region \(region) --log-group-name \(q(name))",
                    "aws logs put-retention-policy --region \(region) --log-group-name \(q(name)) --retention-in-days \(days)"]
        case .taskDefinition(let task):
            return ["aws ecs register-task-definition --region \(region) --cli-input-json \(q("file://" + task.path))"]
        case .daemonService(_, let path):
            return ["aws ecs create-service --region \(region) --cli-input-json \(q("file://" + path))"]
        case .samplingRules(_, let path, let account):
            return Self.inAccount(account) + ["python3 -c 'import json,sys; [print(json.dumps(r)) for r in json.load(open(sys.argv[1]))]' \(q(path)) | while read -r rule; do aws xray create-sampling-rule\(Self.profile(account)) --region \(region) --cli-input-json \"$rule\"; done"]
        case .samplingRateBoosts(_, let path, let account):
            return Self.inAccount(account) + ["python3 -c 'import json,sys; [print(json.dumps(r)) for r in json.load(open(sys.argv[1]))]' \(q(path)) | while read -r update; do aws xray update-sampling-rule\(Self.profile(account)) --region \(region) --cli-input-json \"$update\"; done"]
        case .defaultSamplingRule(let path, let account):
            return Self.inAccount(account) + ["aws xray update-sampling-rule\(Self.profile(account)) --region \(region) --cli-input-json \(q("file://" + path))"]
        case .group(_, let path, let account):
            return Self.inAccount(account) + ["aws xray create-group\(Self.profile(account)) --region \(region) --cli-input-json \(q("file://" + path))"]
        case .encryption(let path, let account):
            return Self.inAccount(account) + ["aws xray put-encryption-config\(Self.profile(account)) --region \(region) --cli-input-json \(q("file://" + path))"]
        case .applicationSignalsDiscovery:
            return ["aws application-signals start-discovery --region \(region)"]
        case .transactionSearch(_, let policyPath, let policyName, let account):
            let profile = Self.profile(account)
            // Account-wide: another project may have turned it on. A resource policy that lets X-Ray
            // write spans is kept (and none added), and a destination that is CloudWatch Logs already
            // keeps its indexing rule: two projects in one account do not undo each other.
            let present = "aws logs describe-resource-policies\(profile) --region \(region) --query \"resourcePolicies[?contains(policyDocument, 'xray.amazonaws.com') && contains(policyDocument, 'aws/spans')].policyName\" --output text"
            let on = "[ \"$TRANSACTION_SEARCH\" = CloudWatchLogs ]"
            return Self.inAccount(account) + [
                "[ -n \"$(\(present))\" ] || aws logs put-resource-policy\(profile) --region \(region) --policy-name \(q(policyName)) --policy-document \(q("file://" + policyPath))",
                "TRANSACTION_SEARCH=$(aws xray get-trace-segment-destination\(profile) --region \(region) --query Destination --output text)",
                "\(on) && echo 'Transaction Search is on already in this account: its destination and indexing rule stay as they are' || aws xray update-trace-segment-destination\(profile) --region \(region) --cli-input-json \(q("file://" + TransactionSearchGenerator.destinationPath))",
                // Ten minutes at most: a destination that never turns ACTIVE stops the steps with a message.
                "for attempt in $(seq 60); do [ \"$(aws xray get-trace-segment-destination\(profile) --region \(region) --query Status --output text)\" = ACTIVE ] && break; if [ \"$attempt\" = 60 ]; then echo 'Transaction Search is not ACTIVE after 10 minutes: see aws xray get-trace-segment-destination' >&2; exit 1; fi; sleep 10; done",
                "\(on) || aws xray update-indexing-rule\(profile) --region \(region) --cli-input-json \(q("file://" + TransactionSearchGenerator.indexingPath))",
            ]
        case .spansEncryption(let key, let account):
            let profile = Self.profile(account)
            // AssociateKmsKey takes a key ARN; an alias is resolved to its key first.
            let keyARN = key.contains(":key/") ? q(key) : "\"$(aws kms describe-key\(profile) --region \(region) --key-id \(q(key)) --query KeyMetadata.Arn --output text)\""
            return Self.inAccount(account) + [
                "aws logs associate-kms-key\(profile) --region \(region) --log-group-name aws/spans --kms-key-id \(keyARN)"]
        case .accountSettingCheck(let check, let account):
            return Self.inAccount(account) + Self.checkCommands(check, profile: Self.profile(account), region: region)
        case .functionTracing(let path):
            return [Self.ownerWarning, "aws lambda update-function-configuration --region \(region) --cli-input-json \(q("file://" + path))"]
        case .functionRolePolicy(let function, let policyPath):
            return [Self.lookUpRoleName(function: function, region: region),
                    "aws iam put-role-policy --role-name \"$ROLE_NAME\" --policy-name xray --policy-document \(q("file://" + policyPath))"]
        case .adotLayer(let function, let path, let policy):
            let current = (path as NSString).deletingLastPathComponent + "/current-configuration.json"
            let update = (path as NSString).deletingLastPathComponent + "/lambda-adot-update.json"
            // One update at a time: Lambda refuses a change while the previous one is in progress.
            var commands = ["# the same holds for the layer: in the owner, add it to the function's layers and AWS_LAMBDA_EXEC_WRAPPER=\(ADOTLayerAddition.wrapper) to its variables",
                            "aws lambda wait function-updated --region \(region) --function-name \(q(function))",
                            "aws lambda get-function-configuration --region \(region) --function-name \(q(function)) --output json > \(q(current))",
                            Self.mergeLayer + " \(q(current)) \(q(path)) \(q(function)) > \(q(update))",
                            "aws lambda update-function-configuration --region \(region) --cli-input-json \(q("file://" + update))"]
            if let policy {
                commands += [Self.lookUpRoleName(function: function, region: region),
                             "aws iam attach-role-policy --role-name \"$ROLE_NAME\" --policy-arn \(q(policy))"]
            }
            return commands
        case .stageTracing(let path):
            return ["aws apigateway update-stage --region \(region) --cli-input-json \(q("file://" + path))"]
        case .beanstalkEnvironment(let service):
            return ["# copy \(service)/.ebextensions into the root of the \(service) source bundle, then from there:",
                    "eb deploy"]
        case .instance(let path, let profile):
            let role = profile.map { " --iam-instance-profile \(q("Name=" + $0))" } ?? ""
            return ["aws ec2 run-instances --region \(region) --image-id AMI_ID --instance-type t3.small\(role) --user-data \(q("file://" + path))"]
        case .podIdentityAssociation(let association, let roleARN):
            return ["aws eks create-pod-identity-association --region \(region) --cluster-name \(q(association.cluster)) --namespace \(q(association.namespace)) --service-account \(q(association.serviceAccount)) --role-arn \(q(roleARN))"]
        case .kubernetes(let cluster, let manifest, let patches, let placeholderRole):
            var commands = ["aws eks update-kubeconfig --region \(region) --name \(q(cluster))"]
            if let placeholderRole, let script = Self.fillAccount(placeholderRole) {
                commands.append("sed \(script) \(q(manifest)) | kubectl apply -f -")
            } else {
                commands.append("kubectl apply -f \(q(manifest))")
            }
            if !patches.isEmpty { commands.append(Self.patchOwnerWarning) }
            commands += patches.map { "kubectl patch deployment \(q($0.deployment)) --namespace \(q($0.namespace)) --patch-file \(q($0.path))" }
            return commands
        }
    }

    /// `account_settings: external`: what the account should have, asked and compared; a difference
    /// is said on stderr (the steps go on: the setting is someone else's to change).
    package static func checkCommands(_ check: AccountSettingCheck, profile: String, region: String) -> [String] {
        let q = Shell.quote
        switch check {
        case .transactionSearch(let percentage):
            return ["[ \"$(aws xray get-trace-segment-destination\(profile) --region \(region) --query Destination --output text)\" = CloudWatchLogs ] || echo \(q("account_settings: external, yet Transaction Search is off in this account: X-Ray's OTLP endpoint drops spans until whoever owns the account's settings turns it on (this model expects \(TransactionSearchGenerator.percent(percentage)) of spans indexed)")) >&2"]
        case .defaultSamplingRule(let reservoir, let rate):
            return ["# account_settings: external: this model expects the Default sampling rule at reservoir \(reservoir), rate \(rate); it is now:",
                    "aws xray get-sampling-rules\(profile) --region \(region) --query \"SamplingRuleRecords[?SamplingRule.RuleName=='Default'].SamplingRule.[ReservoirSize,FixedRate]\" --output text"]
        case .applicationSignalsDiscovery:
            return ["# account_settings: external: Application Signals' discovery (aws application-signals start-discovery) is run once in this account by whoever owns its settings"]
        case .spansEncryption(let key):
            return ["# account_settings: external: this model expects the aws/spans log group encrypted with \(key); its key is now:",
                    "aws logs describe-log-groups\(profile) --region \(region) --log-group-name-prefix aws/spans --query \"logGroups[?logGroupName=='aws/spans'].kmsKeyId\" --output text"]
        }
    }

    /// Said where the steps change a function that its infrastructure code usually owns: that code's
    /// next apply sets tracing back to what it says, so the lasting change is the one line there.
    package static let ownerWarning = "# if Terraform, SAM or CloudFormation owns this function, its next apply turns tracing off again: make the change there instead (Terraform: tracing_config { mode = \"Active\" }; CloudFormation: TracingConfig: {Mode: Active}; SAM: Tracing: Active)"

    /// The same for Deployments that Helm, Argo CD or Flux keep in step with their charts and manifests.
    package static let patchOwnerWarning = "# if Helm, Argo CD or Flux owns these Deployments, their next sync removes the patch: add the same env to the chart or manifests instead (the patch files show what)"

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
