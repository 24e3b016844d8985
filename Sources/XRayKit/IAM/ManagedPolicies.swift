/// The AWS managed policies the evaluator knows, by name (the ARN's last path component).
/// Their X-Ray content is from the facts sheet §2.1–2.2 (MAMIP); other actions are summarised.
public enum ManagedPolicies {
    static let xrayWrite = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                            "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"]
    static let xrayRead = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
                           "xray:BatchGetTraces", "xray:BatchGetTraceSummaryById", "xray:GetDistinctTraceGraphs",
                           "xray:GetServiceGraph", "xray:GetTraceGraph", "xray:GetTraceSummaries", "xray:GetGroups",
                           "xray:GetGroup", "xray:ListTagsForResource", "xray:ListResourcePolicies",
                           "xray:GetTimeSeriesServiceStatistics", "xray:GetInsightSummaries", "xray:GetInsight",
                           "xray:GetInsightEvents", "xray:GetInsightImpactGraph"]

    static func allow(_ actions: [String], negated: Bool = false) -> PolicyStatement {
        PolicyStatement(effect: .allow, actions: .init(actions, negated: negated), resources: .init(["*"]))
    }

    public static let known: [String: [PolicyStatement]] = [
        "AWSXRayDaemonWriteAccess": [allow(xrayWrite)],
        "AWSXrayWriteOnlyAccess": [allow(xrayWrite)],
        "AWSXrayReadOnlyAccess": [allow(xrayRead)],
        "AWSXrayFullAccess": [allow(["xray:*"])],
        "AWSElasticBeanstalkWebTier": [allow(xrayWrite), allow(["s3:Get*", "s3:List*", "s3:PutObject", "logs:PutLogEvents", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:DescribeLogGroups"])],
        "AWSElasticBeanstalkWorkerTier": [allow(xrayWrite), allow(["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:ReceiveMessage", "sqs:SendMessage", "s3:Get*", "s3:List*", "s3:PutObject", "logs:PutLogEvents", "logs:CreateLogStream", "cloudwatch:PutMetricData", "dynamodb:*"])],
        "AWSElasticBeanstalkMulticontainerDocker": [allow(["ecs:Poll", "ecs:StartTask", "ecs:StopTask", "ecs:DiscoverPollEndpoint", "ecs:StartTelemetrySession", "ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance", "ecs:DescribeContainerInstances", "ecs:Submit*", "ecs:DescribeTasks"])],
        "CloudWatchAgentServerPolicy": [allow(xrayWrite), allow(["cloudwatch:PutMetricData", "ec2:DescribeVolumes", "ec2:DescribeTags", "logs:PutLogEvents", "logs:PutRetentionPolicy", "logs:DescribeLogStreams", "logs:DescribeLogGroups", "logs:CreateLogStream", "logs:CreateLogGroup", "ssm:GetParameter"])],
        "AmazonECSTaskExecutionRolePolicy": [allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"])],
        "AWSLambdaBasicExecutionRole": [allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])],
        "AdministratorAccess": [allow(["*"])],
        "PowerUserAccess": [allow(["iam:*", "organizations:*", "account:*"], negated: true),
                            allow(["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions", "account:GetAccountInformation"])],
    ]

    /// The statements of a managed policy given by ARN or name; nil when unknown (a customer
    /// managed policy, or an AWS one the table lacks).
    public static func statements(for arnOrName: String) -> [PolicyStatement]? {
        let name = arnOrName.split(separator: "/").last.map(String.init) ?? arnOrName
        if arnOrName.hasPrefix("arn:") && !arnOrName.contains(":iam::aws:policy/") { return nil }
        return known[name]
    }
}
