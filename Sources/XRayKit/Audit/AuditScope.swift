import Foundation
import XRayCore

/// One account and region the audit reads, and the names of the documents it builds there (never
/// files: lint reads them from memory, and findings are reported by ARN instead).
package struct AuditScope: Sendable, Hashable {
    package var account: String
    package var region: String

    package init(account: String, region: String) {
        self.account = account
        self.region = region
    }

    package var partition: String {
        Partition.of(region: region).rawValue
    }

    package func path(_ name: String) -> String { "aws/\(account)/\(region)/\(name)" }
    package func globalPath(_ name: String) -> String { "aws/\(account)/global/\(name)" }

    /// The account as Security Hub names it (an `AwsAccount` resource), for findings about a
    /// setting of the account rather than one resource.
    package var accountAddress: String { "AWS::::Account:\(account)" }
}

/// `--shard I/N`: the accounts this job of N audits, by position in the sorted account IDs, so N
/// jobs given the same organisation split it without talking to each other.
package struct Shard: Sendable, Equatable {
    package var index: Int
    package var count: Int

    /// `I/N` with 1 ≤ I ≤ N; nil otherwise.
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    package func select(_ accounts: [String]) -> [String] {
        accounts.sorted().enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}
