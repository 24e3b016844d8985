import Foundation
import Testing

/// The terraform CLI and a local copy of the AWS provider, for tests that run `terraform fmt`
/// and `terraform validate` offline. No package registry that CI reaches ships terraform, so
/// these tests skip with the reason where it is missing, in CI too.
enum TerraformTool {
    static let binary: String? = TestSupport.which("terraform")

    /// A folder laid out as a provider mirror (`HOSTNAME/NAMESPACE/TYPE/VERSION/TARGET`, Terraform's
    /// CLI configuration documentation, "Provider Installation") that holds hashicorp/aws:
    /// `XRAYCTL_TERRAFORM_PLUGIN_DIR`, the implied local mirrors Terraform searches on Linux, or
    /// `/opt/tf-plugins`.
    static let mirror: String? = {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let candidates = [ProcessInfo.processInfo.environment["XRAYCTL_TERRAFORM_PLUGIN_DIR"],
                          "\(home)/.terraform.d/plugins", "\(home)/.local/share/terraform/plugins",
                          "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins", "/opt/tf-plugins"]
        return candidates.compactMap { $0 }.first { !awsVersions(in: $0).isEmpty }
    }()

    /// The hashicorp/aws versions a mirror holds, unpacked (a folder per version) or packed
    /// (`terraform-provider-aws_VERSION_TARGET.zip`).
    static func awsVersions(in mirror: String) -> [[Int]] {
        let folder = "\(mirror)/registry.terraform.io/hashicorp/aws"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name in
            let version = name.hasPrefix("terraform-provider-aws_") ? String(name.split(separator: "_")[1]) : name
            let parts = version.split(separator: ".").compactMap { Int($0) }
            return parts.count == 3 ? parts : nil
        }
    }

    static var missing: String? {
        if binary == nil { return "terraform is not on PATH" }
        if mirror == nil { return "no local copy of the hashicorp/aws provider (set XRAYCTL_TERRAFORM_PLUGIN_DIR to a provider mirror folder)" }
        return nil
    }

    /// Enabled when terraform and the provider are there, except in the fast loop.
    static var available: ConditionTrait {
        let fast = ProcessInfo.processInfo.environment["XRAYCTL_FAST"] == "1" && !TestSupport.inCI
        return .enabled(if: missing == nil && !fast,
                        Comment(rawValue: fast ? "XRAYCTL_FAST=1: slow validator tests skipped" : missing ?? ""))
    }

    /// Whether the mirror has an AWS provider inside a generated `versions.tf`'s `>= A, < B`.
    static func mirrorSatisfies(_ versions: String) -> Bool {
        guard let mirror, let match = versions.firstMatch(of: /version\s*=\s*">= ([0-9.]+), < ([0-9.]+)"/) else { return false }
        let low = match.output.1.split(separator: ".").compactMap { Int($0) }
        let high = match.output.2.split(separator: ".").compactMap { Int($0) }
        return awsVersions(in: mirror).contains { !$0.lexicographicallyPrecedes(low) && $0.lexicographicallyPrecedes(high) }
    }

    /// terraform with a CLI configuration of its own (none of the machine's), no update check.
    static func run(_ terraform: String, _ arguments: [String], in folder: URL) async throws -> TestSupport.ProcessResult {
        let configuration = folder.appendingPathComponent(".terraformrc")
        if !FileManager.default.fileExists(atPath: configuration.path) {
            try Data().write(to: configuration)
        }
        return try await TestSupport.run(TestSupport.which("env") ?? "/usr/bin/env",
                                   ["TF_CLI_CONFIG_FILE=\(configuration.path)", "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
                                    terraform] + arguments, in: folder)
    }
}
