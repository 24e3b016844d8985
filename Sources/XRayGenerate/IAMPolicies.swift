import XRayCore
import XRaySampling

/// The policies and trust relationships xrayctl generates; least privilege, with the reason for each.
package enum IAMPolicies {
    /// What the X-Ray daemon (and the collectors that replace it) need to upload segments and to
    /// proxy the SDKs' centralized sampling calls: the action list of AWSXRayDaemonWriteAccess (docs/xray-facts.md §2.1, §2.3).
    package static let xrayWriteActions = [
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
        "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
    ]

    /// X-Ray actions support no resource-level permissions, so the resource must be "*" (docs/xray-facts.md §2.3).
    package static var xrayWrite: PolicyDocument.Statement {
        .init(sid: "XRayWriteAndSampling", action: .many(xrayWriteActions), resource: "*")
    }

    /// The permissions of the role an agent signs with: X-Ray write and sampling access or, with a
    /// cross-account role, only the right to assume that role (the daemon then uploads with it; docs/xray-facts.md §1.8).
    package static func agentPermissions(_ context: GenerationContext) -> PolicyDocument {
        var statements = [context.model.agent.crossAccountRole.map(assumeRole) ?? xrayWrite]
        if context.model.traces.export == .otlp && context.model.agent.kind.profile.otlp {
            statements.append(otlpSpans)
        }
        return PolicyDocument(statements)
    }

    /// Sending to X-Ray's OTLP endpoint: AWS's pages name AWSXrayWriteOnlyAccess (the write actions
    /// above); `xray:PutSpans` is the action behind the endpoint and is granted as a precaution (docs/xray-facts.md §10).
    package static var otlpSpans: PolicyDocument.Statement {
        .init(sid: "XRayOTLPSpans", action: "xray:PutSpans", resource: "*")
    }

    /// What a Lambda execution role needs for active tracing: Lambda runs the daemon and makes
    /// the sampling decisions itself, so only the two upload actions (docs/xray-facts.md §2.3).
    package static var lambdaTracing: PolicyDocument {
        PolicyDocument([.init(sid: "XRayActiveTracing", action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resource: "*")])
    }

    /// What a FireLens log router (Fluent Bit's cloudwatch_logs output) needs on the task role to
    /// write the task's containers into their log group.
    package static func firelensLogs(group: String, _ context: GenerationContext) -> PolicyDocument.Statement {
        .init(sid: "FireLensToCloudWatchLogs", action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
              resource: .one("arn:\(context.partition):logs:\(context.model.region):\(context.account):log-group:\(group):*"))
    }

    package static func assumeRole(_ arn: ARN) -> PolicyDocument.Statement {
        .init(sid: "AssumeCrossAccountXRayRole", action: "sts:AssumeRole", resource: .one(arn.description))
    }

    /// Logging for a Lambda function's own role.
    package static func lambdaBasicExecutionPolicy(_ partition: String) -> String {
        "arn:\(partition):iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    }

    /// What the CloudWatch agent needs for Application Signals (metrics, logs, traces).
    package static func cloudWatchAgentServerPolicy(_ partition: String) -> String {
        "arn:\(partition):iam::aws:policy/CloudWatchAgentServerPolicy"
    }

    /// What a Lambda function's role needs for Application Signals (docs/xray-facts.md §10).
    package static func lambdaApplicationSignalsPolicy(_ partition: String) -> String {
        "arn:\(partition):iam::aws:policy/CloudWatchLambdaApplicationSignalsExecutionRolePolicy"
    }

    /// The managed policy ECS needs on an execution role to pull private ECR images and write logs.
    package static func ecsTaskExecutionPolicy(_ partition: String) -> String {
        "arn:\(partition):iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    }

    /// A trust policy for one AWS service. `ecsTaskGuard` adds the confused-deputy conditions
    /// ECS documents for task roles (`aws:SourceAccount`, `aws:SourceArn`) when the account is known.
    /// Other roles are trusted without conditions: a condition the service does not send would stop
    /// it from assuming the role at all.
    package static func trust(_ service: String, _ context: GenerationContext, ecsTaskGuard: Bool = false) -> PolicyDocument {
        var condition: [String: [String: StringOrList]]?
        if ecsTaskGuard, let account = context.model.account {
            condition = [
                "StringEquals": ["aws:SourceAccount": .one(account)],
                "ArnLike": ["aws:SourceArn": .one("arn:\(context.partition):ecs:\(context.model.region):\(account):*")],
            ]
        }
        let principal = context.model.partition.servicePrincipal(service)
        return PolicyDocument([.init(principal: ["Service": .one(principal)], action: "sts:AssumeRole", condition: condition)])
    }
}
