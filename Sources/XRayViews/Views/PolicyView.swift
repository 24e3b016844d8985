import XRayCore
import XRaySampling

/// A policy document in a file: its statements, parsed for evaluation, with their nodes. Built
/// once per document in `LintRun`; what the rules ask of it (statements, trust or not) is worked out
/// here, once, not again by every rule that asks.
package struct PolicyView {
    package let document: SourceDocument
    package let node: LocatedNode
    /// The inline policy's name, when it has one.
    package let name: String?
    package let statementNodes: [LocatedNode]
    /// The statements an evaluator reads (those with an effect and actions).
    package let statements: [PolicyStatement]
    package let isTrustPolicy: Bool

    /// A policy document as a mapping or, as CloudFormation also accepts, a JSON string.
    package init(document: SourceDocument, node: LocatedNode, name: String?) {
        self.document = document
        let node = EmbeddedDocument.json(node, in: document) ?? node
        self.node = node
        self.name = name
        let statementNodes = node.field("statement")?.asList ?? []
        self.statementNodes = statementNodes
        statements = Self.statements(statementNodes, policyName: name)
        isTrustPolicy = statementNodes.contains { $0.field("principal") != nil || $0.field("notPrincipal") != nil }
            && statementNodes.allSatisfy { statement in
                statement.field("action")?.asList.allSatisfy { $0.text?.lowercased().hasPrefix("sts:") ?? true } ?? false
            }
    }

    private static func statements(_ statementNodes: [LocatedNode], policyName name: String?) -> [PolicyStatement] {
        statementNodes.compactMap { node in
            guard let effect = node.field("effect")?.text else { return nil }
            let actions = node.field("action").map { Self.patterns($0) }
                ?? node.field("notAction").map { Self.patterns($0, negated: true) }
            guard let actions else { return nil }
            let resources = node.field("resource").map { Self.patterns($0) }
                ?? node.field("notResource").map { Self.patterns($0, negated: true) }
            return PolicyStatement(effect: effect == "Deny" ? .deny : .allow, actions: actions, resources: resources,
                                   hasCondition: node.field("condition") != nil, node: node, policyName: name)
        }
    }

    package static func patterns(_ node: LocatedNode, negated: Bool = false) -> PolicyStatement.Patterns {
        let entries = node.asList
        let literal = entries.compactMap(\.literalText).filter { !$0.containsBytes("${") }
        return .init(literal, negated: negated, hasUnknown: literal.count < entries.count || node.isIntrinsic)
    }

    /// Each action pattern with its node.
    package var actionNodes: [(text: String, node: LocatedNode)] {
        statementNodes.flatMap { statement in
            (statement.field("action")?.asList ?? []).compactMap { node in node.text.map { ($0, node) } }
        }
    }
}

/// An IAM role with what is known of it in this run: trust, inline and managed policies, and
/// which workloads use it.
package struct RoleView {
    package var name: String?
    package var logicalID: String?
    package var template: TemplateView?
    /// Where findings about the role as a whole land.
    package var anchor: LocatedNode
    package var document: SourceDocument
    package var trust: PolicyView?
    package var inlinePolicies: [PolicyView] { didSet { permissions = Self.permissions(inlinePolicies, managedPolicies) } }
    /// Managed policy ARNs (or SAM policy names) with their nodes; nil text for an intrinsic.
    package var managedPolicies: [(arn: String?, node: LocatedNode)] { didSet { permissions = Self.permissions(inlinePolicies, managedPolicies) } }

    /// The role's permissions as statements, and how many attached policies could not be read:
    /// gathered when the policies are set, not at every evaluation (rules evaluate many actions).
    package private(set) var permissions: (statements: [PolicyStatement], unknown: Int)

    package init(name: String?, logicalID: String?, template: TemplateView?, anchor: LocatedNode, document: SourceDocument,
         trust: PolicyView?, inlinePolicies: [PolicyView], managedPolicies: [(arn: String?, node: LocatedNode)]) {
        self.name = name
        self.logicalID = logicalID
        self.template = template
        self.anchor = anchor
        self.document = document
        self.trust = trust
        self.inlinePolicies = inlinePolicies
        self.managedPolicies = managedPolicies
        permissions = Self.permissions(inlinePolicies, managedPolicies)
    }

    private static func permissions(_ inlinePolicies: [PolicyView], _ managedPolicies: [(arn: String?, node: LocatedNode)])
        -> (statements: [PolicyStatement], unknown: Int) {
        var statements = inlinePolicies.flatMap(\.statements)
        var unknown = 0
        for policy in managedPolicies {
            if let arn = policy.arn, let known = ManagedPolicies.statements(for: arn) {
                statements += known
            } else {
                unknown += 1
            }
        }
        return (statements, unknown)
    }

    package func evaluate(_ action: String) -> PolicyEvaluator.Result {
        let permissions = self.permissions
        return PolicyEvaluator.evaluate(action, statements: permissions.statements, unknownPolicies: permissions.unknown)
    }

    /// The actions the role certainly does not grant (neither allowed, conditional, denied nor unknown).
    package func notGranted(_ actions: [String]) -> [String] {
        actions.filter { evaluate($0).decision == .notGranted }
    }

    /// The service principals the trust policy names.
    package var trustedServices: [String] {
        (trust?.statementNodes ?? []).flatMap { statement -> [String] in
            guard statement.field("effect")?.text == "Allow" else { return [] }
            return statement.field("principal")?.field("service")?.asList.compactMap(\.text) ?? []
        }
    }

    package var trustedAWSPrincipals: [String] {
        (trust?.statementNodes ?? []).flatMap { statement -> [String] in
            guard statement.field("effect")?.text == "Allow" else { return [] }
            return statement.field("principal")?["AWS"]?.asList.compactMap(\.literalText) ?? []
        }
    }

    /// Whether the role has a policy attached that grants everything X-Ray or everything.
    package func broadGrant() -> (node: LocatedNode, what: String)? {
        for policy in managedPolicies {
            if let arn = policy.arn, arn.hasSuffix("/AWSXrayFullAccess") || arn == "AWSXrayFullAccess" {
                return (policy.node, "AWSXrayFullAccess")
            }
        }
        for policy in inlinePolicies {
            for statement in policy.statementNodes where statement.field("effect")?.text == "Allow" {
                for action in statement.field("action")?.asList ?? [] {
                    if let text = action.text?.lowercased(), text == "*" || text == "xray:*" {
                        return (action, "'\(action.text!)'")
                    }
                }
            }
        }
        return nil
    }
}
