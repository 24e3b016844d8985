/// The AWS managed policies the evaluator knows, by name (the ARN's last path component).
/// Their X-Ray content is from the facts sheet §2.1–2.2 (MAMIP); other actions are summarised.
public enum ManagedPolicies {
    package static let xrayWrite = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
                            "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"]
    package static let xrayRead = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
                           "xray:BatchGetTraces", "xray:BatchGetTraceSummaryById", "xray:GetDistinctTraceGraphs",
                           "xray:GetServiceGraph", "xray:GetTraceGraph", "xray:GetTraceSummaries", "xray:GetGroups",
                           "xray:GetGroup", "xray:ListTagsForResource", "xray:ListResourcePolicies",
                           "xray:GetTimeSeriesServiceStatistics", "xray:GetInsightSummaries", "xray:GetInsight",
                           "xray:GetInsightEvents", "xray:GetInsightImpactGraph"]

    package static func allow(_ actions: [String], negated: Bool = false) -> PolicyStatement {
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

    /// AWS managed policies often attached to workload roles that grant no X-Ray action
    /// (summarised as their services' wildcards, which is all X-Ray evaluation needs).
    package static let withoutXRay: [String: [String]] = [
        "AmazonDynamoDBFullAccess": ["dynamodb:*", "dax:*", "application-autoscaling:*", "cloudwatch:*", "sns:*", "lambda:*"],
        "AmazonDynamoDBReadOnlyAccess": ["dynamodb:Describe*", "dynamodb:Get*", "dynamodb:List*", "dynamodb:Query", "dynamodb:Scan"],
        "AmazonSNSFullAccess": ["sns:*"],
        "AmazonSQSFullAccess": ["sqs:*"],
        "AmazonS3FullAccess": ["s3:*", "s3-object-lambda:*"],
        "AmazonS3ReadOnlyAccess": ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"],
        "CloudWatchLogsFullAccess": ["logs:*", "cloudwatch:GenerateQuery"],
        "AmazonEC2ContainerRegistryReadOnly": ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy", "ecr:DescribeRepositories", "ecr:ListImages", "ecr:DescribeImages", "ecr:BatchGetImage"],
        "AmazonEC2ContainerServiceforEC2Role": ["ecs:*", "ecr:*", "logs:CreateLogStream", "logs:PutLogEvents", "ec2:DescribeTags"],
        "AmazonSSMManagedInstanceCore": ["ssm:*", "ssmmessages:*", "ec2messages:*"],
    ]

    /// The statements of a managed policy given by ARN or name; nil when unknown (a customer
    /// managed policy, or an AWS one the table lacks).
    public static func statements(for arnOrName: String) -> [PolicyStatement]? {
        let name = arnOrName.split(separator: "/").last.map(String.init) ?? arnOrName
        if arnOrName.hasPrefix("arn:") && !arnOrName.containsBytes(":iam::aws:policy/") { return nil }
        return known[name] ?? withoutXRay[name].map { [allow($0)] }
    }
}
