import Foundation
import Testing
import Yams
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// Apps on the OpenTelemetry path: their sampler and propagators, the application side of
/// Application Signals on ECS, and the agents they send to (health checks, memory_limiter, EKS
/// Service and IRSA). Each expectation names the AWS source it carries over.
@Suite struct OTelAppsTests {
    static let header = "version: 1\nproject: shop\nregion: us-east-1\naccount: \"123456789012\"\n"

    func generate(_ yaml: String) throws -> [String: String] {
        let model = try ModelDecoder.decode(yaml, file: "xray.yaml").model
        return Dictionary(Generator.generate(model).map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
    }

    func json(_ text: String?) throws -> [String: Any] {
        let data = Data(try #require(text).utf8)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func containers(_ files: [String: String], _ path: String) throws -> [[String: Any]] {
        try #require(try json(files[path])["containerDefinitions"] as? [[String: Any]])
    }

    func container(_ files: [String: String], _ path: String, _ name: String) throws -> [String: Any] {
        try #require(try containers(files, path).first { $0["name"] as? String == name })
    }

    func environment(_ container: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in container["environment"] as? [[String: String]] ?? [] { result[pair["name"] ?? ""] = pair["value"] }
        return result
    }

    func dependencies(_ container: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in container["dependsOn"] as? [[String: String]] ?? [] { result[pair["containerName"] ?? ""] = pair["condition"] }
        return result
    }

    // MARK: Item 1: sampling and propagation

    /// CloudWatch User Guide, "Trace sampling rate" (Application-Signals-SampleRate.html): the ADOT SDKs
    /// take `OTEL_TRACES_SAMPLER=xray` with `OTEL_TRACES_SAMPLER_ARG=endpoint=http://AGENT:2000`, or
    /// `parentbased_traceidratio` with the ratio (`0.05`) for local sampling.
    @Test func ecsAppsGetRemoteSamplingWhereTheirADOTSDKHasItAndTheModelsRateElsewhere() throws {
        let yaml = Self.header + """
            agent: {kind: adot}
            sampling:
              default: {reservoir: 1, rate: 0.1}
            services:
              - {name: web, platform: ecs-fargate, image: "web:1", language: python, memory_reservation: 256}
              - {name: legacy, platform: ecs-ec2-sidecar, network_mode: bridge, image: "legacy:1", language: go, memory_reservation: 256}
              - {name: batch, platform: ecs-ec2-daemon, image: "batch:1", language: java, memory_reservation: 256}
              - {name: pinned, platform: ecs-fargate, image: "pinned:1", language: node, memory_reservation: 256,
                 environment: {OTEL_TRACES_SAMPLER: always_off}}

            """
        let files = try generate(yaml)
        let web = environment(try container(files, "web/task-definition.json", "web"))
        #expect(web["OTEL_TRACES_SAMPLER"] == "xray")
        // awsvpc shares the task's network: the agent's sampling proxy is on localhost.
        #expect(web["OTEL_TRACES_SAMPLER_ARG"] == "endpoint=http://localhost:2000")
        #expect(web["OTEL_PROPAGATORS"] == "tracecontext,baggage,xray")
        let legacy = environment(try container(files, "legacy/task-definition.json", "legacy"))
        // Go's ADOT has no X-Ray sampler: the model's default rate, following the parent.
        #expect(legacy["OTEL_TRACES_SAMPLER"] == "parentbased_traceidratio")
        #expect(legacy["OTEL_TRACES_SAMPLER_ARG"] == "0.1")
        #expect(legacy["OTEL_PROPAGATORS"] == "tracecontext,baggage,xray")
        // The DAEMON service's agent is at the bridge gateway, 2000/tcp published on the host.
        let batch = environment(try container(files, "batch/task-definition.json", "batch"))
        #expect(batch["OTEL_TRACES_SAMPLER_ARG"] == "endpoint=http://172.17.0.1:2000")
        let agentPorts = try container(files, "xray-daemon/task-definition.json", "aws-otel-collector")["portMappings"] as? [[String: Any]]
        #expect(agentPorts?.contains { $0["hostPort"] as? Int == 2000 && $0["protocol"] as? String == "tcp" } == true)
        // The model's own environment wins.
        let pinned = environment(try container(files, "pinned/task-definition.json", "pinned"))
        #expect(pinned["OTEL_TRACES_SAMPLER"] == "always_off")
        #expect(pinned["OTEL_TRACES_SAMPLER_ARG"] == "endpoint=http://localhost:2000")
        // The README says which sampler each service got.
        let readme = try #require(files["README.md"])
        #expect(readme.contains("`web` (OpenTelemetry) samples with X-Ray remote sampling"))
        #expect(readme.contains("`legacy` (OpenTelemetry) samples with a parent-based ratio sampler at the model's default rate (`OTEL_TRACES_SAMPLER=parentbased_traceidratio`, 0.1), as its `language` is not one"))
    }

    /// In bridge mode the app reaches a sidecar agent by its container name (links), sampling included.
    @Test func bridgeSidecarsSampleThroughTheAgentsContainerName() throws {
        let yaml = Self.header + """
            agent: {kind: cloudwatch-agent}
            services:
              - {name: api, platform: ecs-ec2-sidecar, network_mode: bridge, image: "api:1", language: dotnet, memory_reservation: 256}

            """
        let api = environment(try container(try generate(yaml), "api/task-definition.json", "api"))
        #expect(api["OTEL_TRACES_SAMPLER_ARG"] == "endpoint=http://cloudwatch-agent:2000")
    }

    /// The X-Ray daemon path gets no OTel variables: its apps use the X-Ray SDK's own sampling.
    @Test func daemonAppsGetNoOTelSampler() throws {
        let yaml = Self.header + "services:\n  - {name: api, platform: ecs-fargate, image: \"api:1\", language: java, memory_reservation: 256}\n"
        let api = environment(try container(try generate(yaml), "api/task-definition.json", "api"))
        #expect(api["OTEL_TRACES_SAMPLER"] == nil && api["OTEL_PROPAGATORS"] == nil)
    }

    /// On EKS the agent is in another pod: the sampler goes through its Service, never localhost
    /// (AWS's own example: `endpoint=http://cloudwatch-agent.amazon-cloudwatch:2000`, "Trace sampling rate").
    @Test func eksAppsSampleThroughTheAgentsService() throws {
        let yaml = Self.header + """
            agent: {kind: cloudwatch-agent}
            services:
              - {name: orders, platform: eks, cluster: shop, language: java}
              - {name: ledger, platform: eks, cluster: shop, language: ruby}

            """
        let files = try generate(yaml)
        let orders = try #require(files["eks/orders.patch.yaml"])
        #expect(orders.contains("value: endpoint=http://cloudwatch-agent.xray-system.svc.cluster.local:2000"))
        #expect(orders.contains("value: xray\n"))
        #expect(orders.contains("value: tracecontext,baggage,xray"))
        let ledger = try #require(files["eks/ledger.patch.yaml"])
        #expect(ledger.contains("value: parentbased_traceidratio"))
        #expect(ledger.contains("value: '0.05'") || ledger.contains("value: \"0.05\""))
    }

    /// ADOT: the `awsxray` receiver's `proxy_server` is the sampling proxy on 2000/tcp, the same proxy the
    /// `awsproxy` extension would run on the same default address (aws-otel.github.io, "Configuring the
    /// OpenTelemetry Collector for X-Ray remote sampling"; "Getting Started with X-Ray Receiver").
    /// `memory_limiter` runs first and `health_check` is on (the image's `/healthcheck` asks 127.0.0.1:13133,
    /// aws-observability/aws-otel-collector cmd/healthcheck/main.go).
    @Test(arguments: [TracesSpec.Export.xrayAPI, .otlp])
    func theCollectorServesSamplingLimitsMemoryAndAnswersHealthChecks(_ export: TracesSpec.Export) throws {
        let text = CollectorConfig.adot(region: "us-east-1", export: export, partition: .aws, memoryMiB: 512)
        let config = try #require(try Yams.load(yaml: text) as? [String: Any])
        let receivers = try #require(config["receivers"] as? [String: Any])
        let proxy = (receivers["awsxray"] as? [String: Any])?["proxy_server"] as? [String: Any]
        #expect(proxy?["endpoint"] as? String == "0.0.0.0:2000")
        let extensions = try #require(config["extensions"] as? [String: Any])
        #expect(extensions["awsproxy"] == nil, "a second listener on 0.0.0.0:2000")
        #expect((extensions["health_check"] as? [String: Any])?["endpoint"] as? String == "0.0.0.0:13133")
        let service = try #require(config["service"] as? [String: Any])
        #expect((service["extensions"] as? [String])?.contains("health_check") == true)
        let pipeline = ((service["pipelines"] as? [String: Any])?["traces"] as? [String: Any])
        #expect((pipeline?["processors"] as? [String])?.first == "memory_limiter")
        let limiter = (config["processors"] as? [String: Any])?["memory_limiter"] as? [String: Any]
        #expect(limiter?["limit_mib"] as? Int == 409 && limiter?["spike_limit_mib"] as? Int == 102)
        #expect(limiter?["check_interval"] as? String == "1s")
    }

    // MARK: Should-fix: agent health check

    /// ECS health checks must start with CMD or CMD-SHELL (ECS API Reference, HealthCheck); the ADOT image
    /// is FROM scratch with `/healthcheck` (cmd/awscollector/Dockerfile), so the exec form works.
    @Test func theADOTSidecarHasAHealthCheckAndItsAppWaitsForHealthy() throws {
        let yaml = Self.header + "agent: {kind: adot}\nservices:\n  - {name: api, platform: ecs-fargate, image: \"api:1\", memory_reservation: 256}\n"
        let files = try generate(yaml)
        let agent = try container(files, "api/task-definition.json", "aws-otel-collector")
        let check = try #require(agent["healthCheck"] as? [String: Any])
        #expect(check["command"] as? [String] == ["CMD", "/healthcheck"])
        #expect(dependencies(try container(files, "api/task-definition.json", "api"))["aws-otel-collector"] == "HEALTHY")
        // No CMD-SHELL on a scratch image, and nothing else lint objects to.
        #expect(!TestSupport.lint([("task-definition.json", try #require(files["api/task-definition.json"]))]).contains {
            $0.severity >= .warning
        })
    }

    @Test(arguments: ["xray-daemon", "cloudwatch-agent"])
    func agentsWithoutAHealthProgramGetNoCheckAndTheirAppsWaitForStart(_ kind: String) throws {
        let yaml = Self.header + "agent: {kind: \(kind)}\nservices:\n  - {name: api, platform: ecs-fargate, image: \"api:1\", memory_reservation: 256}\n"
        let files = try generate(yaml)
        let agent = try container(files, "api/task-definition.json", kind)
        #expect(agent["healthCheck"] == nil)
        #expect(dependencies(try container(files, "api/task-definition.json", "api"))[kind] == "START")
    }

    // MARK: Item 2: Application Signals on ECS, application side

    /// CloudWatch User Guide, "Deploy using the sidecar strategy" (CloudWatch-Application-Signals-ECS-Sidecar.html),
    /// as the aws-cdk construct `aws-applicationsignals-alpha` implements it (ecs-sdk-instrumentation.ts,
    /// constants.ts, instrumentation-versions.ts): init container, volume, mount, dependsOn SUCCESS, variables.
    @Test(arguments: [
        ("java", "public.ecr.aws/aws-observability/adot-autoinstrumentation-java:v2.10.0",
         ["cp", "/javaagent.jar", "/otel-auto-instrumentation/javaagent.jar"], "/otel-auto-instrumentation",
         ["JAVA_TOOL_OPTIONS": " -javaagent:/otel-auto-instrumentation/javaagent.jar"]),
        ("python", "public.ecr.aws/aws-observability/adot-autoinstrumentation-python:v0.8.0",
         ["cp", "-a", "/autoinstrumentation/.", "/otel-auto-instrumentation-python"], "/otel-auto-instrumentation-python",
         ["OTEL_PYTHON_DISTRO": "aws_distro", "OTEL_PYTHON_CONFIGURATOR": "aws_configurator",
          "PYTHONPATH": "/otel-auto-instrumentation-python/opentelemetry/instrumentation/auto_instrumentation:/otel-auto-instrumentation-python"]),
        ("node", "public.ecr.aws/aws-observability/adot-autoinstrumentation-node:v0.5.0",
         ["cp", "-a", "/autoinstrumentation/.", "/otel-auto-instrumentation-nodejs"], "/otel-auto-instrumentation-nodejs",
         ["NODE_OPTIONS": " --require /otel-auto-instrumentation-nodejs/autoinstrumentation.js"]),
        ("dotnet", "public.ecr.aws/aws-observability/adot-autoinstrumentation-dotnet:v1.6.0",
         ["cp", "-a", "/autoinstrumentation/.", "/otel-auto-instrumentation-dotnet"], "/otel-auto-instrumentation-dotnet",
         ["CORECLR_ENABLE_PROFILING": "1", "CORECLR_PROFILER": "{918728DD-259F-4A6A-AC2B-B85E1B658318}",
          "CORECLR_PROFILER_PATH": "/otel-auto-instrumentation-dotnet/linux-x64/OpenTelemetry.AutoInstrumentation.Native.so",
          "OTEL_DOTNET_AUTO_HOME": "/otel-auto-instrumentation-dotnet", "OTEL_DOTNET_DISTRO": "aws_distro"]),
    ])
    func applicationSignalsInjectsTheADOTAgentOfTheLanguage(_ language: String, _ image: String, _ command: [String],
                                                            _ mount: String, _ variables: [String: String]) throws {
        let yaml = Self.header + """
            agent: {kind: cloudwatch-agent}
            application_signals: true
            services:
              - {name: api, platform: ecs-fargate, image: "api:1", language: \(language), memory_reservation: 512}

            """
        let files = try generate(yaml)
        let task = try json(files["api/task-definition.json"])
        #expect((task["volumes"] as? [[String: String]]) == [["name": "opentelemetry-auto-instrumentation"]])
        let initContainer = try container(files, "api/task-definition.json", "init")
        #expect(initContainer["image"] as? String == image)
        #expect(initContainer["command"] as? [String] == command)
        #expect(initContainer["essential"] as? Bool == false)
        let mountPoint: [String: Any] = ["sourceVolume": "opentelemetry-auto-instrumentation", "containerPath": mount, "readOnly": false]
        #expect((initContainer["mountPoints"] as? [[String: Any]])?.map { NSDictionary(dictionary: $0) } == [NSDictionary(dictionary: mountPoint)])
        let app = try container(files, "api/task-definition.json", "api")
        #expect((app["mountPoints"] as? [[String: Any]])?.map { NSDictionary(dictionary: $0) } == [NSDictionary(dictionary: mountPoint)])
        #expect(dependencies(app) == ["init": "SUCCESS", "cloudwatch-agent": "START"])
        let env = environment(app)
        for (name, value) in variables { #expect(env[name] == value, "\(name)") }
        #expect(env["OTEL_AWS_APPLICATION_SIGNALS_ENABLED"] == "true")
        #expect(env["OTEL_AWS_APPLICATION_SIGNALS_EXPORTER_ENDPOINT"] == "http://localhost:4316/v1/metrics")
        #expect(env["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] == "http://localhost:4316/v1/traces")
        #expect(env["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf")
        #expect(env["OTEL_METRICS_EXPORTER"] == "none" && env["OTEL_LOGS_EXPORTER"] == "none")
        #expect(env["OTEL_TRACES_SAMPLER"] == "xray" && env["OTEL_TRACES_SAMPLER_ARG"] == "endpoint=http://localhost:2000")
        #expect(env["OTEL_PROPAGATORS"] == "tracecontext,baggage,xray")
        // The same task in the template and in Terraform.
        let template = try #require(files["cloudformation.yaml"])
        #expect(template.contains("Volumes:\n") && template.contains("- Name: opentelemetry-auto-instrumentation"))
        let terraform = try #require(files["terraform/main.tf"])
        #expect(terraform.contains("volume {\n    name = \"opentelemetry-auto-instrumentation\"\n  }"))
    }

    /// The init container's image is an app's SDK agent, not a collector: lint must not take it for the
    /// task's agent (which would want the agent's permissions and ports on it).
    @Test func lintDoesNotTakeTheSDKAgentImageForACollector() {
        for language in ADOTInstrumentation.languages {
            #expect(ContainerView.agentKind(of: ADOTInstrumentation.of(language: language)?.image) == nil)
        }
        #expect(ContainerView.agentKind(of: "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0") == .adot)
    }

    /// An ASCII image or container name takes a byte route to its repository name: the same answer as
    /// the steps on characters.
    @Test func asciiRepositoryNamesAsTheCharacterSteps() {
        let texts = ["public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0", "Amazon/AWS_XRay_Daemon", "amazon/aws-xray-daemon:3.x",
                     "123456789012.dkr.ecr.us-east-1.amazonaws.com/Shop_API:1.0", "repo@sha256:abc", "a/b@sha256:c:d", "@sha", "a/@b",
                     "/", ":", "@", "", "x/", "/x:", "XRAY", "Cw_Agent", "with space/Name:TAG"]
        for text in texts {
            #expect(ContainerView.repository(ofASCII: text) == ContainerView.repository(of: text), "\(text)")
        }
        #expect(ContainerView.repository(ofASCII: "Émile/x") == nil)
    }

    /// AWS's daemon strategy page: apps send to the instance's agent, here the bridge gateway; the EC2 init
    /// container reserves memory, as EC2 tasks have no task-level size.
    @Test func theDaemonStrategySendsToTheInstancesAgent() throws {
        let yaml = Self.header + """
            agent: {kind: cloudwatch-agent}
            application_signals: true
            services:
              - {name: api, platform: ecs-ec2-daemon, image: "api:1", language: python, memory_reservation: 256}

            """
        let files = try generate(yaml)
        let app = environment(try container(files, "api/task-definition.json", "api"))
        #expect(app["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] == "http://172.17.0.1:4316/v1/traces")
        #expect(app["OTEL_EXPORTER_OTLP_ENDPOINT"] == nil, "no gRPC endpoint beside the http/protobuf protocol (XR123)")
        #expect(try container(files, "api/task-definition.json", "init")["memoryReservation"] as? Int == 32)
    }

    func diagnostics(_ yaml: String) -> [Diagnostic] {
        do { return try ModelDecoder.decode(yaml, file: "xray.yaml").warnings } catch { return error.diagnostics }
    }

    @Test func applicationSignalsRefusesLanguagesWithoutAnAgentAndWarnsWithoutALanguage() throws {
        let base = Self.header + "agent: {kind: cloudwatch-agent}\napplication_signals: true\nservices:\n"
        let go = diagnostics(base + "  - name: api\n    platform: ecs-fargate\n    image: api:1\n    language: go\n")
        let error = try #require(go.first { $0.severity == .error && $0.message.contains("exists for java, python, node, dotnet; service 'api' is go") })
        #expect(error.location == SourceLocation(file: "xray.yaml", line: 11, column: 15))
        let unknown = diagnostics(base + "  - name: api\n    platform: ecs-fargate\n    image: api:1\n    language: cobol\n")
        #expect(unknown.contains { $0.severity == .error && $0.location.line == 11 && $0.message.contains("language must be one of") })
        let none = diagnostics(base + "  - name: api\n    platform: ecs-fargate\n    image: api:1\n")
        let warning = try #require(none.first { $0.message.contains("names no language") })
        #expect(warning.severity == .warning && warning.location.line == 8)
        let bridge = diagnostics(base + "  - name: api\n    platform: ecs-ec2-sidecar\n    image: api:1\n    language: java\n    memory_reservation: 64\n")
        #expect(bridge.contains { $0.severity == .error && $0.message.contains("Application Signals sidecars run in awsvpc mode") })
    }

    // MARK: Item 4 and EKS should-fixes

    /// aws/amazon-cloudwatch-agent's DetectAgentMode (PR #682): without RUN_WITH_IRSA=True the agent in a
    /// pod that cannot reach instance metadata runs on-premises and ignores the pod's role.
    /// Kubernetes "Service Internal Traffic Policy": Local keeps traffic on the client's node.
    @Test(arguments: ["pod-identity", "irsa"])
    func theCloudWatchAgentOnEKSRunsWithTheRoleAndItsServiceStaysOnTheNode(_ identity: String) throws {
        let provider = identity == "irsa" ? ", oidc_provider: oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE" : ""
        let yaml = Self.header + "agent: {kind: cloudwatch-agent}\nservices:\n  - {name: orders, platform: eks, cluster: shop, identity: \(identity)\(provider)}\n"
        let manifest = try #require(try generate(yaml)["eks/agent.yaml"])
        let documents = try Yams.load_all(yaml: manifest).compactMap { $0 as? [String: Any] }
        let daemonSet = try #require(documents.first { $0["kind"] as? String == "DaemonSet" })
        let spec = ((daemonSet["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
        let env = ((spec?["containers"] as? [[String: Any]])?.first?["env"] as? [[String: Any]]) ?? []
        #expect(env.contains { $0["name"] as? String == "RUN_WITH_IRSA" && $0["value"] as? String == "True" })
        let service = try #require(documents.first { $0["kind"] as? String == "Service" })
        #expect((service["spec"] as? [String: Any])?["internalTrafficPolicy"] as? String == "Local")
    }

    @Test func otherAgentsOnEKSGetNoIRSAVariable() throws {
        let yaml = Self.header + "agent: {kind: adot}\nservices:\n  - {name: orders, platform: eks, cluster: shop}\n"
        #expect(try !#require(try generate(yaml)["eks/agent.yaml"]).contains("RUN_WITH_IRSA"))
    }

    /// EKS add-ons install into `amazon-cloudwatch` (CloudWatch Observability) and
    /// `opentelemetry-operator-system` (ADOT): the agent may not share their objects.
    @Test(arguments: ["amazon-cloudwatch", "opentelemetry-operator-system"])
    func theAgentNamespaceIsNeverAnAddOns(_ namespace: String) throws {
        let yaml = Self.header + "agent:\n  kind: cloudwatch-agent\n  namespace: \(namespace)\nservices:\n  - {name: orders, platform: eks, cluster: shop}\n"
        let error = try #require(diagnostics(yaml).first { $0.severity == .error })
        #expect(error.message.contains("belongs to the EKS add-on"))
        #expect(error.location == SourceLocation(file: "xray.yaml", line: 7, column: 14))
        let readme = try #require(try generate(Self.header + "agent: {kind: cloudwatch-agent}\nservices:\n  - {name: orders, platform: eks, cluster: shop}\n")["README.md"])
        #expect(readme.contains("amazon-cloudwatch-observability") && readme.contains("opentelemetry-operator-system"))
    }

    // MARK: Should-fix: host port 2000

    @Test func twoAgentsBindingHostPort2000Warn() throws {
        let base = Self.header + "services:\n"
        let host = { (name: String) in "  - {name: \(name), platform: ecs-ec2-sidecar, network_mode: host, image: \"\(name):1\", memory_reservation: 64}\n" }
        let two = diagnostics(base + host("a") + host("b"))
        let warning = try #require(two.first { $0.message.contains("binds host port 2000") })
        #expect(warning.severity == .warning && warning.location.line == 7 && warning.message.contains("service 'b'"))
        let withDaemon = diagnostics(base + "  - {name: d, platform: ecs-ec2-daemon, image: \"d:1\", memory_reservation: 64}\n" + host("a"))
        #expect(withDaemon.contains { $0.message.contains("as the DAEMON service's agent does") })
        let one = diagnostics(base + host("a") + "  - {name: b, platform: ecs-ec2-sidecar, network_mode: awsvpc, image: \"b:1\", memory_reservation: 64}\n")
        #expect(!one.contains { $0.message.contains("binds host port 2000") })
    }
}
