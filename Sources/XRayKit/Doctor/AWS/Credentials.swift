import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// Where they came from, for the report.
    public var source: String
}

/// Resolves credentials and region the way the AWS CLI does: environment, shared credentials and
/// config files (AWS_PROFILE), ECS container credentials, then EC2 instance metadata (IMDSv2),
/// which AWS_EC2_METADATA_DISABLED=true turns off.
public struct CredentialResolver: Sendable {
    public var environment: [String: String]
    public var timeout: Double

    public init(environment: [String: String], timeout: Double) {
        self.environment = environment
        self.timeout = timeout
    }

    package var profile: String { environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default" }
    package var home: String { environment["HOME"] ?? NSHomeDirectory() }
    package var credentialsFile: SharedConfigFile? { SharedConfigFile(path: environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials") }
    package var configFile: SharedConfigFile? { SharedConfigFile(path: environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config") }
    package var metadataDisabled: Bool { environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" }

    package static let imdsBase = "http://169.254.169.254"
    package static let ecsBase = "http://169.254.170.2"

    public func credentials() async -> AWSCredentials? {
        if let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"], !key.isEmpty, !secret.isEmpty {
            return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"], source: "environment")
        }
        for (file, name) in [(credentialsFile, "shared credentials file"), (configFile, "shared config file")] {
            if let file, let key = file.value("aws_access_key_id", profile: profile),
               let secret = file.value("aws_secret_access_key", profile: profile) {
                return AWSCredentials(accessKeyID: key, secretAccessKey: secret,
                                      sessionToken: file.value("aws_session_token", profile: profile),
                                      source: "\(name), profile \(profile)")
            }
        }
        if let container = await containerCredentials() { return container }
        if !metadataDisabled, let instance = await instanceCredentials() { return instance }
        return nil
    }

    /// A profile that has an access key but no secret (or the reverse), named with its file:
    /// such a profile is skipped, and the user should hear why.
    public func incompleteProfile() -> String? {
        let paths = [environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials", environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config"]
        for (file, path) in zip([credentialsFile, configFile], paths) {
            guard let file else { continue }
            let key = file.value("aws_access_key_id", profile: profile), secret = file.value("aws_secret_access_key", profile: profile)
            if key != nil && secret == nil { return "\(path), profile \(profile), has aws_access_key_id but no aws_secret_access_key" }
            if key == nil && secret != nil { return "\(path), profile \(profile), has aws_secret_access_key but no aws_access_key_id" }
        }
        return nil
    }

    public func region() async -> String? {
        if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"], !region.isEmpty { return region }
        if let region = configFile?.value("region", profile: profile) { return region }
        guard !metadataDisabled, let token = await imdsToken() else { return nil }
        return await get(Self.imdsBase + "/latest/meta-data/placement/region", headers: ["X-aws-ec2-metadata-token": token])
    }

    /// ECS task credentials: a relative URI on the agent's link-local address, or a full URI.
    private func containerCredentials() async -> AWSCredentials? {
        var url: String?
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] { url = Self.ecsBase + relative }
        if url == nil { url = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] }
        guard let url else { return nil }
        var headers: [String: String] = [:]
        if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] { headers["Authorization"] = token }
        guard let body = await get(url, headers: headers) else { return nil }
        return parse(body, source: "ECS container credentials")
    }

    /// IMDSv2: a session token first, then the instance role's credentials.
    private func instanceCredentials() async -> AWSCredentials? {
        guard let token = await imdsToken() else { return nil }
        let headers = ["X-aws-ec2-metadata-token": token]
        let base = Self.imdsBase + "/latest/meta-data/iam/security-credentials/"
        guard let role = await get(base, headers: headers)?.split(separator: "\n").first.map(String.init),
              let body = await get(base + role, headers: headers) else { return nil }
        return parse(body, source: "EC2 instance metadata, role \(role)")
    }

    private func imdsToken() async -> String? {
        await send("PUT", Self.imdsBase + "/latest/api/token", headers: ["X-aws-ec2-metadata-token-ttl-seconds": "21600"])
    }

    private func parse(_ body: String, source: String) -> AWSCredentials? {
        guard let root = JSONAnswer.object(Data(body.utf8), file: source), let key = root["AccessKeyId"]?.text,
              let secret = root["SecretAccessKey"]?.text else { return nil }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: root["Token"]?.text, source: source)
    }

    private func get(_ url: String, headers: [String: String]) async -> String? { await send("GET", url, headers: headers) }

    private func send(_ method: String, _ url: String, headers: [String: String]) async -> String? {
        guard let url = URL(string: url) else { return nil }
        let request = HTTPRequest(url: url, method: method, headers: headers, timeout: min(timeout, 2))
        guard case .response(200, let body, _) = await HTTP.send(request) else { return nil }
        return String(decoding: body, as: UTF8.self)
    }
}
