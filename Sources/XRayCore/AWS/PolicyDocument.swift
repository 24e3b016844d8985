/// An IAM policy document (permission or trust policy).
public struct PolicyDocument: Encodable, Hashable, Sendable {
    public var version = "2012-10-17"
    public var statements: [Statement]

    public init(_ statements: [Statement]) { self.statements = statements }

    package enum CodingKeys: String, CodingKey {
        case version = "Version"
        case statements = "Statement"
    }

    public struct Statement: Encodable, Hashable, Sendable {
        public var sid: String?
        public var effect = "Allow"
        public var principal: [String: StringOrList]?
        public var action: StringOrList
        public var resource: StringOrList?
        /// operator → condition key → value(s)
        public var condition: [String: [String: StringOrList]]?

        public init(sid: String? = nil, principal: [String: StringOrList]? = nil, action: StringOrList,
                    resource: StringOrList? = nil, condition: [String: [String: StringOrList]]? = nil) {
            self.sid = sid
            self.principal = principal
            self.action = action
            self.resource = resource
            self.condition = condition
        }

        package enum CodingKeys: String, CodingKey {
            case sid = "Sid", effect = "Effect", principal = "Principal", action = "Action"
            case resource = "Resource", condition = "Condition"
        }
    }
}

/// A role a setup needs: its trust policy, its inline permissions and attached managed policies.
public struct RolePlan: Hashable, Sendable {
    public var name: String
    /// Why the role exists, for the output README.
    public var purpose: String
    /// nil for a role that exists already: only its inline policy is added.
    public var trust: PolicyDocument?
    public var inlinePolicy: PolicyDocument?
    public var managedPolicyARNs: [String] = []
    /// EC2 needs an instance profile (of the same name) to hand the role to an instance.
    public var instanceProfile = false
    /// The account the role lives in when it is not the model's own (a cross-account target).
    public var otherAccount: String?
    /// The user named this role (an existing function role, an instance profile), so several
    /// services may share it; a name xrayctl derives belongs to one service only.
    public var namedByUser = false

    // Other modules of the package build these; the implicit memberwise initializer is internal.
    package init(name: String, purpose: String, trust: PolicyDocument? = nil, inlinePolicy: PolicyDocument? = nil, managedPolicyARNs: [String] = [], instanceProfile: Bool = false, otherAccount: String? = nil, namedByUser: Bool = false) {
        self.name = name
        self.purpose = purpose
        self.trust = trust
        self.inlinePolicy = inlinePolicy
        self.managedPolicyARNs = managedPolicyARNs
        self.instanceProfile = instanceProfile
        self.otherAccount = otherAccount
        self.namedByUser = namedByUser
    }
}
