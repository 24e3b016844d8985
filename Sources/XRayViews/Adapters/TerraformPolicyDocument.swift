import HCL
import XRayCore
import XRaySampling

/// `data "aws_iam_policy_document"`: the policy JSON the data source produces from its
/// `statement` blocks (how most Terraform users write IAM), located at the blocks that wrote it.
/// A document whose statements are not all known statically (`dynamic` statements, a source or
/// override document that is not itself known) is unknown as a whole: a missing statement could
/// be the one that grants what a rule looks for.
extension TerraformSourceReader {
    package mutating func policy(_ address: String) -> LocatedNode? {
        if let cached = policies[address] { return cached }
        guard let (block, scope) = policyBlocks[address], policiesInProgress.insert(address).inserted else { return nil }
        defer { policiesInProgress.remove(address) }
        let document = policyDocument(block, scope, address: address)
        if document == nil { unknowns.append("\(address): its statements are not all known statically; the policy is unknown") }
        policies[address] = document
        return document
    }

    private mutating func policyDocument(_ block: TFBlock, _ scope: ModuleScope, address: String) -> LocatedNode? {
        guard block.body.blocks("dynamic").isEmpty else { return nil }
        let pointer = "/" + LocatedNode.escape(address)
        var statements: [LocatedNode] = []
        if let sources = block.attribute("source_policy_documents") {
            guard let found = statementsOf(sources.expression, scope, pointer: pointer + "/source_policy_documents") else { return nil }
            statements += found
        }
        for (index, statement) in block.body.blocks("statement").enumerated() {
            let own = self.statement(statement, scope, pointer: pointer + "/statement/\(index)")
            // A statement with the Sid of a source document's replaces it.
            if let sid = own["Sid"]?.text, let existing = statements.firstIndex(where: { $0["Sid"]?.text == sid }) {
                statements[existing] = own
            } else {
                statements.append(own)
            }
        }
        if let overrides = block.attribute("override_policy_documents") {
            guard let found = statementsOf(overrides.expression, scope, pointer: pointer + "/override_policy_documents") else { return nil }
            for statement in found {
                if let sid = statement["Sid"]?.text, let existing = statements.firstIndex(where: { $0["Sid"]?.text == sid }) {
                    statements[existing] = statement
                } else {
                    statements.append(statement)
                }
            }
        }
        let at = TerraformSourceValues.location(block.range)
        let version = block.attribute("version").flatMap { value($0.expression, scope, pointer: pointer + "/version") }
            ?? LocatedNode(.scalar(.init(text: "2012-10-17", kind: .string, isQuoted: true)), at: at, pointer: pointer + "/version")
        return PlanTemplateBuilder.mapping([("Version", version),
                                            ("Statement", LocatedNode(.sequence(statements), at: at, pointer: pointer + "/statement"))],
                                           at: at, pointer: pointer)
    }

    /// The statements of a list of policy documents (other documents' `.json`, `jsonencode`d
    /// policies, JSON text), or nil when any is unknown.
    private mutating func statementsOf(_ expression: HCLExpression, _ scope: ModuleScope, pointer: String) -> [LocatedNode]? {
        let elements: [HCLExpression]
        if case .tuple(let written) = expression.kind { elements = written } else { return nil }
        var statements: [LocatedNode] = []
        for (index, element) in elements.enumerated() {
            guard var document = value(element, scope, pointer: pointer + "/\(index)") else { return nil }
            if document.scalar != nil {
                guard let parsed = EmbeddedDocument.jsonValue(document, file: element.range.file, budget: NodeBudget()) else { return nil }
                document = parsed
            }
            guard !document.isIntrinsic else { return nil }
            guard let list = document["Statement"] else { return nil }
            statements += list.items ?? [list]
        }
        return statements
    }

    private mutating func statement(_ block: TFBlock, _ scope: ModuleScope, pointer: String) -> LocatedNode {
        let at = TerraformSourceValues.location(block.range)
        var pairs: [(String, LocatedNode)] = []
        func field(_ attribute: String, _ name: String) {
            guard let written = block.attribute(attribute) else { return }
            let node = value(written.expression, scope, pointer: pointer + "/" + attribute)
                ?? TerraformSourceValues.unknown(at: written.expression.range, pointer: pointer + "/" + attribute)
            pairs.append((name, node))
        }
        field("sid", "Sid")
        if block.attribute("effect") != nil {
            field("effect", "Effect")
        } else {
            pairs.append(("Effect", LocatedNode(.scalar(.init(text: "Allow", kind: .string, isQuoted: true)), at: at, pointer: pointer + "/effect")))
        }
        field("actions", "Action")
        field("not_actions", "NotAction")
        field("resources", "Resource")
        field("not_resources", "NotResource")
        for (type, name) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
            let blocks = block.body.blocks(type)
            guard !blocks.isEmpty else { continue }
            var byType: [(String, LocatedNode)] = []
            var everyone: LocatedNode?
            for (index, principal) in blocks.enumerated() {
                let place = pointer + "/\(type)/\(index)"
                let unknown = TerraformSourceValues.unknown(at: principal.range, pointer: place)
                // Principals not known statically are unreadable ones, of their type or (type
                // unknown too) of either type a rule asks about.
                guard let kind = principal.attribute("type").flatMap({ value($0.expression, scope, pointer: place + "/type") })?.text else {
                    byType += [("Service", unknown), ("AWS", unknown)]
                    continue
                }
                guard let identifiers = principal.attribute("identifiers").flatMap({ value($0.expression, scope, pointer: place + "/identifiers") }) else {
                    byType.append((kind, unknown))
                    continue
                }
                if kind == "*" {
                    everyone = LocatedNode(.scalar(.init(text: "*", kind: .string, isQuoted: true)), at: identifiers.location, pointer: place)
                } else {
                    byType.append((kind, identifiers))
                }
            }
            let node = everyone ?? PlanTemplateBuilder.mapping(byType, at: TerraformSourceValues.location(blocks[0].range), pointer: pointer + "/" + type)
            pairs.append((name, node))
        }
        let conditions = block.body.blocks("condition")
        if !conditions.isEmpty {
            var tests: [(String, [(String, LocatedNode)])] = []
            for (index, condition) in conditions.enumerated() {
                let place = pointer + "/condition/\(index)"
                let test = condition.attribute("test").flatMap { value($0.expression, scope, pointer: place + "/test") }?.text ?? "(unknown)"
                let variable = condition.attribute("variable").flatMap { value($0.expression, scope, pointer: place + "/variable") }?.text ?? "(unknown)"
                let values = condition.attribute("values").flatMap { value($0.expression, scope, pointer: place + "/values") }
                    ?? TerraformSourceValues.unknown(at: condition.range, pointer: place + "/values")
                if let existing = tests.firstIndex(where: { $0.0 == test }) {
                    tests[existing].1.append((variable, values))
                } else {
                    tests.append((test, [(variable, values)]))
                }
            }
            let conditionAt = TerraformSourceValues.location(conditions[0].range)
            pairs.append(("Condition", PlanTemplateBuilder.mapping(tests.map { test, entries in
                (test, PlanTemplateBuilder.mapping(entries, at: conditionAt, pointer: pointer + "/condition"))
            }, at: conditionAt, pointer: pointer + "/condition")))
        }
        return PlanTemplateBuilder.mapping(pairs, at: at, pointer: pointer)
    }
}
