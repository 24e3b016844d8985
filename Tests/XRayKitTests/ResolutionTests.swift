import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Rules that need two resources find the second one: in a template through Ref/GetAtt/Sub, and
/// across the files of a run through role ARNs.
@Suite struct ResolutionTests {
    func lint(_ files: [(String, String)], only rule: String) -> [Finding] {
        let documents = files.map { DocumentLoader.load(path: $0.0, data: Data($0.1.utf8)) }
        return Linter.lint(documents, options: LintOptions(enabledOnly: [rule]))
    }

    static let describedTask = #"{"taskDefinition": {"family": "api", "taskRoleArn": "arn:aws:iam::123456789012:role/api-task", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 256}]}}"#

    @Test func roleFromAuthorizationDetails() {
        let details = #"{"RoleDetailList": [{"RoleName": "api-task", "Arn": "arn:aws:iam::123456789012:role/api-task", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}, "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "custom", "PolicyArn": "arn:aws:iam::123456789012:policy/custom"}]}], "Policies": [{"PolicyName": "custom", "Arn": "arn:aws:iam::123456789012:policy/custom", "PolicyVersionList": [{"IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}}]}]}"#
        let findings = lint([("describe.json", Self.describedTask), ("details.json", details)], only: "XR201")
        #expect(findings.map(\.rule) == ["XR201"])
        #expect(findings.first?.severity == .error, "the customer policy is read from the details, so the answer is certain")
        #expect(findings.first?.location.file == "describe.json")
    }

    @Test func unknownCustomerPolicyIsOnlyInfo() {
        let details = #"{"RoleDetailList": [{"RoleName": "api-task", "AttachedManagedPolicies": [{"PolicyArn": "arn:aws:iam::123456789012:policy/elsewhere"}]}], "Policies": []}"#
        let findings = lint([("describe.json", Self.describedTask), ("details.json", details)], only: "XR201")
        #expect(findings.map(\.severity) == [.info])
    }

    @Test func subAndRefInsideATemplate() {
        let template = """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  TaskRoleArn: !Sub "${TaskRole.Arn}"
                  ContainerDefinitions:
                    - {Name: xray-daemon, Image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6", MemoryReservation: 256}
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${FnRole}"
                  TracingConfig: {Mode: Active}
              TaskRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}
              FnRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
                  Policies:
                    - PolicyName: ok
                      PolicyDocument: {Statement: [{Effect: Allow, Action: "xray:Put*", Resource: "*"}]}

            """
        #expect(lint([("t.yaml", template)], only: "XR201").map(\.location.line) == [5])
        #expect(lint([("t.yaml", template)], only: "XR402").isEmpty, "Fn's role, named through Sub, allows the writes")
    }

    @Test func policyAttachedByASeparateResource() {
        let template = """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  TaskRoleArn: !GetAtt TaskRole.Arn
                  ContainerDefinitions: [{Name: xray-daemon, Image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6", MemoryReservation: 256}]
              TaskRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ecs-tasks.amazonaws.com}, Action: sts:AssumeRole}]}
              Writes:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: xray
                  Roles: [!Ref TaskRole]
                  PolicyDocument: {Statement: [{Effect: Allow, Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*"}]}

            """
        #expect(lint([("t.yaml", template)], only: "XR201").isEmpty)
        #expect(lint([("t.yaml", template)], only: "XR202").count == 1)
    }

    @Test func unrelatedSetupsWithOneRoleNameStayUnresolved() {
        let allowing = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "xray:*", "Resource": "*"}]}"#
        let empty = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#
        let files = [("app/task.json", #"{"family": "api", "taskRoleArn": "arn:aws:iam::1:role/r", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}"#),
                     ("one/iam/r.policy.json", allowing), ("two/iam/r.policy.json", empty)]
        let unresolved = lint(files, only: "XR201")
        #expect(unresolved.map(\.severity) == [.info], "two equally near roles named r: no guess, and the info says so")
        #expect(unresolved.first?.message.contains("defined differently in files equally near this task (one/iam/r.policy.json, two/iam/r.policy.json)") == true,
                "\(unresolved.map(\.message))")
        let nearer = [files[0], ("app/iam/r.policy.json", empty), ("two/iam/r.policy.json", allowing)]
        #expect(lint(nearer, only: "XR201").map(\.rule) == ["XR201"], "the role beside the task wins")
    }

    /// `xrayctl generate` writes each role twice, as `iam/ROLE.*.json` and in `cloudformation.yaml`:
    /// one role, equally near the task, and resolved (the issue that reported it "not among the
    /// linted files" when both were linted).
    @Test func oneRoleWrittenTwiceIsOneRole() {
        let trust = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#
        let policy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"], "Resource": "*"}]}"#
        let template = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: r
                  AssumeRolePolicyDocument: \(trust)
                  Policies:
                    - {PolicyName: xray, PolicyDocument: \(policy)}
            """
        let task = ("out/api/task-definition.json", #"{"family": "api", "taskRoleArn": "arn:aws:iam::1:role/r", "containerDefinitions": [{"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]}"#)
        let files = [task, ("out/iam/r.trust.json", trust), ("out/iam/r.policy.json", policy), ("out/cloudformation.yaml", template)]
        #expect(lint(files, only: "XR201").isEmpty)
        #expect(lint(files, only: "XR202").isEmpty)
        // The two differ in what they allow: no guess.
        let lacking = template.replacingOccurrences(of: "\"xray:GetSamplingRules\", ", with: "")
        let differing = [task, ("out/iam/r.trust.json", trust), ("out/iam/r.policy.json", policy), ("out/cloudformation.yaml", lacking)]
        #expect(lint(differing, only: "XR201").map(\.severity) == [.info])
    }
}
