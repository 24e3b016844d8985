import Foundation
import Testing

/// AWS's own validators and other checkers, reached through python3. Each suite names the packages
/// it imports; when python3 or one of them is missing its tests are skipped with the reason, except
/// in CI (CI=true), where they run and fail. `requirements-test.txt` pins every package here.
enum PythonTools {
    /// A package the tests import, by its import name.
    enum Package: String, CaseIterable, Sendable {
        case botocore, boto3, moto, parliament, cfnLint = "cfnlint", xraySDK = "aws_xray_sdk", yaml, jsonschema, awscli
        case preCommit = "pre_commit", checkJSONSchema = "check_jsonschema", kubernetesValidate = "kubernetes_validate", hcl2

        /// Its name for pip, as `requirements-test.txt` writes it.
        var pipName: String {
            switch self {
            case .moto: return "moto[server]"
            case .cfnLint: return "cfn-lint"
            case .xraySDK: return "aws-xray-sdk"
            case .yaml: return "PyYAML"
            case .preCommit: return "pre-commit"
            case .checkJSONSchema: return "check-jsonschema"
            case .kubernetesValidate: return "kubernetes-validate"
            case .hcl2: return "python-hcl2"
            default: return rawValue
            }
        }
    }

    /// Conformance/validate.py: botocore's request validator, moto's IAM grammar, Parliament,
    /// cfn-lint, the X-Ray SDK's sampler, jsonschema, kubernetes-validate, python-hcl2.
    static let validators: [Package] = [.botocore, .moto, .parliament, .cfnLint, .xraySDK, .yaml, .jsonschema, .kubernetesValidate, .hcl2]
    /// Conformance/apply_readme.py: a moto server and the real AWS CLI.
    static let apply: [Package] = [.botocore, .boto3, .moto, .yaml, .awscli]
    /// Conformance/moto_account.py: an IAM-enforcing moto server.
    static let emulator: [Package] = [.boto3, .moto]
    /// Conformance/terraform_check.py and hcl_literals.py (checkov has its own environment: `checkov`).
    static let terraform: [Package] = [.hcl2, .yaml]
    /// Conformance/schema_check.py.
    static let schema: [Package] = [.jsonschema, .yaml]
    /// The pre-commit hooks' and the GitHub Action's own checkers.
    static let ecosystem: [Package] = [.preCommit, .checkJSONSchema]

    /// The packages python3 can import, or why python3 cannot be asked; probed once.
    static let probe: (installed: Set<String>, problem: String?) = {
        guard let python = TestSupport.which("python3") else { return ([], "python3 is not on PATH") }
        let script = "import importlib.util, sys; print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is not None))"
        guard let result = TestSupport.probeOutput(python, ["-c", script] + Package.allCases.map(\.rawValue)), result.status == 0 else {
            return ([], "python3 does not run")
        }
        return (Set(result.stdout.split(whereSeparator: \.isWhitespace).map(String.init)), nil)
    }()

    /// nil when python3 and every package are there, else what is missing.
    static func missing(_ packages: [Package], probe: (installed: Set<String>, problem: String?) = probe) -> String? {
        if let problem = probe.problem { return problem }
        let absent = packages.filter { !probe.installed.contains($0.rawValue) }
        guard !absent.isEmpty else { return nil }
        return "python packages missing: \(absent.map(\.pipName).joined(separator: ", ")) (pip install -r requirements-test.txt)"
    }

    /// The trait of a test or suite that runs these packages (with `.tags(.slow)`): skipped, with the
    /// reason, when one is missing outside CI or when XRAYCTL_FAST=1 asks for the fast loop. In CI
    /// it runs, and `require` fails it.
    static func available(_ packages: [Package]) -> ConditionTrait {
        let fast = ProcessInfo.processInfo.environment["XRAYCTL_FAST"] == "1" && !TestSupport.inCI
        let missing = missing(packages)
        return .enabled(if: (missing == nil || TestSupport.inCI) && !fast,
                        Comment(rawValue: fast ? "XRAYCTL_FAST=1: slow validator tests skipped" : missing ?? ""))
    }

    /// Stops the test with the reason when a package is missing (reached only in CI, or when the
    /// test has no `available` trait).
    static func require(_ packages: [Package], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let missing = missing(packages)
        try #require(missing == nil, Comment(rawValue: missing ?? ""), sourceLocation: sourceLocation)
    }

    struct Report: Decodable {
        var checked: [String: [String]]
        var problems: [String]
    }

    /// Runs the conformance validator over a directory of generated files.
    static func validate(directory: URL) async throws -> Report {
        let script = TestSupport.path("Tests/XRayKitTests/Conformance/validate.py").path
        let result = try await TestSupport.run(TestSupport.which("python3")!, [script, directory.path])
        guard result.status == 0 else {
            throw ValidatorFailure(message: "validate.py exited \(result.status): \(result.stderr)")
        }
        return try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
    }

    /// checkov, in the environment `.ci/run` makes for it (`XRAYCTL_CHECKOV` names another).
    static let checkov: String? = {
        if let named = ProcessInfo.processInfo.environment["XRAYCTL_CHECKOV"] { return named }
        let local = TestSupport.path(".build-tools/checkov/bin/checkov").path
        return FileManager.default.isExecutableFile(atPath: local) ? local : TestSupport.which("checkov")
    }()

    static let checkovMissing = "checkov is not installed (.ci/run installs it in .build-tools/checkov, its own environment; XRAYCTL_CHECKOV names another)"

    /// The trait of a test that runs checkov: skipped with the reason where it is missing, except in CI.
    static var checkovAvailable: ConditionTrait {
        .enabled(if: checkov != nil || TestSupport.inCI, Comment(rawValue: checkovMissing))
    }

    struct ValidatorFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

extension Tag {
    /// Tests that run Python validators, moto or the AWS CLI: seconds to minutes each.
    @Tag static var slow: Self
}
