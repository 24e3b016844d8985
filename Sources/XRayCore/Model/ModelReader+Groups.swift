extension ModelReader {
    package static let groupKeys = ["name", "filter_expression", "insights", "notifications"]
    /// CreateGroup's GroupName: 1 to 32 characters, unique, `Default` reserved (botocore's X-Ray model).
    package static let maxGroupName = 32

    /// `groups:` — X-Ray groups, each the traces a filter expression selects. Names get the project
    /// prefix, as sampling rules do: groups are account-wide. The filter expression is parsed here,
    /// so a typo is a located error now rather than CreateGroup's refusal at deploy time; it is
    /// passed on as written.
    package func groups(_ node: LocatedNode, project: String) -> [GroupSpec] {
        guard let items = node.items else {
            reader.error(node, "groups must be a list, found \(node.typeName)")
            return []
        }
        let groups = items.compactMap { group($0, project: project) }
        rejectRepeatedNames(groups.map { ($0.name, $0.location) }, "group name")
        return groups
    }

    private func group(_ node: LocatedNode, project: String) -> GroupSpec? {
        guard let fields = reader.fields(node, "a group", keys: Self.groupKeys) else { return nil }
        let name = reader.required(fields, "name", "a group").flatMap {
            prefixedName($0, "group name", project: project, maxLength: Self.maxGroupName,
                         reserved: "'Default' is X-Ray's built-in group of all traces; give the group another name")
        }
        var filter: String?
        if let filterNode = reader.required(fields, "filter_expression", "a group"),
           let text = reader.string(filterNode, "group filter_expression") {
            if text.allSatisfy(\.isWhitespace) {
                reader.error(filterNode, "group filter_expression is empty: a group is the traces it selects (such as service(\"api\") { fault })")
            } else {
                do {
                    _ = try FilterExpression.parse(text)
                    filter = text
                } catch {
                    var diagnostic = Diagnostic.error(at: filterNode.location.within(filterNode.scalar ?? .init(text: text, kind: .string, isQuoted: false), offset: error.offset,
                                                                                        line: reader.sourceLine(filterNode.location.line)),
                                                      "group filter_expression is not a valid X-Ray filter expression: \(error.message)")
                    diagnostic.key = ModelKey(pointer: filterNode.pointer, predicate: nil)
                    reader.report(diagnostic)
                }
            }
        }
        let insights = fields["insights"].flatMap { flag($0, "group insights") } ?? false
        let notifications = fields["notifications"].flatMap { flag($0, "group notifications") } ?? false
        if notifications && !insights, let notificationsNode = fields["notifications"] {
            reader.error(notificationsNode, "notifications are sent for X-Ray Insights only: set insights: true as well, or notifications: false")
        }
        guard let name, let filter else { return nil }
        return GroupSpec(name: name, filterExpression: filter, insights: insights, notifications: notifications, location: node.location)
    }

    /// A name that becomes PROJECT-NAME in AWS (sampling rules, groups): letters, digits and hyphens,
    /// at most `maxLength` with the prefix, and not `Default`, which X-Ray keeps for itself.
    package func prefixedName(_ node: LocatedNode, _ what: String, project: String, maxLength: Int, reserved: String) -> String? {
        guard let text = reader.string(node, what) else { return nil }
        let full = Naming.prefixed(project, text)
        if !Naming.isSimpleName(text) {
            reader.error(node, what, "'\(text)' must be letters, digits and hyphens")
        } else if full.count > maxLength {
            reader.error(node, what, "'\(full)' (with the project prefix) is longer than \(maxLength) characters")
        } else if full.lowercased() == "default" {
            reader.error(node, reserved)
        } else {
            return full
        }
        return nil
    }

    /// A located error for each name used again, pointing at the first use.
    package func rejectRepeatedNames(_ names: [(String, SourceLocation)], _ what: String) {
        var seen: [String: SourceLocation] = [:]
        for (name, location) in names {
            if let first = seen[name] {
                reader.error(at: location, "\(what) '\(name)' is already used at line \(first.line)")
            }
            seen[name] = seen[name] ?? location
        }
    }

    private func flag(_ node: LocatedNode, _ what: String) -> Bool? {
        guard let scalar = node.scalar, scalar.kind == .bool else {
            reader.error(node, "\(what) must be true or false, found \(node.typeName)")
            return nil
        }
        return scalar.text.lowercased() == "true"
    }
}
