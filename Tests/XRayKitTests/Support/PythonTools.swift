import Foundation
import Testing

/// AWS's own validators, reached through python3. When python3 or a package is missing the
/// conformance tests are skipped with the reason, except in CI, where they fail.
enum PythonTools {
    static let modules = ["botocore", "moto", "parliament", "cfnlint", "aws_xray_sdk", "yaml", "jsonschema", "awscli", "pre_commit", "check_jsonschema", "kubernetes_validate", "hcl2"]

    /// nil when everything is there, else what is missing.
    static let missing: String? = {
        guard let python = TestSupport.which("python3") else { return "python3 is not on PATH" }
        let probe = "import importlib.util, sys; missing=[m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]; print(' '.join(missing))"
        guard let result = try? TestSupport.run(python, ["-c", probe] + modules) else { return "python3 does not run" }
        let absent = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return absent.isEmpty ? nil : "python packages missing: \(absent) (.ci/run installs them)"
    }()

    /// Enabled when the tools are there, or in CI (where the test then fails on their absence).
    static var enabled: Bool { missing == nil || TestSupport.inCI }

    /// The trait of every test that runs AWS's validators or moto (with `.tags(.slow)`): skipped,
    /// with the reason, when the tools are missing outside CI or when XRAYCTL_FAST=1 asks for the
    /// fast loop. CI never skips them.
    static var available: ConditionTrait {
        let fast = ProcessInfo.processInfo.environment["XRAYCTL_FAST"] == "1" && !TestSupport.inCI
        return .enabled(if: enabled && !fast,
                        Comment(rawValue: fast ? "XRAYCTL_FAST=1: slow validator tests skipped" : missing ?? ""))
    }

    struct Report: Decodable {
        var checked: [String: [String]]
        var problems: [String]
    }

    /// Runs the conformance validator over a directory of generated files.
    static func validate(directory: URL) throws -> Report {
        let script = TestSupport.path("Tests/XRayKitTests/Conformance/validate.py").path
        let result = try TestSupport.run(TestSupport.which("python3")!, [script, directory.path])
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

    struct ValidatorFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

extension Tag {
    /// Tests that run Python validators, moto or the AWS CLI: seconds to minutes each.
    @Tag static var slow: Self
}
