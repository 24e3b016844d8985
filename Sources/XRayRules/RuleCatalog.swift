import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

/// Every rule, by area and in ID order. `xrayctl rules`, the rule pages and the README's table are
/// printed from this list, and the linter runs the `LintRule`s in it.
public enum RuleCatalog {
    /// What a block of IDs is about: XR1nn are ECS, XR5nn the agents' configuration (the daemon's
    /// cfg.yaml from XR501, collector configurations from XR511), and so on.
    public enum Area: Int, Sendable, CaseIterable {
        case input = 0, ecs, iam, beanstalk, serverless, daemonConfig, sampling, segments, doctor, kubernetes
    }

    public static let areas: [(area: Area, rules: [any Rule])] = [
        (.input, [ParseError(), UnrecognisedFile(), DuplicateKey(), InvalidModel(), InvalidSuppression()]),
        (.ecs, [
            LinksOutsideBridge(), AgentMissingUDPPort(), HostPortMismatch(), UnreachableDaemonAddress(),
            MalformedDaemonAddress(), BridgeAppWithoutAgentRoute(), AgentTaskWithoutTaskRole(), InvalidFargateTask(),
            DaemonServiceOnFargate(), UnpinnedAgentImage(), ShellHealthCheckOnScratchImage(), AgentWithoutMemory(),
            AgentBoundToLoopback(), DaemonServiceDynamicHostPort(), DaemonServiceWithoutTCP(), AddressWithoutAgent(),
            AccessKeysInEnvironment(), DaemonWithoutBufferLimit(), CollectorWithoutXRayReceiver(), SidecarStaticHostPort(),
            ContainersExceedTask(), OTLPProtocolPortMismatch(), AgentWithoutLogs(), ExperimentalConfigFileVariable(),
            ConfigFileWithOtherOTelVariables(),
        ]),
        (.iam, [
            AgentRoleCannotUpload(), AgentRoleCannotSample(), UnknownXRayAction(), XRayActionOnResource(),
            OverbroadXRayGrant(), XRayOnExecutionRole(), WrongTrustPrincipal(), DenyRemovesXRay(), ConditionalXRayGrant(),
            CrossAccountRoleBroken(), MalformedPolicy(), TrustWithoutSourceCondition(), TransactionSearchWithoutLogsPolicy(),
            AgentRoleCannotPutSpans(),
        ]),
        (.beanstalk, [
            InvalidXRayEnabled(), MisspelledBeanstalkOption(), EbextensionsWithoutConfigSuffix(),
            XRayOnMulticontainerDocker(), InvalidEmbeddedDaemonConfig(), InstanceProfileCannotUpload(), UnknownEbextensionsKey(),
            NestedBeanstalkOptions(), OldDaemonInstalled(), DaemonInstallIgnoresErrors(),
        ]),
        (.serverless, [
            InvalidTracingMode(), TracedFunctionRoleCannotUpload(), UntracedFunction(), TracingOnHTTPAPI(),
            UntracedRESTStage(), ReservedLambdaVariable(), TracedStateMachineRole(), TracingAsEnvironmentVariable(),
            ADOTLayerWithoutWrapper(), ADOTLayerWithBundledOpenTelemetry(), ImageFunctionWithLayers(),
        ]),
        (.daemonConfig, [
            DaemonConfigVersion(), UnknownDaemonConfigKey(), DaemonConfigVersionOne(), DaemonBufferTooSmall(),
            InvalidDaemonSocketAddress(), InvalidDaemonLogLevel(), InvalidDaemonARN(), ProxyAddressWithoutScheme(),
            DaemonSkipsTLSVerification(), UnknownDaemonRegion(),
            CollectorReceiverOnLoopback(), CollectorWithoutTracesPipeline(), CollectorUndefinedComponent(),
            DeprecatedXRayExporter(), OTLPToXRayMisconfigured(), RemovedCollectorComponent(), CloudWatchAgentOnLoopback(),
            CloudWatchAgentUnknownKey(), TracesPipelineWithoutBatch(), LiteralPlaceholder(), LegacyOTLPHTTPPort(),
            CollectorResourceV1alpha1(), OTelConfigUnsignedXRayEndpoint(), OTelConfigSamplingAndPropagation(), OTelConfigPreStableFormat(),
            CloudWatchAgentOpenTelemetryUnknownKey(), CloudWatchAgentOpenTelemetryTooOld(),
            CloudWatchAgentTracesInBothModels(), CloudWatchAgentUnbundledComponent(),
        ]),
        (.sampling, [
            SamplingPriorityOutOfRange(), SamplingRateOutOfRange(), SamplingReservoirInvalid(), SamplingRuleNameInvalid(),
            SamplingRuleIgnoredBySDK(), ShadowedSamplingRule(), TooManySamplingRules(), SamplingFieldTooLong(),
            InvalidLocalSamplingFile(), SharedSamplingPriority(), SamplingFieldHoldsAList(), InvalidFilterExpression(),
            SamplingBoostBelowRate(), SamplingBoostOutOfRange(), SamplingBoostWithoutSupportingSDK(),
        ]),
        (.segments, [
            SegmentMissingFields(), SegmentNotClosed(), UnsearchableAnnotations(), TooManyAnnotations(), SegmentTooLarge(),
            FilteredAnnotationNeverSet(), FilteredKeyInMetadata(),
        ]),
        (.doctor, [
            MissingInstrumentation(), SDKNotWiredIn(), NothingListens(), SamplingProxyUnreachable(), XRayEndOfSupport(),
            CannotPutTraceSegments(), NoCredentialsOrRegion(), TransactionSearchOff(), TraceNotFound(), SilentService(),
            AccountNotAudited(), AgentPodIdentityRoleCannotUpload(),
        ]),
        (.kubernetes, [
            KubernetesMalformedDaemonAddress(), KubernetesAddressWithoutService(), KubernetesLoopbackAddress(),
            KubernetesAgentWithoutUDP(), KubernetesAgentBoundToLoopback(), KubernetesAgentWithoutIRSA(),
            IRSAAnnotationIgnored(), RoleARNPlaceholder(), RemovedKubernetesAPI(), DaemonTooOldForPodIdentity(),
            IRSATrustTooBroad(), InvalidDaemonConfigMap(), KubernetesAgentWithoutAddress(), NetworkPolicyBlocksAgent(),
            DaemonMemoryLimitBelowBuffer(), AgentBoundToClusterAdmin(), DaemonCommandNotInImage(), IRSARoleNotCreatedHere(),
        ]),
    ]

    public static let all: [any Rule] = areas.flatMap(\.rules)

    /// The rules a lint run checks; the others report from the loader or from doctor.
    public static let lintRules: [any LintRule] = all.compactMap(\.lintRule)

    public static func rules(in area: Area) -> [any Rule] {
        areas.first { $0.area == area }?.rules ?? []
    }

    public static func rule(_ id: String) -> (any Rule)? {
        all.first { $0.description.id.caseInsensitiveCompare(id) == .orderedSame }
    }

    public static var descriptions: [RuleDescription] { all.map(\.description) }
}
