/// AWS region codes.
public enum Region {
    /// Regions known on 2026-11-26. A well-formed code that is not listed is only a warning:
    /// AWS opens regions faster than tools ship.
    public static let known: [String] = [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
        "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1",
        "cn-north-1", "cn-northwest-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
        "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
        "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1",
        "us-west-1", "us-west-2",
    ]

    /// Whether the text has the shape of a region code (`xx-name-N`, `us-gov-west-1`).
    public static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard (3...4).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }),
              parts[0].count == 2, parts[0].allSatisfy(\.isLetter),
              let last = parts.last, last.allSatisfy(\.isNumber)
        else { return false }
        return parts.dropFirst().dropLast().allSatisfy { $0.allSatisfy(\.isLetter) }
    }
}
