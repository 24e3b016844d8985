import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

package struct AgentRoleCannotPutSpans: LintRule {
    package static let description = RuleDescription(
        id: "XR214", name: "agent-role-cannot-put-spans", severity: .warning,
        summary: "A task's collector exports to X-Ray's OTLP endpoint (`https://xray.REGION.amazonaws.com/v1/traces`), and the task role it signs with does not allow `xray:PutSpans`.",
        rationale: "Spans sent to the OTLP endpoint are X-Ray's `PutSpans`, an action of its own beside the `PutTraceSegments` the daemon calls (XR201). AWS's OTLP pages tell you to attach AWSXrayWriteOnlyAccess, whose actions do not include it, and do not say whether the endpoint also takes those; the CloudWatch agent's own tests and AWS samples grant `xray:PutSpans` explicitly, as xrayctl's generated roles do. A refused signature is logged by the collector and nowhere else, so grant it rather than find out. A policy xrayctl cannot read leaves the answer unknown (XR201 says so); nothing is reported then.",
        sources: [.xrayOTLPEndpoint, .otlpWithoutCollector, .xrayActions],
        examples: [
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      NetworkMode: awsvpc
                      TaskRoleArn: ↓!GetAtt TaskRole.Arn
                      ContainerDefinitions:
                        - Name: aws-otel-collector
                          Image: public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1
                          Environment:
                            - Name: AOT_CONFIG_CONTENT
                              Value: |
                                receivers:
                                  otlp:
                                    protocols:
                                      http:
                                        endpoint: 0.0.0.0:4318
                                extensions:
                                  sigv4auth:
                                    region: eu-west-1
                                    service: xray
                                exporters:
                                  otlphttp:
                                    traces_endpoint: https://xray.eu-west-1.amazonaws.com/v1/traces
                                    auth:
                                      authenticator: sigv4auth
                                service:
                                  extensions: [sigv4auth]
                                  pipelines:
                                    traces:
                                      receivers: [otlp]
                                      exporters: [otlphttp]
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess

                """),
            RuleExample("template.yaml", """
                Resources:
                  Task:
                    Type: AWS::ECS::TaskDefinition
                    Properties:
                      NetworkMode: awsvpc
                      TaskRoleArn: !GetAtt TaskRole.Arn
                      ContainerDefinitions:
                        - Name: aws-otel-collector
                          Image: public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1
                          Environment:
                            - Name: AOT_CONFIG_CONTENT
                              Value: |
                                receivers:
                                  otlp:
                                    protocols:
                                      http:
                                        endpoint: 0.0.0.0:4318
                                extensions:
                                  sigv4auth:
                                    region: eu-west-1
                                    service: xray
                                exporters:
                                  otlphttp:
                                    traces_endpoint: https://xray.eu-west-1.amazonaws.com/v1/traces
                                    auth:
                                      authenticator: sigv4auth
                                service:
                                  extensions: [sigv4auth]
                                  pipelines:
                                    traces:
                                      receivers: [otlp]
                                      exporters: [otlphttp]
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Principal: {Service: ecs-tasks.amazonaws.com}
                            Action: sts:AssumeRole
                      ManagedPolicyArns:
                        - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess
                      Policies:
                        - PolicyName: xray-otlp-spans
                          PolicyDocument:
                            Version: "2012-10-17"
                            Statement:
                              - Effect: Allow
                                Action: xray:PutSpans
                                Resource: "*"

                """),
        ])

    package static let action = "xray:PutSpans"

    package func check(_ run: LintRun) -> [Finding] {
        // Tasks whose collector sends traces to an X-Ray OTLP endpoint, by task.
        var regions: [String: String] = [:]
        for config in run.collectorConfigs {
            guard let task = config.task, let region = Self.xrayOTLPRegion(config) else { continue }
            regions[task.key] = regions[task.key] ?? region
        }
        guard !regions.isEmpty else { return [] }
        var seen = Set<String>()
        return run.roleUses.compactMap { use in
            guard use.kind == .agentTaskRole || use.kind == .taskRole, let task = use.task, let region = regions[task.key],
                  seen.insert(use.role.identity + use.reference.pointer + use.reference.location.description).inserted,
                  use.role.evaluate(Self.action).decision == .notGranted else { return nil }
            return finding(use.reference, "role '\(use.role.displayName)' that the collector signs with does not allow xray:PutSpans, and the collector sends spans to X-Ray's OTLP endpoint in \(region)",
                           fix: "Allow xray:PutSpans on Resource \"*\" in the task role (beside AWSXRayDaemonWriteAccess or AWSXrayWriteOnlyAccess)")
        }
    }

    /// The region of an X-Ray OTLP endpoint an exporter of a traces pipeline sends to, or nil.
    package static func xrayOTLPRegion(_ config: CollectorConfigView) -> String? {
        let used = Set(config.tracePipelines.flatMap { ($0.value["exporters"]?.items ?? []).compactMap(\.text) })
        for (id, _, value) in config.components("exporters") where used.contains(id) && CollectorConfigView.type(id) == "otlphttp" {
            if let endpoint = (value["traces_endpoint"] ?? value["endpoint"])?.text, let region = OTLPToXRayMisconfigured.xrayRegion(endpoint) {
                return region
            }
        }
        return nil
    }
}
