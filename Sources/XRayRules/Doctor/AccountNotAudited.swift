import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate

// Found by `xrayctl audit` while it reads accounts (AWS API calls); it is tested against an AWS
// emulator (AuditTests), not by examples.

package struct AccountNotAudited: Rule {
    package static let description = RuleDescription(
        id: "XR811", name: "account-not-audited", severity: .warning,
        summary: "With audit: an account, a region of it, or one of its services could not be read (the audit role cannot be assumed, access is denied, the region is not enabled, or AWS kept throttling past the retries), so what runs there was not checked.",
        rationale: "An audit that skips an account silently reads as a clean account. The audit goes on with the other accounts and regions, and says which it could not read and AWS's answer, so the role (`xrayctl audit --print-policy`) or the region list can be fixed. Opt-in regions that an account has not enabled answer every call with an unrecognised security token.",
        sources: [.stsAssumeRole, .optInRegions, .organizationsListAccounts],
        examples: [], layer: .live)
}
