import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Every generated artifact is accepted by AWS's own validators (botocore's request validator,
/// moto's IAM policy grammar, Parliament), run through Conformance/validate.py.
@Suite(.tags(.slow), PythonTools.available(PythonTools.validators))
struct ConformanceTests {
    @Test func everyGeneratedArtifactPassesAWSValidators() async throws {
        try PythonTools.require(PythonTools.validators)
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (index, model) in TestSupport.allModels.enumerated() {
            let files = try TestSupport.generate(modelAt: model.url)
            _ = try ArtifactWriter(directory: root.appendingPathComponent("\(index)")).write(files, force: false)
        }
        let report = try await PythonTools.validate(directory: root)
        #expect(report.problems == [])
        // Each kind of artifact was actually seen by its validator.
        let validators = Set(report.checked.values.joined())
        for expected in ["botocore ecs.RegisterTaskDefinition", "botocore ecs.CreateService",
                         "botocore iam.CreateRole", "botocore iam.PutRolePolicy", "moto policy grammar",
                         "moto trust grammar", "parliament", "cfn-lint", "bash -n", "daemon config keys",
                         "ebextensions structure", "botocore lambda.UpdateFunctionConfiguration",
                         "botocore apigateway.UpdateStage", "botocore xray.PutEncryptionConfig",
                         "botocore xray.CreateSamplingRule", "botocore xray.UpdateSamplingRule",
                         "aws_xray_sdk LocalSampler", "botocore kms.PutKeyPolicy",
                         "botocore xray.UpdateTraceSegmentDestination", "botocore xray.UpdateIndexingRule",
                         "botocore logs.PutResourcePolicy", "botocore iam.CreatePolicy", "CloudWatch agent schema",
                         "kubernetes-validate", "python-hcl2"] {
            #expect(validators.contains(expected), "no artifact was checked by \(expected)")
        }
    }

    /// `xrayctl generate ARTIFACT` from flags alone produces what AWS's validators accept too.
    @Test func singleArtifactsPassAWSValidators() async throws {
        try PythonTools.require(PythonTools.validators)
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let cases = SingleArtifactTests.cases
        for (artifact, request, path) in cases {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(try artifact.render(request).utf8).write(to: url)
        }
        let report = try await PythonTools.validate(directory: root)
        #expect(report.problems == [])
        #expect(report.checked.count == cases.count)
        #expect(report.checked.values.allSatisfy { !$0.isEmpty })
    }

    /// `xrayctl generate transaction-search` from flags: botocore, cfn-lint and python-hcl2 accept
    /// its files as they accept the model path's (with and without the account, at any percentage).
    @Test func transactionSearchFromFlagsPassesAWSValidators() async throws {
        try PythonTools.require(PythonTools.validators)
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (index, (account, percentage)) in [(nil, nil), ("123456789012", 0.5), ("210987654321", 100.0)].enumerated() {
            var request = SingleArtifact.Request()
            request.region = index == 2 ? "cn-north-1" : "eu-west-1"
            request.account = account
            let files = try TransactionSearchArtifact.files(request, indexingPercentage: percentage)
            _ = try ArtifactWriter(directory: root.appendingPathComponent("\(index)")).write(files, force: false)
        }
        let report = try await PythonTools.validate(directory: root)
        #expect(report.problems == [])
        let validators = Set(report.checked.values.joined())
        for expected in ["botocore xray.UpdateTraceSegmentDestination", "botocore xray.UpdateIndexingRule",
                         "botocore logs.PutResourcePolicy", "cfn-lint", "python-hcl2"] {
            #expect(validators.contains(expected), "no file was checked by \(expected)")
        }
    }

    /// The validator itself must reject what AWS rejects, or the test above proves nothing.
    @Test func validatorRejectsBrokenArtifacts() async throws {
        try PythonTools.require(PythonTools.validators)
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let broken: [(String, String)] = [
            ("api/task-definition.json", #"{"family": "x", "networkMode": "overlay", "containerDefinitions": [{"name": "a", "image": "b", "cpu": "ten"}]}"#),
            ("xray-daemon/service.json", #"{"serviceName": "d", "schedulingStrategy": "EVERYWHERE"}"#),
            ("iam/r.policy.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "xray:PutTraceSegment", "Resource": "*"}]}"#),
            ("iam/r.trust.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "sts:AssumeRole"}]}"#),
            ("mystery.json", "{}"),
            ("cloudformation.yaml", "Resources:\n  R:\n    Type: AWS::IAM::Rolee\n"),
            ("svc/user-data.sh", "#!/bin/bash\nif then\n"),
            ("xray-daemon/cfg.yaml", "Region: us-east-1\nSocket:\n  BufferSizeKB: 64\n"),
            ("sampling/local-rules.json", #"{"version": 2, "default": {"fixed_target": 1, "rate": 0.05}, "rules": [{"service_name": "*", "http_method": "*", "url_path": "*", "fixed_target": 1, "rate": 0.1}]}"#),
            ("sampling/rules.json", #"[{"SamplingRule": {"RuleName": "r", "Priority": 1}}]"#),
            ("fn/lambda-tracing.json", #"{"FunctionName": "f", "TracingConfig": {"Mode": "On"}}"#),
            ("cw/task-definition.json", #"{"family": "x", "containerDefinitions": [{"name": "cloudwatch-agent", "image": "b", "environment": [{"name": "CW_CONFIG_CONTENT", "value": "{\"traces\": {\"traces_collected\": {\"xray\": {\"bind_adress\": \"0.0.0.0:2000\"}}}}"}]}]}"#),
            ("transaction-search/indexing-rule.json", #"{"Name": "Default", "Rule": {"Probabilistic": {"DesiredSamplingPercentage": "all"}}}"#),
            ("terraform/main.tf", "resource \"aws_iam_role\" \"r\" {\n  name = \"x\"\n"),
            ("eks/agent.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {a: a}}\n  template:\n    metadata: {labels: {a: a}}\n    spec:\n      containers: [{name: a, image: b, ports: [{containerPort: 2000, protocol: udp}]}]\n"),
            ("eks/api.patch.yaml", "spec:\n  template:\n    spec:\n      containers: [{name: api, env: [{name: A, valeu: b}]}]\n"),
            ("transaction-search/logs-resource-policy.json", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"}, "Action": "logs:PutLogEvents", "Resource": "*"}]}"#),
        ]
        for (path, text) in broken {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let report = try await PythonTools.validate(directory: root)
        for (path, _) in broken {
            #expect(report.problems.contains { $0.hasPrefix(path + ":") }, "validator accepted broken \(path)")
        }
        #expect(report.problems.contains { $0.contains("overlay") }, "enum values are checked")
        #expect(report.problems.contains { $0.contains("EVERYWHERE") }, "enum values are checked")
        #expect(report.problems.contains { $0.contains("'On'") }, "Lambda's tracing mode enum is checked")
        #expect(report.problems.contains { $0.contains("bind_adress") }, "the CloudWatch agent's own schema is checked")
    }
}
