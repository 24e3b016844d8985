/// Every rule, in ID order. `xrayctl rules` and the README's table are printed from this list.
public enum RuleCatalog {
    public static let all: [any LintRule] = [
        ParseError(), UnrecognisedFile(), DuplicateKey(), InvalidModel(), InvalidSuppression(),
        LinksOutsideBridge(), AgentMissingUDPPort(), HostPortMismatch(), UnreachableDaemonAddress(),
        MalformedDaemonAddress(), BridgeAppWithoutAgentRoute(), AgentTaskWithoutTaskRole(), InvalidFargateTask(),
        DaemonServiceOnFargate(), UnpinnedAgentImage(), ShellHealthCheckOnScratchImage(), AgentWithoutMemory(),
        AgentBoundToLoopback(), DaemonServiceDynamicHostPort(), DaemonServiceWithoutTCP(), AddressWithoutAgent(),
        AccessKeysInEnvironment(), DaemonWithoutBufferLimit(), CollectorWithoutXRayReceiver(), SidecarStaticHostPort(), ContainersExceedTask(),
        AgentRoleCannotUpload(), AgentRoleCannotSample(), UnknownXRayAction(), XRayActionOnResource(),
        OverbroadXRayGrant(), XRayOnExecutionRole(), WrongTrustPrincipal(), DenyRemovesXRay(), ConditionalXRayGrant(),
        CrossAccountRoleBroken(), MalformedPolicy(), TrustWithoutSourceCondition(),
        InvalidXRayEnabled(), MisspelledBeanstalkOption(), EbextensionsWithoutConfigSuffix(),
        XRayOnMulticontainerDocker(), InvalidEmbeddedDaemonConfig(), InstanceProfileCannotUpload(), UnknownEbextensionsKey(),
        InvalidTracingMode(), TracedFunctionRoleCannotUpload(), UntracedFunction(), TracingOnHTTPAPI(),
        UntracedRESTStage(), ReservedLambdaVariable(), TracedStateMachineRole(), TracingAsEnvironmentVariable(),
        DaemonConfigVersion(), UnknownDaemonConfigKey(), DaemonConfigVersionOne(), DaemonBufferTooSmall(),
        InvalidDaemonSocketAddress(), InvalidDaemonLogLevel(), InvalidDaemonARN(), ProxyAddressWithoutScheme(),
        DaemonSkipsTLSVerification(), UnknownDaemonRegion(),
        SamplingPriorityOutOfRange(), SamplingRateOutOfRange(), SamplingReservoirInvalid(), SamplingRuleNameInvalid(),
        SamplingRuleIgnoredBySDK(), ShadowedSamplingRule(), TooManySamplingRules(), SamplingFieldTooLong(),
        InvalidLocalSamplingFile(), SharedSamplingPriority(),
        SegmentMissingFields(), SegmentNotClosed(), UnsearchableAnnotations(), TooManyAnnotations(), SegmentTooLarge(),
        MissingInstrumentation(), SDKNotWiredIn(), NothingListens(), SamplingProxyUnreachable(), XRayEndOfSupport(),
        CannotPutTraceSegments(), NoCredentialsOrRegion(),
    ]

    public static func rule(_ id: String) -> (any LintRule)? {
        all.first { $0.description.id.caseInsensitiveCompare(id) == .orderedSame }
    }

    public static var descriptions: [RuleDescription] { all.map(\.description) }
}
