import Foundation
import Testing
@testable import XRayKit
@testable import XRayCore
@testable import XRayGenerate
@testable import XRayRules
@testable import XRaySampling
@testable import XRayViews

/// A model's values reach every generated file as the literal text the model held: nothing in them
/// ends a Terraform string, opens an interpolation, or is taken for a placeholder of xrayctl's.
/// The template and Terraform fill in only what xrayctl wrote as a placeholder.
@Suite struct GeneratedInjectionTests {
    /// Values that end an HCL string when escaped by `Character` (a quote or brace carrying a
    /// combining mark), open interpolations or directives, or look like xrayctl's own placeholders.
    static let hostile: [String] = [
        "\"\u{0301} }\nresource \"null_resource\" \"x\" {\n  # ",
        "${\u{0301}file(\"/etc/passwd\")}",
        "%{\u{0301} if true }x%{ endif }",
        "${data.external.run.result.id}",
        "${var.region} and %{ for x in [] }${x}%{ endfor }",
        "$${already escaped} $$ trailing $",
        "back\\slash \\\" quote \\u0041 \\n",
        "tab\tcr\rbell\u{07}esc\u{1B}[31m del\u{7F} nel\u{85}",
        "bidi \u{202E}gpj.exe zero\u{200B}width \u{2028}separator 👩‍💻",
        "ACCOUNT_ID",
        "arn:aws:iam::ACCOUNT_ID:role/app",
        "${AWS::AccountId} ${!Literal} ${AWS::Partition}",
        "private \u{E000}use\u{E001} text",
    ]

    /// An ECS service whose environment holds every hostile value, and sampling rules matching them.
    static func hostileModel(account: String?) throws -> XRayModel {
        var top: [(String, YAMLValue)] = [("version", .int(1)), ("project", "shop"), ("region", "us-east-1")]
        if let account { top.append(("account", .string(account))) }
        let environment = hostile.enumerated().map { ("V\($0.offset)", YAMLValue.string($0.element)) }
        top.append(("services", .list([.map([
            ("name", "api"), ("platform", "ecs-fargate"), ("image", "public.ecr.aws/nginx/nginx:1.27"),
            ("environment", .map(environment)),
        ])])))
        top.append(("sampling", .map([("rules", .list([.map([
            ("name", "odd"), ("priority", .int(10)), ("reservoir", .int(1)), ("rate", .double(0.5)),
            ("host", .string(hostile[0])), ("path", .string(hostile[3])), ("service", .string(hostile[1])),
        ])]))])))
        return try ModelDecoder.decode(YAMLWriter.render(.map(top)), file: "xray.yaml").model
    }

    static func files(_ model: XRayModel) -> [String: String] {
        Dictionary(uniqueKeysWithValues: Generator.generate(model).map { ($0.path, $0.contents) })
    }

    // MARK: HCL strings (item 1)

    /// Escaping goes scalar by scalar: a quote or `{` with a combining mark is still escaped.
    @Test func hclEscapesEveryScalar() {
        #expect(HCLWriter.quoted("\"\u{0301}") == "\"\\\"\u{0301}\"")
        #expect(HCLWriter.quoted("${\u{0301}x}") == "\"$${\u{0301}x}\"")
        #expect(HCLWriter.quoted("%{\u{0301}x}") == "\"%%{\u{0301}x}\"")
        #expect(HCLWriter.quoted("\\\u{0301}") == "\"\\\\\u{0301}\"")
        #expect(HCLWriter.quoted("a\u{07}b\u{1B}c\u{7F}d\u{85}") == "\"a\\u0007b\\u001Bc\\u007Fd\\u0085\"")
        #expect(HCLWriter.quoted("\u{202E}\u{2028}\u{E0001}") == "\"\\u202E\\u2028\\U000E0001\"")
        #expect(HCLWriter.quoted("\r\n\t") == "\"\\r\\n\\t\"")
        #expect(HCLWriter.quoted("é 👩‍💻") == "\"é 👩\\u200D💻\"")
    }

    /// Block labels and object keys are written with the same escapes; `for` as a bare key would
    /// open a `for` expression.
    @Test func labelsAndKeysAreEscaped() {
        let text = HCLWriter.render([HCLBlock("resource", ["aws_x", "\"\u{0301}${x}"], [
            .attribute("tags", .object([("for", .string("a")), ("${k}\"\u{0301}", .string("b")), ("Name", .string("c"))])),
        ])])
        #expect(text.hasPrefix("resource \"aws_x\" \"\\\"\u{0301}$${x}\" {"))
        // Aligned by Characters, as terraform fmt aligns; the key keeps its closing quote.
        #expect(text.contains("\n    \"for\"     = \"a\"\n    \"$${k}\\\"\u{0301}\" = \"b\"\n    Name      = \"c\"\n"), "\(text)")
    }

    /// A template's literal parts are escaped; only its typed interpolations are live, and a `$`
    /// just before one is not written as `$${`.
    @Test func templatesEscapeTheirLiteralParts() {
        let value = HCLValue.template([.literal("${x} \"$"), .interpolation("var.region"), .literal("%{y}")])
        #expect(HCLWriter.value(value, indent: 0) == "\"$${x} \\\"${\"$\"}${var.region}%%{y}\"")
    }

    // MARK: placeholders decided by who wrote them (items 2 and 3)

    /// The template and Terraform keep every hostile value literal: no `Fn::Sub` around it, no
    /// interpolation in it, `ACCOUNT_ID` and `arn:aws:` untouched, with or without `account:`.
    @Test(arguments: [nil, "123456789012"] as [String?])
    func hostileValuesStayLiteral(account: String?) throws {
        let files = Self.files(try Self.hostileModel(account: account))

        // The task definition file holds them as they are.
        let task = try #require(files["api/task-definition.json"])
        let definition = try #require(try JSONSerialization.jsonObject(with: Data(task.utf8)) as? [String: Any])
        let containers = try #require(definition["containerDefinitions"] as? [[String: Any]])
        let app = try #require(containers.first { $0["name"] as? String == "api" })
        let environment = Dictionary(uniqueKeysWithValues: (app["environment"] as? [[String: String]] ?? []).map { ($0["name"]!, $0["value"]!) })
        for (index, value) in Self.hostile.enumerated() { #expect(environment["V\(index)"] == value, "V\(index) in the task definition") }

        // The template: each value a plain string; every Fn::Sub fills in only pseudo parameters.
        let templateText = try #require(files["cloudformation.yaml"])
        let template = try #require(try YAMLLoader.load(templateText, file: "cloudformation.yaml"))
        let cfnEnvironment = Self.environment(inTemplate: template)
        for (index, value) in Self.hostile.enumerated() {
            #expect(cfnEnvironment["V\(index)"]?.scalar?.kind == .string && cfnEnvironment["V\(index)"]?.text == value,
                    "V\(index) in cloudformation.yaml: \(String(describing: cfnEnvironment["V\(index)"]?.value))")
        }
        for sub in Self.subs(template) {
            let references = sub.matches(of: /\$\{([^}]*)\}/).map { String($0.output.1) }
            #expect(references.allSatisfy { $0.hasPrefix("!") || ["AWS::Partition", "AWS::AccountId", "AWS::Region"].contains($0) },
                    "Fn::Sub \(sub)")
        }

        // Terraform: each value written as a plain escaped string, nothing else interpolated.
        let main = try #require(files["terraform/main.tf"])
        for value in Self.hostile { #expect(main.contains("value = " + HCLWriter.quoted(value)), "\(value.debugDescription) in main.tf") }
        #expect(main.contains("value = \"$${data.external.run.result.id}\""))
        #expect(main.contains("value = \"ACCOUNT_ID\"") && main.contains("value = \"arn:aws:iam::ACCOUNT_ID:role/app\""))
        #expect(!main.contains("data \"aws_caller_identity\"") || account == nil)
    }

    /// The app container's environment in the template, by name.
    static func environment(inTemplate template: LocatedNode) -> [String: LocatedNode] {
        guard let resources = template["Resources"]?.pairs else { return [:] }
        var found: [String: LocatedNode] = [:]
        for (_, resource) in resources where resource["Type"]?.text == "AWS::ECS::TaskDefinition" {
            for container in resource["Properties"]?["ContainerDefinitions"]?.items ?? [] where container["Name"]?.text == "api" {
                for variable in container["Environment"]?.items ?? [] {
                    if let name = variable["Name"]?.text, let value = variable["Value"] { found[name] = value }
                }
            }
        }
        return found
    }

    /// Every `Fn::Sub` string in a template.
    static func subs(_ node: LocatedNode) -> [String] {
        switch node.value {
        case .scalar: return []
        case .sequence(let items): return items.flatMap(subs)
        case .mapping(let pairs):
            return pairs.flatMap { pair -> [String] in
                if pair.key.text == "Fn::Sub", let text = pair.value.text { return [text] }
                return subs(pair.value)
            }
        }
    }

    /// ARNs xrayctl builds still take the deploying partition (and account: the golden files of
    /// models without `account:` pin `${AWS::AccountId}`), while the plain files hold the values.
    @Test func generatedARNsStillUseThePseudoParameters() throws {
        let files = Self.files(try Self.hostileModel(account: nil))
        let template = try #require(files["cloudformation.yaml"])
        #expect(template.contains("Fn::Sub: arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"))
        let main = try #require(files["terraform/main.tf"])
        #expect(main.contains("\"arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy\""))
        #expect(main.contains("data \"aws_partition\" \"current\" {}"))
        #expect(files["api/task-definition.json"]?.contains("\"arn:aws:iam::ACCOUNT_ID:role/shop-api-task-role\"") == true)
    }

    /// A placeholder is found next to a combining mark; text that only looks like one (the
    /// private-use scalars without this process's nonce) is literal; a cut token is noticed.
    @Test func placeholdersAreFoundOnlyWhereXrayctlWroteThem() {
        let text = "arn:" + Placeholder.partition.token + "\u{0301}:x:" + Placeholder.account.token
        #expect(Placeholder.parts(text) == [.literal("arn:"), .placeholder(.partition), .literal("\u{0301}:x:"), .placeholder(.account)])
        let forged = "\u{E000}0P\u{E001} \u{E000}\(Placeholder.nonce)X\u{E001}"
        #expect(Placeholder.parts(forged) == [.literal(forged)])
        #expect(!Placeholder.remains(in: "\u{E000}0P\u{E001}"))
        #expect(Placeholder.remains(in: "x" + String(Placeholder.region.token.dropLast(2))))
        #expect("$\u{0301}{ ${\u{0301} $${".escapingInterpolations(as: "${!") == "$\u{0301}{ ${!\u{0301} $${!")
    }

    /// No placeholder reaches a file: every example, template and fixture, with and without an account.
    @Test func noPlaceholderIsWrittenForAnyModel() throws {
        for model in TestSupport.allModels {
            for file in try TestSupport.generate(modelAt: model.url) {
                #expect(!file.contents.unicodeScalars.contains(Placeholder.open), "\(model.name): \(file.path)")
            }
        }
    }

    // MARK: the README's account step (item 3)

    /// The README fills the account into the ServiceAccount's role ARN only: a role named
    /// `ACCOUNT_ID` in the daemon's configuration (cross_account_role) keeps its name.
    @Test func readmeFillsTheAccountOnlyInTheRoleAnnotation() async throws {
        let sed = try #require(TestSupport.which("sed"), "sed is not on PATH")
        let bash = try #require(TestSupport.which("bash"), "bash is not on PATH")
        _ = sed
        let model = try ModelDecoder.decode("""
            version: 1
            project: media
            region: us-west-2
            agent:
              cross_account_role: arn:aws:iam::111122223333:role/ACCOUNT_ID
            services:
              - name: transcoder
                platform: eks
                cluster: media
                identity: irsa
                oidc_provider: oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE

            """, file: "xray.yaml").model
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = Generator.generate(model)
        _ = try ArtifactWriter(directory: folder).write(files, force: false)
        let readme = try #require(files.first { $0.path == "README.md" }?.contents)
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix("sed ") })
        let command = line.replacingOccurrences(of: " | kubectl apply -f -", with: " > applied.yaml")
        #expect(command != String(line), "the step pipes the manifest to kubectl: \(line)")
        let result = try await TestSupport.run(bash, ["-c", "aws() { echo 999988887777; }\n" + command], in: folder)
        #expect(result.status == 0, "\(result.stderr)")

        let manifest = try #require(TestSupport.read(folder.appendingPathComponent("eks/agent.yaml")))
        let applied = try #require(TestSupport.read(folder.appendingPathComponent("applied.yaml")))
        #expect(manifest.contains("RoleARN: arn:aws:iam::111122223333:role/ACCOUNT_ID"), "the fixture must hold the role in the daemon's configuration")
        let expected = manifest.replacingOccurrences(of: "eks.amazonaws.com/role-arn: arn:aws:iam::ACCOUNT_ID:role/media-eks-agent-role",
                                                     with: "eks.amazonaws.com/role-arn: arn:aws:iam::999988887777:role/media-eks-agent-role")
        #expect(expected != manifest)
        #expect(applied == expected)
    }

    // MARK: model checks (items 13 and 15)

    static let header = "version: 1\nproject: shop\nregion: us-east-1\naccount: \"123456789012\"\nservices:\n"

    static func error(_ yaml: String) -> Diagnostic? {
        do {
            _ = try ModelDecoder.decode(header + yaml, file: "xray.yaml")
            return nil
        } catch {
            return error.diagnostics.first { $0.severity == .error }
        }
    }

    /// `deployment` defaults to the service's name and `container` to the Deployment's: each is
    /// checked as the Kubernetes name it becomes, located where the default comes from.
    @Test func defaultKubernetesNamesAreChecked() throws {
        let fromService = try #require(Self.error("  - name: Orders\n    platform: eks\n    cluster: shop\n"))
        #expect(fromService.message.contains("deployment defaults to the service name 'Orders', which is not a Kubernetes name"), "\(fromService)")
        #expect(fromService.location == SourceLocation(file: "xray.yaml", line: 6, column: 11))

        let fromDeployment = try #require(Self.error("  - name: orders\n    platform: eks\n    cluster: shop\n    deployment: orders.v2\n"))
        #expect(fromDeployment.message.contains("container defaults to the deployment 'orders.v2', which is not a Kubernetes name"), "\(fromDeployment)")
        #expect(fromDeployment.location == SourceLocation(file: "xray.yaml", line: 9, column: 17))

        // Named explicitly, both are accepted; so are lowercase service names.
        #expect(Self.error("  - name: Orders\n    platform: eks\n    cluster: shop\n    deployment: orders.v2\n    container: orders\n") == nil)
        #expect(Self.error("  - name: orders\n    platform: eks\n    cluster: shop\n") == nil)
    }

    /// `oidc_provider` follows the schema's grammar: nothing that could become shell, HCL or a
    /// broken IAM condition key passes, whatever the identity.
    @Test(arguments: [
        "oidc.eks.us-east-1 $(touch x).amazonaws.com/id/ABC",
        "oidc.eks.${var.region}.amazonaws.com/id/ABC",
        "oidc.eks.us-east-1.amazonaws.com\"/id/ABC",
        "oidc.eks.us east 1.amazonaws.com/id/ABC",
        "oidc.eks..amazonaws.com/id/ABC",
        "oidc.eks.US-EAST-1.amazonaws.com/id/ABC",
        "oidc.eks.us-east-1.amazonaws.com/id/ABC/x",
    ])
    func oidcProviderFollowsTheIssuerGrammar(_ provider: String) throws {
        for identity in ["irsa", "pod-identity"] {
            let yaml = "  - name: api\n    platform: eks\n    cluster: shop\n    identity: \(identity)\n    oidc_provider: '\(provider)'\n"
            let error = try #require(Self.error(yaml), "\(provider) accepted with \(identity)")
            #expect(error.message.contains("oidc_provider is the cluster's OIDC issuer"), "\(error)")
            #expect(error.location == SourceLocation(file: "xray.yaml", line: 10, column: 20))
        }
        #expect(AWSNames.isOIDCProvider("oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLED539D4633E53DE1B71EXAMPLE"))
        #expect(AWSNames.isOIDCProvider("oidc.eks.us-gov-west-1.amazonaws.com/id/0123456789ABCDEF"))
    }
}

/// The hostile values read back by Terraform's own readers: python-hcl2 gives each string as
/// Terraform decodes it, and `terraform fmt`/`validate` (when a terraform binary and a local copy
/// of the AWS provider are on the machine) accept every generated configuration.
@Suite(.tags(.slow)) struct GeneratedInjectionToolTests {
    /// References xrayctl writes: resources, variables, the type `string`, and the data sources
    /// its placeholders are filled in from.
    static func isOwnReference(_ expression: String) -> Bool {
        expression.wholeMatch(of: /aws_[a-z0-9_]+\.[a-z0-9_]+(\.(arn|id|name))?|var\.[a-z_]+|string|data\.aws_partition\.current\.partition|data\.aws_region\.current\.region|data\.aws_caller_identity\.current\.account_id/) != nil
    }

    struct Literals: Decodable {
        var literals: [String]
        var interpolations: [String]
        var problems: [String]
    }

    @Test(PythonTools.available([.hcl2]), arguments: [nil, "123456789012"] as [String?])
    func pythonHCL2ReadsEveryValueBack(account: String?) async throws {
        try PythonTools.require([.hcl2])
        let folder = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ArtifactWriter(directory: folder).write(Generator.generate(try GeneratedInjectionTests.hostileModel(account: account)), force: false)
        let script = TestSupport.path("Tests/XRayKitTests/Conformance/hcl_literals.py").path
        let result = try await TestSupport.run(TestSupport.which("python3")!, [script, folder.appendingPathComponent("terraform").path])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let found = try JSONDecoder().decode(Literals.self, from: Data(result.stdout.utf8))
        #expect(found.problems == [])
        for value in GeneratedInjectionTests.hostile {
            #expect(found.literals.contains(value), "\(value.debugDescription) does not come back from main.tf")
        }
        let foreign = found.interpolations.filter { !Self.isOwnReference($0) }
        #expect(foreign == [], "interpolations xrayctl did not write: \(foreign)")
        #expect(found.interpolations.contains("data.aws_partition.current.partition"))
    }

    /// `terraform fmt -check` and `terraform validate` over the hostile configuration and every
    /// model's, in one root module (one provider load). Configurations that need a newer AWS
    /// provider than the local copy are formatted but not validated.
    @Test(TerraformTool.available) func terraformFormatsAndValidatesEveryConfiguration() async throws {
        let terraform = try #require(TerraformTool.binary, Comment(rawValue: TerraformTool.missing ?? ""))
        let mirror = try #require(TerraformTool.mirror, Comment(rawValue: TerraformTool.missing ?? ""))
        let root = TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var setups: [(String, [GeneratedFile])] = [
            ("hostile", Generator.generate(try GeneratedInjectionTests.hostileModel(account: nil))),
            ("hostile-account", Generator.generate(try GeneratedInjectionTests.hostileModel(account: "123456789012"))),
        ]
        for model in TestSupport.allModels { setups.append((model.name, try TestSupport.generate(modelAt: model.url))) }

        var modules: [String] = []
        // The project's configuration and the account-wide one (account/terraform/), each a module.
        for (index, setup) in setups.enumerated() {
            for (prefix, suffix) in [("terraform/", ""), ("account/terraform/", "a")] {
                let files = setup.1.filter { $0.path.hasPrefix(prefix) }
                guard !files.isEmpty else { continue }
                let name = "m\(index)\(suffix)"
                let folder = root.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for file in files {
                    try Data(file.contents.utf8).write(to: folder.appendingPathComponent(String(file.path.dropFirst(prefix.count))))
                }
                let versions = files.first { $0.path == prefix + "versions.tf" }?.contents ?? ""
                if TerraformTool.mirrorSatisfies(versions) { modules.append(name) }
            }
        }
        let format = try await TerraformTool.run(terraform, ["fmt", "-check", "-diff", "-recursive", "."], in: root)
        #expect(format.status == 0, "terraform fmt would change: \(format.stdout.suffix(3000)) \(format.stderr.suffix(1000))")

        #expect(modules.contains("m0") && modules.contains("m1"), "the local AWS provider cannot validate the hostile configuration")
        try modules.map { "module \"\($0)\" {\n  source = \"./\($0)\"\n}\n" }.joined(separator: "\n")
            .write(to: root.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
        let initialized = try await TerraformTool.run(terraform, ["init", "-backend=false", "-input=false", "-no-color", "-plugin-dir=\(mirror)"], in: root)
        try #require(initialized.status == 0, "terraform init: \(initialized.stdout.suffix(2000)) \(initialized.stderr.suffix(2000))")
        let validated = try await TerraformTool.run(terraform, ["validate", "-no-color"], in: root)
        #expect(validated.status == 0, "terraform validate: \(validated.stdout.suffix(3000)) \(validated.stderr.suffix(3000))")
    }
}
