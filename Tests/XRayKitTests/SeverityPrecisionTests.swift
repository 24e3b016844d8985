import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Severities that follow what the platform really does:
/// an error only where AWS refuses the setup or tracing certainly breaks.
@Suite struct SeverityPrecisionTests {
    func lint(_ files: [(String, String)]) -> [Finding] {
        TestSupport.lint(files)
    }

    /// AWS's CDK integration tests register this shape: the app's hard limit is the task's size,
    /// the sidecars only reserve memory.
    @Test func aHardLimitEqualToTheTaskBesideReservationsIsAccepted() {
        let task = """
            {"family": "api", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "512", "memory": "1024",
             "containerDefinitions": [{"name": "web", "image": "web:1", "memory": 1024},
              {"name": "xray-daemon", "image": "public.ecr.aws/xray/aws-xray-daemon:3.6.6", "memoryReservation": 256},
              {"name": "envoy", "image": "envoy:1", "memoryReservation": 256}]}
            """
        #expect(!lint([("task.json", task)]).contains { $0.rule == "XR122" })
        let over = task.replacingOccurrences(of: "\"memoryReservation\": 256}]}", with: "\"memoryReservation\": 1000}]}")
        let finding = lint([("task.json", over)]).first { $0.rule == "XR122" }
        #expect(finding?.message.contains("reserve 1256 MiB") == true, "\(String(describing: finding))")
        let tooHigh = task.replacingOccurrences(of: "\"memory\": 1024}", with: "\"memory\": 2048}")
        #expect(lint([("task.json", tooHigh)]).first { $0.rule == "XR122" }?.message.contains("'web' has a hard memory limit of 2048") == true)
    }

    static func daemonSet(annotated: Bool) -> String {
        """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: xray
        \(annotated ? "  annotations: {eks.amazonaws.com/role-arn: \"arn:aws:iam::123456789012:role/xray\"}" : "")
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: xray}
        spec:
          selector: {matchLabels: {app: xray}}
          template:
            metadata:
              labels: {app: xray}
              annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::123456789012:role/xray"}
            spec:
              serviceAccountName: xray
              containers: [{name: xray, image: "public.ecr.aws/xray/aws-xray-daemon:3.6.6"}]
        """
    }

    @Test func anIRSAAnnotationOnAPodTemplateIsNeverAnError() {
        #expect(lint([("ds.yaml", Self.daemonSet(annotated: false))]).first { $0.rule == "XR907" }?.severity == .warning)
        #expect(lint([("ds.yaml", Self.daemonSet(annotated: true))]).first { $0.rule == "XR907" }?.severity == .info)
    }

    @Test func aPlaceholderAccountInAnIRSAAnnotationIsAWarningUnlessXrayctlFillsIt() {
        let account = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: xray
              labels: {app.kubernetes.io/managed-by: MANAGER}
              annotations: {eks.amazonaws.com/role-arn: "arn:aws:iam::ACCOUNT_ID:role/xray"}
            """
        #expect(lint([("sa.yaml", account.replacingOccurrences(of: "MANAGER", with: "Helm"))]).first { $0.rule == "XR908" }?.severity == .warning)
        #expect(lint([("sa.yaml", account.replacingOccurrences(of: "MANAGER", with: "xrayctl"))]).first { $0.rule == "XR908" }?.severity == .info)
        // A template variable as the whole value: whatever renders the file writes the ARN.
        let rendered = account.replacingOccurrences(of: "arn:aws:iam::ACCOUNT_ID:role/xray", with: "{{XRAY_ROLE_ARN}}")
        #expect(lint([("sa.yaml", rendered.replacingOccurrences(of: "MANAGER", with: "Helm"))]).first { $0.rule == "XR908" }?.severity == .info)
    }

    @Test func aTerraformFileIsNeverCalledEmpty() {
        func message(_ path: String, _ text: String) -> String? {
            var document = DocumentLoader.load(path: path, data: Data(text.utf8))
            document.explicitlyNamed = true
            return Linter.lint([document]).first { $0.rule == "XR002" }?.message
        }
        // A .tf file is read (as its folder's module); a variables file is read with its module.
        #expect(message("main.tf", "resource \"aws_iam_role\" \"x\" {\n  name = \"x\"\n}\n") == nil)
        let tfvars = message("terraform.tfvars", "region = \"us-east-1\"\n")
        #expect(tfvars?.contains("Terraform module") == true && tfvars?.contains("empty") == false, "\(String(describing: tfvars))")
        #expect(message("app.py", "print(1)\n")?.contains("a .py file") == true)
        #expect(message("empty.json", "") == "the file is empty")
    }

    // MARK: the daemon config's Version, told which daemon reads it

    static func ebextensions(_ install: String, version: Int) -> String {
        """
        \(install)
        files:
          /etc/amazon/xray/cfg.yaml:
            content: |
              Version: \(version)
              Region: us-east-1
        """
    }

    @Test func versionOneAdviceDependsOnTheDaemonThatReadsTheFile() {
        let enabled = "option_settings:\n  aws:elasticbeanstalk:xray:\n    XRayEnabled: true"
        let twoX = "commands:\n  01:\n    command: yum install -y https://s3.amazonaws.com/aws-xray-assets.us-east-1/xray-daemon/aws-xray-daemon-2.1.3-1.x86_64.rpm"
        func findings(_ text: String) -> [Finding] { lint([(".ebextensions/xray.config", text)]).filter { $0.rule == "XR305" } }
        // Elastic Beanstalk's own daemon is 3.x: migrating is the advice.
        let three = findings(Self.ebextensions(enabled, version: 1))
        #expect(three.map(\.severity) == [.warning] && three.first?.message.contains("3.x") == true, "\(three)")
        // A hand-installed 2.x daemon needs Version 1 and exits on Version 2.
        #expect(findings(Self.ebextensions(twoX, version: 1)).isEmpty)
        let two = findings(Self.ebextensions(twoX, version: 2))
        #expect(two.map(\.severity) == [.error] && two.first?.message.contains("reads only Version 1") == true, "\(two)")
        // Files that do not say which daemon runs: information, carried by XR305 at that severity.
        #expect(findings(Self.ebextensions("commands: {}", version: 1)).map(\.severity) == [.info])
        // A file alone says nothing of its daemon: information only.
        #expect(lint([("cfg.yaml", "Version: 1\nRegion: us-east-1\n")]).filter { $0.rule == "XR503" }.map(\.severity) == [.info])
    }

    @Test func aConfigMapIsJudgedByTheDaemonImageThatMountsIt() {
        func manifests(image: String) -> String {
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: xray-config}
            data:
              config.yaml: |
                Version: 1
                Socket:
                  UDPAddress: 0.0.0.0:2000
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: xray}
            spec:
              selector: {matchLabels: {app: xray}}
              template:
                metadata: {labels: {app: xray}}
                spec:
                  containers:
                    - name: xray
                      image: \(image)
                      ports: [{containerPort: 2000, hostPort: 2000, protocol: UDP}]
                      volumeMounts: [{name: config, mountPath: /etc/amazon/xray}]
                  volumes: [{name: config, configMap: {name: xray-config}}]
            """
        }
        func severities(_ image: String) -> [Severity] {
            lint([("xray.yaml", manifests(image: image))]).filter { $0.rule == "XR912" && $0.message.contains("XR503") }.map(\.severity)
        }
        #expect(severities("public.ecr.aws/xray/aws-xray-daemon:3.6.6") == [.warning])
        #expect(severities("amazon/aws-xray-daemon:2.1.3") == [])
        #expect(severities("amazon/aws-xray-daemon") == [.info])
    }
}
