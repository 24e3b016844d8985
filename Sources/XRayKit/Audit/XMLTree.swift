import Foundation

/// A query-protocol answer (IAM, STS) as a tree, read with libxml2 (LibXML); `value` turns
/// it into the JSON shape the AWS CLI prints (`member` lists become arrays), the shape lint reads.
package struct XMLTree: Sendable {
    package var name: String
    package var text: String
    package var children: [XMLTree]

    package init(name: String, text: String = "", children: [XMLTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// Empty when libxml2 cannot be loaded: callers check `LibXML.required()` first.
    package init(_ data: Data) {
        var stack = [XMLTree(name: "")]
        for event in (try? LibXML.system.get())?.events(data) ?? [] {
            switch event {
            case .start(let name): stack.append(XMLTree(name: name))
            case .text(let text): stack[stack.count - 1].text += text
            case .end:
                guard stack.count > 1, var element = stack.popLast() else { continue }
                element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
                stack[stack.count - 1].children.append(element)
            }
        }
        self = stack[0].children.first ?? XMLTree(name: "")
    }

    package subscript(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// The first element of that name at any depth.
    package func find(_ name: String) -> XMLTree? {
        for child in children {
            if child.name == name { return child }
            if let found = child.find(name) { return found }
        }
        return nil
    }

    /// Elements whose only children are `member`s are lists; `lists` names those that may come empty
    /// (`<RolePolicyList/>`), which are lists too.
    package func value(lists: Set<String> = []) -> Any {
        if children.isEmpty { return lists.contains(name) ? [Any]() : text }
        if children.allSatisfy({ $0.name == "member" }) { return children.map { $0.value(lists: lists) } }
        var object: [String: Any] = [:]
        for child in children where object[child.name] == nil { object[child.name] = child.value(lists: lists) }
        return object
    }
}
