/// Lambda `UpdateFunctionConfiguration` input that turns on active tracing.
public struct LambdaTracingInput: Encodable, Hashable, Sendable {
    public var FunctionName: String
    public var TracingConfig = Tracing()
    /// Set only when xrayctl generated the execution role.
    public var Role: String?

    public struct Tracing: Encodable, Hashable, Sendable { public var Mode = "Active" }

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(FunctionName: String, Role: String? = nil) {
        self.FunctionName = FunctionName
        self.Role = Role
    }
}

/// API Gateway `UpdateStage` input that turns on X-Ray tracing for a REST API stage.
public struct StageTracingPatch: Encodable, Hashable, Sendable {
    public var restApiId: String
    public var stageName: String
    public var patchOperations = [Operation()]

    public struct Operation: Encodable, Hashable, Sendable {
        public var op = "replace"
        public var path = "/tracingEnabled"
        public var value = "true"
    }

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(restApiId: String, stageName: String) {
        self.restApiId = restApiId
        self.stageName = stageName
    }
}

/// X-Ray `PutEncryptionConfig` input.
public struct EncryptionConfigInput: Encodable, Hashable, Sendable {
    public var KeyId: String
    public var `Type` = "KMS"

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(KeyId: String, `Type`: String = "KMS") {
        self.KeyId = KeyId
        self.Type = `Type`
    }
}

/// X-Ray `CreateGroup` input: the traces a filter expression selects, with X-Ray Insights on or off
/// for them (notifications need insights).
public struct CreateGroupInput: Encodable, Hashable, Sendable {
    public struct Insights: Encodable, Hashable, Sendable {
        public var InsightsEnabled: Bool
        public var NotificationsEnabled: Bool

        // Other modules of the package build these; the implicit memberwise initializer is internal.
        package init(InsightsEnabled: Bool, NotificationsEnabled: Bool) {
            self.InsightsEnabled = InsightsEnabled
            self.NotificationsEnabled = NotificationsEnabled
        }
    }

    public var GroupName: String
    public var FilterExpression: String
    public var InsightsConfiguration: Insights

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(GroupName: String, FilterExpression: String, InsightsConfiguration: Insights) {
        self.GroupName = GroupName
        self.FilterExpression = FilterExpression
        self.InsightsConfiguration = InsightsConfiguration
    }
}

/// X-Ray `UpdateTraceSegmentDestination` input: `CloudWatchLogs` turns Transaction Search on.
public struct TraceSegmentDestinationInput: Encodable, Hashable, Sendable {
    public var Destination = "CloudWatchLogs"

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(Destination: String = "CloudWatchLogs") {
        self.Destination = Destination
    }
}

/// X-Ray `UpdateIndexingRule` input for the `Default` rule: the share of spans indexed.
public struct IndexingRuleInput: Encodable, Hashable, Sendable {
    public struct IndexingRule: Encodable, Hashable, Sendable { public var Probabilistic: Probabilistic }
    public struct Probabilistic: Encodable, Hashable, Sendable { public var DesiredSamplingPercentage: Double }
    public var Name = "Default"
    public var Rule: IndexingRule

    public init(percentage: Double) { Rule = IndexingRule(Probabilistic: Probabilistic(DesiredSamplingPercentage: percentage)) }
}

/// What `instrumentation: adot` adds to a function: the layer and its wrapper. Not an API input on
/// its own; the README's step merges it into the function's current configuration.
public struct ADOTLayerAddition: Encodable, Hashable, Sendable {
    public static let wrapper = "/opt/otel-instrument"
    public struct Variables: Encodable, Hashable, Sendable { public var Variables = ["AWS_LAMBDA_EXEC_WRAPPER": ADOTLayerAddition.wrapper] }
    public var Layers: [String]
    public var Environment = Variables()

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(Layers: [String]) { self.Layers = Layers }
}
