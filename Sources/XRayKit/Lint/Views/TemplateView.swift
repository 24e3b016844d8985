/// A CloudFormation (or SAM) template's resources.
struct TemplateView {
    struct Resource {
        var logicalID: String
        var type: String
        var node: LocatedNode
        var properties: LocatedNode?
    }

    let document: SourceDocument
    let resources: [Resource]
    /// `Globals` of a SAM template.
    let globals: LocatedNode?

    init(_ document: SourceDocument) {
        self.document = document
        globals = document.root?["Globals"]
        resources = (document.root?["Resources"]?.pairs ?? []).compactMap { pair in
            guard let id = pair.key.text, let type = pair.value["Type"]?.text else { return nil }
            return Resource(logicalID: id, type: type, node: pair.value, properties: pair.value["Properties"])
        }
    }

    func resources(ofType types: String...) -> [Resource] { resources.filter { types.contains($0.type) } }
}

extension LocatedNode {
    /// A CloudFormation intrinsic function (`{Ref: X}`, `{Fn::Sub: …}`): its value is not known statically.
    var isIntrinsic: Bool {
        guard let pairs, pairs.count == 1, let key = pairs[0].key.text else { return false }
        return key == "Ref" || key.hasPrefix("Fn::") || key == "Condition"
    }

    /// The logical ID a `Ref` or `Fn::GetAtt` points at, or a `${Name}` inside `Fn::Sub`.
    var referencedLogicalIDs: [String] {
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

    /// A string that may be written with `Fn::Sub` (no variables to resolve): its literal text.
    var literalText: String? {
        if let text { return text }
        if let pairs, pairs.count == 1, pairs[0].key.text == "Fn::Sub", let text = pairs[0].value.text { return text }
        return nil
    }
}
