/// An Amazon Resource Name: `arn:partition:service:region:account:resource`.
public struct ARN: Hashable, Sendable, CustomStringConvertible {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    /// Parses an ARN; nil when the text does not have the six colon-separated parts.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty, !parts[5].isEmpty,
              parts[4].isEmpty || ARN.isAccountID(parts[4]) || parts[4] == "aws"
        else { return nil }
        (partition, service, region, account, resource) = (parts[1], parts[2], parts[3], parts[4], parts[5])
    }

    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// The name of an IAM role ARN (`role/path/name` → `name`), nil for anything else.
    public var roleName: String? {
        guard service == "iam", resource.hasPrefix("role/") else { return nil }
        return resource.split(separator: "/").last.map(String.init)
    }

    /// The account AWS's documentation uses in its examples: in a model, a value copied and not yet replaced.
    public static let documentationAccount = "123456789012"

    /// A 12-digit AWS account ID.
    public static func isAccountID(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
