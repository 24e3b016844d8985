import XRayCore
import XRaySampling

/// A CloudFormation (or SAM) template's resources.
package struct TemplateView {
    package struct Resource {
        package var logicalID: String
        package var type: String
        package var node: LocatedNode
        package var properties: LocatedNode?
    }

    package let document: SourceDocument
    package let resources: [Resource]
    /// `Globals` of a SAM template.
    package let globals: LocatedNode?

    /// Where each type's resources are in `resources`: rules ask by type, most of them for a type
    /// the template does not have.
    private let positionsByType: [String: [Int]]

    package init(_ document: SourceDocument) {
        self.document = document
        globals = document.root?["Globals"]
        let resources = (document.root?["Resources"]?.pairs ?? []).compactMap { pair -> Resource? in
            guard let id = pair.key.text, let type = pair.value["Type"]?.text else { return nil }
            return Resource(logicalID: id, type: type, node: pair.value, properties: pair.value["Properties"])
        }
        self.resources = resources
        positionsByType = Dictionary(grouping: resources.indices, by: { resources[$0].type })
    }

    /// The resources of these types, in template order.
    package func resources(ofType types: String...) -> [Resource] {
        let positions = types.count == 1 ? positionsByType[types[0]] ?? [] : Set(types).flatMap { positionsByType[$0] ?? [] }.sorted()
        return positions.map { resources[$0] }
    }
}

extension LocatedNode {
    /// A CloudFormation intrinsic function (`{Ref: X}`, `{Fn::Sub: …}`): its value is not known statically.
    package var isIntrinsic: Bool {
        guard let pairs, pairs.count == 1, let key = pairs[0].key.text else { return false }
        return key == "Ref" || key.hasPrefix("Fn::") || key == "Condition"
    }

    /// The logical ID a `Ref` or `Fn::GetAtt` points at, or a `${Name}` inside `Fn::Sub`.
    package var referencedLogicalIDs: [String] {
        guard let pairs, pairs.count == 1, let key = pairs[0].key.text else { return [] }
        let argument = pairs[0].value
        switch key {
        case "Ref": return argument.text.map { [$0] } ?? []
        case "Fn::GetAtt": return (argument.items?.first?.text ?? argument.text?.split(separator: ".").first.map(String.init)).map { [$0] } ?? []
        case "Fn::Sub":
            let template = argument.text ?? argument.items?.first?.text ?? ""
            var names: [String] = []
            var rest = Substring(template)
            while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
                let name = rest[open.upperBound..<close].split(separator: ".").first.map(String.init) ?? ""
                if !name.hasPrefix("AWS::") && !name.hasPrefix("!") { names.append(name) }
                rest = rest[rest.index(after: close)...]
            }
            return names
        default: return []
        }
    }

    /// A string, also when CloudFormation builds it from literals and pseudo parameters: `Fn::Sub`
    /// (its text, with the partition and URL suffix filled in), `Fn::Join` of such parts, and
    /// `Ref` of a pseudo parameter (CDK writes `{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"},
    /// ":iam::aws:policy/…"]]}`). Unknown values (`${AWS::Region}`, `${Param}`) stay written as
    /// `${…}`, which the policy reader treats as not known statically.
    package var literalText: String? {
        if let text { return text }
        guard let pairs, pairs.count == 1, let function = pairs[0].key.text else { return nil }
        let argument = pairs[0].value
        switch function {
        case "Fn::Sub":
            guard let template = argument.text ?? argument.items?.first?.text, argument.items.map({ $0.count == 1 }) ?? true else { return nil }
            guard template.containsBytes("${AWS::") else { return template }
            return Self.pseudoParameters.reduce(template) { text, pair in text.replacingBytes("${\(pair.key)}", with: pair.value) }
        case "Fn::Join":
            guard let items = argument.items, items.count == 2, let separator = items[0].text, let parts = items[1].items else { return nil }
            var texts: [String] = []
            for part in parts {
                guard let text = part.literalText else { return nil }
                texts.append(text)
            }
            return texts.joined(separator: separator)
        case "Ref":
            guard let name = argument.text, name.hasPrefix("AWS::") else { return nil }
            return Self.pseudoParameters[name] ?? "${\(name)}"
        default:
            return nil
        }
    }

    /// Pseudo parameters whose value does not change what a rule concludes: every partition's
    /// managed policies have the same names, and service hosts end in the same suffix.
    package static let pseudoParameters = ["AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"]
}
