/// An AWS partition: decides ARN prefixes, service principals and endpoints.
public enum Partition: String, CaseIterable, Sendable {
    case aws
    case awsCN = "aws-cn"
    case awsUSGov = "aws-us-gov"

    /// The partition a region code belongs to.
    public static func of(region: String) -> Partition {
        if region.hasPrefix("cn-") { return .awsCN }
        if region.hasPrefix("us-gov-") { return .awsUSGov }
        return .aws
    }

    /// The principal a service uses in trust policies. EC2 in the China regions historically
    /// uses the `.com.cn` form; every other service keeps `amazonaws.com` in all partitions.
    public func servicePrincipal(_ service: String) -> String {
        if self == .awsCN && service == "ec2" { return "ec2.amazonaws.com.cn" }
        return "\(service).amazonaws.com"
    }

    /// The domain of the partition's service endpoints (`xray.cn-north-1.amazonaws.com.cn`).
    public var dnsSuffix: String { self == .awsCN ? "amazonaws.com.cn" : "amazonaws.com" }
}
