/// Every valid `xray:` action (docs/xray-facts.md §2.7, from cfn-lint's service data), for catching typos.
public enum XRayActions {
    public static let all = [
        "BatchGetTraces", "BatchGetTraceSummaryById", "CancelTraceRetrieval", "CreateGroup", "CreateSamplingRule",
        "DeleteGroup", "DeleteResourcePolicy", "DeleteSamplingRule", "GetDistinctTraceGraphs", "GetEncryptionConfig",
        "GetGroup", "GetGroups", "GetIndexingRules", "GetInsight", "GetInsightEvents", "GetInsightImpactGraph",
        "GetInsightSummaries", "GetRetrievedTracesGraph", "GetSamplingRules", "GetSamplingStatisticSummaries",
        "GetSamplingTargets", "GetServiceGraph", "GetTimeSeriesServiceStatistics", "GetTraceGraph",
        "GetTraceSegmentDestination", "GetTraceSummaries", "Link", "ListResourcePolicies", "ListRetrievedTraces",
        "ListTagsForResource", "PutEncryptionConfig", "PutResourcePolicy", "PutSpans", "PutSpansForIndexing",
        "PutTelemetryRecords", "PutTraceSegments", "StartTraceRetrieval", "TagResource", "UntagResource",
        "UpdateGroup", "UpdateIndexingRule", "UpdateSamplingRule", "UpdateTraceSegmentDestination",
    ].map { "xray:\($0)" }

    /// What an agent needs to upload (XR201) and to proxy centralized sampling (XR202).
    public static let upload = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    public static let sampling = ["xray:GetSamplingRules", "xray:GetSamplingTargets"]
    /// Actions without resource-level permissions that an agent uses (XR204).
    public static let writeAndSampling = ManagedPolicies.xrayWrite
}
