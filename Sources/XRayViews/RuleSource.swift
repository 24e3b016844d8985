import XRayCore
import XRaySampling

/// A public document that shows what a rule rests on: an AWS documentation page, an API reference, the
/// source file that implements the behaviour, or the issue where users met it. Rule pages and SARIF list
/// them, so a user can check a finding without trusting xrayctl.
public struct RuleSource: Sendable, Hashable {
    public var title: String
    /// An `https://` address, or a path inside this repository for xrayctl's own behaviour.
    public var url: String

    public init(_ title: String, _ url: String) {
        self.title = title
        self.url = url
    }
}

// AWS documentation. Named once here so every rule cites the same page the same way.
extension RuleSource {
    private static func xrayGuide(_ title: String, _ page: String) -> RuleSource {
        RuleSource("AWS X-Ray Developer Guide: \(title)", "https://docs.aws.amazon.com/xray/latest/devguide/\(page).html")
    }

    package static let daemonGuide = xrayGuide("The AWS X-Ray daemon", "xray-daemon")
    package static let daemonConfiguration = xrayGuide("Configuring the AWS X-Ray daemon", "xray-daemon-configuration")
    package static let daemonOnECS = xrayGuide("Running the X-Ray daemon on Amazon ECS", "xray-daemon-ecs")
    package static let daemonOnBeanstalk = xrayGuide("Running the X-Ray daemon on AWS Elastic Beanstalk", "xray-daemon-beanstalk")
    package static let xrayIAM = xrayGuide("How AWS X-Ray works with IAM", "security_iam_service-with-iam")
    package static let xrayEncryption = xrayGuide("Configuring sampling, groups, and encryption settings with the X-Ray API", "xray-api-configuration")
    package static let adaptiveSampling = xrayGuide("Configuring adaptive sampling", "xray-adaptive-sampling")
    package static let samplingRateBoostAPI = RuleSource("AWS X-Ray API Reference: SamplingRateBoost",
                                                 "https://docs.aws.amazon.com/xray/latest/api/API_SamplingRateBoost.html")
    package static let samplingRateBoostCFN = RuleSource("AWS CloudFormation Template Reference: AWS::XRay::SamplingRule SamplingRateBoost",
                                                 "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-xray-samplingrule-samplingrateboost.html")
    package static let samplingAPI = xrayGuide("Using sampling rules with the X-Ray API", "xray-api-sampling")
    package static let samplingRules = xrayGuide("Configuring sampling rules", "xray-console-sampling")
    package static let segmentDocuments = xrayGuide("AWS X-Ray segment documents", "xray-api-segmentdocuments")
    package static let sendingData = xrayGuide("Sending trace data to AWS X-Ray", "xray-api-sendingdata")
    package static let pythonSDKConfiguration = xrayGuide("Configuring the X-Ray SDK for Python", "xray-sdk-python-configuration")
    package static let javaSDKConfiguration = xrayGuide("Configuring the X-Ray SDK for Java", "xray-sdk-java-configuration")
    package static let xrayWithLambda = xrayGuide("AWS Lambda and AWS X-Ray", "xray-services-lambda")
    package static let xrayWithAPIGateway = xrayGuide("Amazon API Gateway active tracing support for AWS X-Ray", "xray-services-apigateway")
    package static let xrayTroubleshooting = xrayGuide("Troubleshooting AWS X-Ray", "xray-troubleshooting")
    package static let endOfSupport = xrayGuide("AWS X-Ray SDKs and daemon end of support", "xray-daemon-eos")
    package static let gettingData = xrayGuide("Getting data from AWS X-Ray", "xray-api-gettingdata")
    package static let filterExpressions = xrayGuide("Using filter expressions", "xray-console-filters")
    package static let groups = xrayGuide("Configuring groups", "xray-console-groups")
    package static let migration = xrayGuide("Migrating from X-Ray instrumentation to OpenTelemetry", "xray-sdk-migration")

    package static let xrayQuotas = RuleSource("AWS General Reference: AWS X-Ray endpoints and quotas",
                                       "https://docs.aws.amazon.com/general/latest/gr/xray.html")
    package static let xrayActions = RuleSource("Service Authorization Reference: Actions, resources, and condition keys for AWS X-Ray",
                                        "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html")
    package static let daemonWriteAccessPolicy = RuleSource("AWS managed policy reference: AWSXRayDaemonWriteAccess",
                                                    "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSXRayDaemonWriteAccess.html")
    package static let samplingRuleAPI = RuleSource("AWS X-Ray API Reference: SamplingRule",
                                            "https://docs.aws.amazon.com/xray/latest/api/API_SamplingRule.html")
    package static let createGroupAPI = RuleSource("AWS X-Ray API Reference: CreateGroup",
                                           "https://docs.aws.amazon.com/xray/latest/api/API_CreateGroup.html")
    package static let putEncryptionConfigAPI = RuleSource("AWS X-Ray API Reference: PutEncryptionConfig",
                                                   "https://docs.aws.amazon.com/xray/latest/api/API_PutEncryptionConfig.html")
    package static let xrayPricing = RuleSource("AWS X-Ray pricing", "https://aws.amazon.com/xray/pricing/")

    private static func ecsGuide(_ title: String, _ page: String) -> RuleSource {
        RuleSource("Amazon ECS Developer Guide: \(title)", "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/\(page).html")
    }

    package static let ecsTaskRole = ecsGuide("Amazon ECS task IAM role", "task-iam-roles")
    package static let ecsExecutionRole = ecsGuide("Amazon ECS task execution IAM role", "task_execution_IAM_role")
    package static let ecsTaskDefinitionParameters = ecsGuide("Amazon ECS task definition parameters", "task_definition_parameters")
    package static let ecsFargateTaskSizes = ecsGuide("Amazon ECS task definition parameters for Fargate", "fargate-tasks-services")
    package static let ecsEnvironment = ecsGuide("Environment variables that Amazon ECS sets", "ecs-environment-variables")
    package static let ecsAwslogs = ecsGuide("Send Amazon ECS logs to CloudWatch (the awslogs log driver)", "using_awslogs")
    package static let ecsPortMappingAPI = RuleSource("Amazon ECS API Reference: PortMapping",
                                              "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html")
    package static let ecsContainerDefinitionAPI = RuleSource("Amazon ECS API Reference: ContainerDefinition",
                                                      "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html")
    package static let ecsCreateServiceAPI = RuleSource("Amazon ECS API Reference: CreateService (schedulingStrategy)",
                                                "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html")

    private static func beanstalkGuide(_ title: String, _ page: String) -> RuleSource {
        RuleSource("AWS Elastic Beanstalk Developer Guide: \(title)", "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/\(page).html")
    }

    package static let beanstalkXRay = beanstalkGuide("Configuring AWS X-Ray debugging", "environment-configuration-debugging")
    package static let beanstalkOptions = beanstalkGuide("General options for all environments", "command-options-general")
    package static let beanstalkEbextensions = beanstalkGuide("Advanced environment customization with configuration files", "ebextensions")
    package static let beanstalkLinuxCustomization = beanstalkGuide("Customizing software on Linux servers", "customize-containers-ec2")
    package static let beanstalkInstanceProfile = beanstalkGuide("Managing Elastic Beanstalk instance profiles", "iam-instanceprofile")

    package static let lambdaXRay = RuleSource("AWS Lambda Developer Guide: Visualize Lambda function invocations using AWS X-Ray",
                                       "https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html")
    package static let lambdaLayers = RuleSource("AWS Lambda Developer Guide: Managing Lambda dependencies with layers",
                                         "https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html")
    package static let lambdaLayerPaths = RuleSource("AWS Lambda Developer Guide: Packaging your layer content (layer paths for each runtime)",
                                             "https://docs.aws.amazon.com/lambda/latest/dg/packaging-layers.html")
    package static let lambdaImageLayers = RuleSource("AWS Lambda Developer Guide: Working with layers and extensions in container images",
                                              "https://docs.aws.amazon.com/lambda/latest/dg/images-create.html")
    package static let lambdaEnvironment = RuleSource("AWS Lambda Developer Guide: Defined runtime environment variables",
                                              "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html")
    package static let lambdaTracingConfigAPI = RuleSource("AWS Lambda API Reference: TracingConfig",
                                                   "https://docs.aws.amazon.com/lambda/latest/dg/API_TracingConfig.html")
    package static let stepFunctionsXRay = RuleSource("AWS Step Functions Developer Guide: Trace Step Functions request data in AWS X-Ray",
                                              "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html")
    package static let apiGatewayStageAPI = RuleSource("Amazon API Gateway REST API Reference: Stage (tracingEnabled)",
                                               "https://docs.aws.amazon.com/apigateway/latest/api/API_Stage.html")
    package static let samFunctionTracing = RuleSource("AWS SAM resource AWS::Serverless::Function: Tracing",
                                               "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html")
    package static let serverlessFunctions = RuleSource("Serverless Framework documentation: AWS Lambda functions (tracing)",
                                                "https://www.serverless.com/framework/docs/providers/aws/guide/functions")

    package static let iamGrammar = RuleSource("IAM User Guide: Grammar of the IAM JSON policy language",
                                       "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html")
    package static let iamEvaluation = RuleSource("IAM User Guide: Policy evaluation logic",
                                          "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html")
    package static let confusedDeputy = RuleSource("IAM User Guide: The confused deputy problem",
                                           "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html")
    package static let yamlDuplicateKeys = RuleSource("YAML 1.2.2 specification: mappings (keys are unique)", "https://yaml.org/spec/1.2.2/#mapping")
    package static let jsonDuplicateNames = RuleSource("RFC 8259 §4: object names SHOULD be unique", "https://www.rfc-editor.org/rfc/rfc8259#section-4")
}

// Source files and issues: the code that shows a behaviour, and where users met it.
extension RuleSource {
    private static func github(_ repository: String, _ path: String) -> RuleSource {
        RuleSource("\(repository): \(path)", "https://github.com/\(repository)/blob/HEAD/\(path)")
    }

    package static let daemonReadme = github("aws/aws-xray-daemon", "README.md")
    package static let daemonConfigCode = github("aws/aws-xray-daemon", "pkg/cfg/cfg.go")
    package static let daemonChangelog = github("aws/aws-xray-daemon", "CHANGELOG.md")
    package static let daemonDockerfile = github("aws/aws-xray-daemon", "Dockerfile")
    package static let daemonMain = github("aws/aws-xray-daemon", "cmd/tracing/daemon.go")
    package static let daemonSegmentHeader = github("aws/aws-xray-daemon", "pkg/tracesegment/tracesegment.go")
    package static let pythonSDKDaemonConfig = github("aws/aws-xray-sdk-python", "aws_xray_sdk/core/daemon_config.py")
    package static let pythonSDKSamplingRule = github("aws/aws-xray-sdk-python", "aws_xray_sdk/core/sampling/sampling_rule.py")
    package static let pythonSDKLocalRules = github("aws/aws-xray-sdk-python", "aws_xray_sdk/core/sampling/local/sampling_rule.py")
    package static let pythonSDKConnector = github("aws/aws-xray-sdk-python", "aws_xray_sdk/core/sampling/connector.py")
    package static let cloudWatchAgentXRayReceiver = github("aws/amazon-cloudwatch-agent", "translator/translate/otel/receiver/awsxray/translator.go")
    package static let otelXRayReceiver = github("open-telemetry/opentelemetry-collector-contrib", "receiver/awsxrayreceiver/README.md")

    private static func eksGuide(_ title: String, _ page: String) -> RuleSource {
        RuleSource("Amazon EKS User Guide: \(title)", "https://docs.aws.amazon.com/eks/latest/userguide/\(page).html")
    }

    package static let eksIRSA = eksGuide("IAM roles for service accounts", "iam-roles-for-service-accounts")
    package static let eksIRSAAnnotation = eksGuide("Assign IAM roles to Kubernetes service accounts", "associate-service-account-role")
    package static let eksPodIdentity = eksGuide("Learn how EKS Pod Identity grants pods access to AWS services", "pod-identities")
    package static let eksPodIdentitySDKs = eksGuide("Use pod identity with the AWS SDK", "pod-id-minimum-sdk")
    package static let cloudWatchObservabilityAddon = RuleSource("Amazon CloudWatch User Guide: Install the CloudWatch agent with the Amazon CloudWatch Observability EKS add-on",
                                                         "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html")
    package static let kubernetesDeprecations = RuleSource("Kubernetes: Deprecated API Migration Guide",
                                                   "https://kubernetes.io/docs/reference/using-api/deprecation-guide/")
    package static let kubernetesServices = RuleSource("Kubernetes: Service (protocols and ports)",
                                               "https://kubernetes.io/docs/concepts/services-networking/service/")
    package static let kubernetesDNS = RuleSource("Kubernetes: DNS for Services and Pods",
                                          "https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/")
    package static let kubernetesImages = RuleSource("Kubernetes: Images (tags and imagePullPolicy)",
                                             "https://kubernetes.io/docs/concepts/containers/images/")
    package static let kubernetesResources = RuleSource("Kubernetes: Resource Management for Pods and Containers (memory limits, OOM kills)",
                                                "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/")
    package static let kubernetesRBACGoodPractices = RuleSource("Kubernetes: Role Based Access Control Good Practices",
                                                        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/")
    package static let kubernetesRBAC = RuleSource("Kubernetes: Using RBAC Authorization (default roles, cluster-admin)",
                                           "https://kubernetes.io/docs/reference/access-authn-authz/rbac/")
    package static let kubernetesNetworkPolicies = RuleSource("Kubernetes: Network Policies",
                                                      "https://kubernetes.io/docs/concepts/services-networking/network-policies/")
    package static let kubernetesHeadlessServices = RuleSource("Kubernetes: Headless Services",
                                                       "https://kubernetes.io/docs/concepts/services-networking/service/#headless-services")
    package static let kubernetesCommand = RuleSource("Kubernetes: Define a Command and Arguments for a Container (command replaces ENTRYPOINT)",
                                              "https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/")
    package static let daemonAmazonLinuxDockerfile = github("aws/aws-xray-daemon", "Dockerfile.amazonlinux")
    package static let daemonBufferPool = github("aws/aws-xray-daemon", "pkg/bufferpool/bufferpool.go")
    package static let xrayKubernetesSample = github("aws-samples/aws-xray-kubernetes", "xray-daemon/xray-k8s-daemonset.yaml")

    package static func issue(_ repository: String, _ number: Int) -> RuleSource {
        RuleSource("\(repository) #\(number)", "https://github.com/\(repository)/issues/\(number)")
    }

    package static func daemonIssue(_ number: Int) -> RuleSource { issue("aws/aws-xray-daemon", number) }

    /// xrayctl's own behaviour, documented in this repository.
    package static func repository(_ title: String, _ path: String) -> RuleSource { RuleSource(title, path) }
}

// The OpenTelemetry collector and ADOT.
extension RuleSource {
    package static let adotReleases = RuleSource("aws-observability/aws-otel-collector: releases",
                                         "https://github.com/aws-observability/aws-otel-collector/releases")
    package static let otelLocalhostDefault = RuleSource("OpenTelemetry Collector: security best practices (localhost as the default host)",
                                                 "https://opentelemetry.io/docs/security/config-best-practices/")
    package static let otelCollectorConfiguration = RuleSource("OpenTelemetry Collector: configuration (components and pipelines)",
                                                       "https://opentelemetry.io/docs/collector/configuration/")
    package static let adotXRayExporter = RuleSource("AWS Distro for OpenTelemetry: the AWS X-Ray exporter (deprecated in favour of the OTLP endpoint)",
                                             "https://aws-otel.github.io/docs/getting-started/x-ray")
    package static let xrayOTLPEndpoint = RuleSource("Amazon CloudWatch User Guide: OTLP endpoints (traces: HTTP only, SigV4)",
                                             "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-OTLPEndpoint.html")
    package static let otlpWithoutCollector = RuleSource("Amazon CloudWatch User Guide: Exporting collector-less telemetry using the ADOT SDKs (IAM permissions for traces)",
                                                 "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-OTLP-UsingADOT.html")
    package static let stsAssumeRole = RuleSource("AWS STS API Reference: AssumeRole",
                                          "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html")
    package static let optInRegions = RuleSource("AWS Account Management Reference Guide: Enable or disable AWS Regions in your account",
                                         "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html")
    package static let organizationsListAccounts = RuleSource("AWS Organizations API Reference: ListAccounts",
                                                      "https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html")
    package static let transactionSearch = RuleSource("Amazon CloudWatch User Guide: Transaction Search",
                                              "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Transaction-Search.html")
    package static let otelDeclarativeConfiguration = RuleSource("OpenTelemetry: Declarative configuration (otel-config.yaml, OTEL_CONFIG_FILE)",
                                                         "https://opentelemetry.io/docs/languages/sdk-configuration/declarative-configuration/")
    package static let otelPythonDeclarativeConfiguration = RuleSource("OpenTelemetry Python: Declarative Configuration (OTEL_CONFIG_FILE: other OTEL_* variables are ignored)",
                                                               "https://opentelemetry-python.readthedocs.io/en/latest/sdk/configuration.html")
    package static let otelConfigurationSchema = RuleSource("open-telemetry/opentelemetry-configuration: the configuration schema and its file_format",
                                                    "https://github.com/open-telemetry/opentelemetry-configuration")
    package static let xrayMigrationToOTel = xrayGuide("Migrating from X-Ray instrumentation to OpenTelemetry instrumentation (sampling, propagation)", "xray-sdk-migration")
    package static let otelJavaXRaySampler = RuleSource("opentelemetry-java-contrib aws-xray: the `xray` sampler in declarative configuration (AwsXrayRemoteSamplerComponentProvider)",
                                                "https://github.com/open-telemetry/opentelemetry-java-contrib/tree/main/aws-xray")
    package static let adotRemoteSampling = RuleSource("AWS Distro for OpenTelemetry: Using X-Ray remote sampling",
                                               "https://aws-otel.github.io/docs/getting-started/remote-sampling")
    package static let otelExporterEnvironment = RuleSource("OpenTelemetry: OTLP exporter configuration (OTEL_EXPORTER_OTLP_PROTOCOL and ports)",
                                                    "https://opentelemetry.io/docs/languages/sdk-configuration/otlp-exporter/")
    package static let cloudWatchAgentTraces = RuleSource("Amazon CloudWatch User Guide: the CloudWatch agent configuration file, traces section",
                                                  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-Configuration-File-Details.html")
    package static let cloudWatchAgentOpenTelemetry = RuleSource("Amazon CloudWatch User Guide: Configure the CloudWatch agent with OpenTelemetry (the opentelemetry section)",
                                                         "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-OpenTelemetry.html")
    package static let cloudWatchAgentSchema = RuleSource("aws/amazon-cloudwatch-agent: translator/config/schema.json",
                                                  "https://github.com/aws/amazon-cloudwatch-agent/blob/HEAD/translator/config/schema.json")
    package static let cloudWatchAgentConfigModels = RuleSource("Amazon CloudWatch User Guide: Choose a configuration model for the CloudWatch agent (Classic, curated OpenTelemetry and native YAML combined in one configuration)",
                                                        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-config-model.html")
    package static let cloudWatchAgentOTLPReceivers = RuleSource("aws/amazon-cloudwatch-agent @ab55b8d: translator/translate/otel/receiver/otlp/translator.go (one OTLP receiver per protocol and endpoint, shared between pipelines) and sampleConfig/opentelemetry/combined_v1_v2_ec2_config.json",
                                                         "https://github.com/aws/amazon-cloudwatch-agent/blob/ab55b8daa204e95c42c0267ee5aa49ec3b3a7317/translator/translate/otel/receiver/otlp/translator.go")
    package static let cloudWatchAgentAppendedYAML = RuleSource("Amazon CloudWatch User Guide: Amazon CloudWatch agent (appending OpenTelemetry collector configuration in YAML, supported components)",
                                                        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-OTLPCloudWatchAgent.html")
    package static let cloudWatchAgentComponents = RuleSource("aws/amazon-cloudwatch-agent @ab55b8d: service/defaultcomponents/components.go (the components the agent is built with; MIT licence)",
                                                      "https://github.com/aws/amazon-cloudwatch-agent/blob/ab55b8daa204e95c42c0267ee5aa49ec3b3a7317/service/defaultcomponents/components.go")
    package static let adotLambda = RuleSource("AWS Lambda Developer Guide: instrumenting with the AWS Distro for OpenTelemetry layer",
                                       "https://docs.aws.amazon.com/lambda/latest/dg/python-tracing.html")
}
