/// The policies and trust relationships xrayctl generates; least privilege, with the reason for each.
enum IAMPolicies {
    /// What the X-Ray daemon (and the collectors that replace it) need to upload segments and to
    /// proxy the SDKs' centralized sampling calls: the action list of AWSXRayDaemonWriteAccess (facts §2.1, §2.3).
    static let xrayWriteActions = [
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
        "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
    ]

    /// X-Ray actions support no resource-level permissions, so the resource must be "*" (facts §2.3).
    static var xrayWrite: PolicyDocument.Statement {
        .init(sid: "XRayWriteAndSampling", action: .many(xrayWriteActions), resource: "*")
    }

    static func assumeRole(_ arn: ARN) -> PolicyDocument.Statement {
        .init(sid: "AssumeCrossAccountXRayRole", action: "sts:AssumeRole", resource: .one(arn.description))
    }

    /// The managed policy ECS needs on an execution role to pull private ECR images and write logs.
    static func ecsTaskExecutionPolicy(_ partition: String) -> String {
        "arn:\(partition):iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    }

    /// A trust policy for one AWS service. With a known account it adds the confused-deputy guard
    /// (`aws:SourceAccount`, and `aws:SourceArn` where the service sends one).
    static func trust(service: String, context: GenerationContext, sourceArnService: String? = nil) -> PolicyDocument {
        var condition: [String: [String: StringOrList]]?
        if let account = context.model.account {
            condition = ["StringEquals": ["aws:SourceAccount": .one(account)]]
            if let sourceArnService {
                let arn = "arn:\(context.partition):\(sourceArnService):\(context.model.region):\(account):*"
                condition?["ArnLike"] = ["aws:SourceArn": .one(arn)]
            }
        }
        let principal = context.model.partition.servicePrincipal(service)
        return PolicyDocument([.init(principal: ["Service": .one(principal)], action: "sts:AssumeRole",
                                     condition: condition)])
    }
}
