import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A query-protocol answer (IAM, STS) as a tree, read with Foundation's XMLParser; `value` turns
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

    package init(_ data: Data) {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        _ = parser.parse()
        self = collector.root.children.first ?? XMLTree(name: "")
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

    private final class Collector: NSObject, XMLParserDelegate {
        var stack: [XMLTree] = [XMLTree(name: "")]
        var root: XMLTree { stack[0] }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            stack.append(XMLTree(name: name))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard stack.count > 1, var element = stack.popLast() else { return }
            element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            stack[stack.count - 1].children.append(element)
        }
    }
}
