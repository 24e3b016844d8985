import XRayCore

/// An X-Ray group's filter expression wherever a lint run holds one: an `AWS::XRay::Group` in a
/// template (Terraform's `aws_xray_group` reads as one), a create-group/update-group input or
/// get-groups output, and the `groups:` of an `xray.yaml` model.
package struct GroupFilterView {
    package var document: SourceDocument
    package var node: LocatedNode
    package var groupName: String?

    /// The expression's text when it is written out (not a reference or `!Sub`).
    package var text: String? {
        guard let scalar = node.scalar, scalar.kind != .null else { return nil }
        return scalar.text
    }

    /// The place of character `offset` of the expression in its file.
    package func location(at offset: Int) -> SourceLocation {
        guard let scalar = node.scalar else { return node.location }
        return node.location.within(scalar, offset: offset, line: document.line(node.location.line))
    }
}

extension LintRun {
    package var groupFilters: [GroupFilterView] {
        var filters: [GroupFilterView] = []
        for template in templates {
            for resource in template.resources(ofType: "AWS::XRay::Group") {
                if let node = resource.properties?["FilterExpression"] {
                    filters.append(.init(document: template.document, node: node, groupName: resource.properties?["GroupName"]?.text))
                }
            }
        }
        for document in documents {
            guard let root = document.root else { continue }
            switch document.kind {
            case .xrayGroups:
                for group in root["Groups"]?.items ?? [root["Group"] ?? root] {
                    if let node = group["FilterExpression"] { filters.append(.init(document: document, node: node, groupName: group["GroupName"]?.text)) }
                }
            case .model:
                for group in root["groups"]?.items ?? [] {
                    if let node = group["filter_expression"] { filters.append(.init(document: document, node: node, groupName: group["name"]?.text)) }
                }
            default:
                break
            }
        }
        return filters
    }
}
