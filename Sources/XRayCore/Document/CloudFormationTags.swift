/// CloudFormation's YAML short forms, turned into the long forms JSON templates use, so rules see
/// one shape: `!Ref X` → `{Ref: X}`, `!GetAtt A.B` → `{Fn::GetAtt: [A, B]}`, `!Sub s` → `{Fn::Sub: s}`.
package enum CloudFormationTags {
    package static let functions: [String: String] = [
        "!Ref": "Ref", "!Condition": "Condition", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join",
        "!If": "Fn::If", "!Select": "Fn::Select", "!Split": "Fn::Split", "!FindInMap": "Fn::FindInMap",
        "!GetAZs": "Fn::GetAZs", "!ImportValue": "Fn::ImportValue", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr",
        "!Equals": "Fn::Equals", "!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not", "!Transform": "Fn::Transform",
        "!ToJsonString": "Fn::ToJsonString", "!Length": "Fn::Length",
    ]

    package static func longForm(of tag: String) -> String? { functions[tag] }

    /// `node` is the argument, already converted with pointers below `pointer/function`.
    package static func wrap(_ node: LocatedNode, function: String, pointer: String) -> LocatedNode {
        var argument = node
        // `!GetAtt Resource.Attribute` is the dotted short form of a two-element list.
        if function == "Fn::GetAtt", let text = node.scalar?.text, let dot = text.firstIndex(of: ".") {
            let parts = [String(text[..<dot]), String(text[text.index(after: dot)...])]
            argument = LocatedNode(.sequence(parts.enumerated().map { index, part in
                LocatedNode(.scalar(.init(text: part, kind: .string, isQuoted: false)), at: node.location,
                            pointer: argument.pointer + "/\(index)")
            }), at: node.location, pointer: argument.pointer)
        }
        let key = LocatedNode(.scalar(.init(text: function, kind: .string, isQuoted: false)), at: node.location,
                              pointer: argument.pointer)
        return LocatedNode(.mapping([(key: key, value: argument)]), at: node.location, pointer: pointer)
    }
}
