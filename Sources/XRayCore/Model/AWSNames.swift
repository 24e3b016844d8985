/// AWS's own grammars for the names and identifiers a model hands to generated commands and
/// files. Checking them in the model keeps a value such as `role/r;id` or `alias/x$(touch p)`
/// out of file names and out of the README's shell commands (which also quote every value).
public enum AWSNames {
    /// IAM role names: `[\w+=,.@-]{1,64}` (ASCII word characters).
    public static func isRoleName(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_+=,.@-".contains($0)) }
    }

    /// An IAM role ARN's resource: `role/NAME` or `role/PATH/NAME`, where a path's parts are
    /// printable ASCII without spaces (IAM's `/` or `/[\u0021-\u007E]+/`).
    public static func isRoleResource(_ resource: String) -> Bool {
        guard resource.hasPrefix("role/") else { return false }
        let parts = resource.dropFirst(5).split(separator: "/", omittingEmptySubsequences: false)
        guard let name = parts.last, isRoleName(String(name)) else { return false }
        let path = parts.dropLast()
        return resource.count <= 512 && path.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ("!"..."~").contains($0) }
        }
    }

    /// A KMS key ID: a UUID, or `mrk-` and 32 hex digits for a multi-Region key.
    public static func isKeyID(_ text: String) -> Bool {
        let hex = text.lowercased()
        if hex.hasPrefix("mrk-") { return hex.count == 36 && hex.dropFirst(4).allSatisfy(\.isHexDigit) }
        let groups = hex.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return groups == [8, 4, 4, 4, 12] && hex.allSatisfy { $0.isHexDigit || $0 == "-" }
    }

    /// A KMS alias: `alias/` then `[a-zA-Z0-9/_-]`, at most 256 characters in all.
    public static func isAlias(_ text: String) -> Bool {
        text.hasPrefix("alias/") && text.count > 6 && text.count <= 256
            && text.dropFirst(6).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/_-".contains($0)) }
    }

    /// A KMS key reference PutEncryptionConfig takes: key ID, alias, or either as an ARN.
    public static func isKMSKey(_ text: String) -> Bool {
        if let arn = ARN(text) {
            guard arn.service == "kms", ARN.isAccountID(arn.account), Region.isWellFormed(arn.region) else { return false }
            if arn.resource.hasPrefix("key/") { return isKeyID(String(arn.resource.dropFirst(4))) }
            return isAlias(arn.resource)
        }
        return isKeyID(text) || isAlias(text)
    }

    /// A Lambda function name, or a function ARN with an optional version or alias qualifier.
    public static func isFunction(_ text: String) -> Bool {
        func isName(_ name: Substring) -> Bool {
            (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }
        }
        guard let arn = ARN(text) else { return isName(Substring(text)) }
        guard arn.service == "lambda", ARN.isAccountID(arn.account), Region.isWellFormed(arn.region),
              arn.resource.hasPrefix("function:"), text.count <= 140 else { return false }
        let parts = arn.resource.dropFirst(9).split(separator: ":", omittingEmptySubsequences: false)
        guard let name = parts.first, isName(name), parts.count <= 2 else { return false }
        return parts.count == 1 || parts[1] == "$LATEST" || isName(parts[1])
    }

    /// An EKS cluster name (CreateCluster: `^[0-9A-Za-z][A-Za-z0-9\-_]*`, 1-100 characters).
    public static func isEKSCluster(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber, text.count <= 100 else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }
    }

    /// An EKS cluster's OIDC issuer without its scheme, as the model's schema has it:
    /// `oidc.eks.REGION.amazonaws.com[.cn]/id/ID`, the region lowercase letters, digits and hyphens
    /// and the ID letters and digits. It becomes IAM principals and condition keys, so nothing else
    /// (spaces, quotes, `$(…)`, `${…}`) may pass.
    public static func isOIDCProvider(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "id", !parts[2].isEmpty,
              parts[2].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        let host = parts[0]
        let suffix = host.hasSuffix(".amazonaws.com.cn") ? ".amazonaws.com.cn" : ".amazonaws.com"
        guard host.hasPrefix("oidc.eks."), host.hasSuffix(suffix), host.count > "oidc.eks.".count + suffix.count else { return false }
        let region = host.dropFirst("oidc.eks.".count).dropLast(suffix.count)
        return region.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    /// An ECS cluster name, or a cluster ARN.
    public static func isCluster(_ text: String) -> Bool {
        func isName(_ name: Substring) -> Bool {
            (1...255).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }
        }
        guard let arn = ARN(text) else { return isName(Substring(text)) }
        return arn.service == "ecs" && arn.resource.hasPrefix("cluster/") && isName(arn.resource.dropFirst(8))
    }
}

/// Quoting for the shell commands xrayctl writes into READMEs and scripts.
public enum Shell {
    /// The value as one shell word: unchanged when it holds only characters no shell treats
    /// specially, otherwise in single quotes (a quote inside becomes `'\''`).
    public static func quote(_ value: String) -> String {
        // Byte by byte: each allowed character is one ASCII byte, and a byte outside the set (a
        // combining mark's, a line break's) makes the value quoted, as its Character would.
        let allowed = Array("_@%+=:,./-".utf8)
        let plain = !value.isEmpty && value.utf8.allSatisfy { byte in
            ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || allowed.contains(byte)
        }
        return plain ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
