import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// What a finding of the audit is about: a resource's ARN and, inside it, the part (a task
/// definition's container).
package struct AuditAddress: Sendable, Hashable {
    package var arn: String
    package var part: String?

    package init(_ arn: String, part: String? = nil) {
        self.arn = arn
        self.part = part
    }

    /// How text, JSON and SARIF name it: `ARN` or `ARN container NAME`.
    package var description: String { part.map { "\(arn) \($0)" } ?? arn }
}

/// A document built from AWS's answers in a shape lint already reads (a task definition as
/// `describe-task-definition` prints it, services as `describe-services` does, the account's
/// authorization details, sampling rule records, or a CloudFormation-shaped template for the
/// resources lint knows from templates only), with the address of each of its parts.
package struct AuditDocument: Sendable {
    package var document: SourceDocument
    /// By JSON pointer: the longest prefix of a finding's pointer names what it is about.
    package var addresses: [String: AuditAddress]

    /// Serialises `object` (sorted keys, so reruns are identical), loads it as lint loads a file, and
    /// asks `addresses` for the parts of the loaded tree. nil when the object is not JSON, which
    /// answers read with JSONSerialization always are.
    package static func make(path: String, object: [String: Any], whole: AuditAddress,
                             addresses: (LocatedNode) -> [(pointer: String, address: AuditAddress)] = { _ in [] }) -> AuditDocument? {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else { return nil }
        let document = DocumentLoader.load(path: path, data: data)
        var table = ["": whole]
        if let root = document.root {
            for (pointer, address) in addresses(root) { table[pointer] = address }
        }
        return AuditDocument(document: document, addresses: table)
    }

    /// The address of a finding in this document: the longest pointer prefix that has one.
    package func address(of pointer: String) -> AuditAddress {
        var prefix = Substring(pointer)
        while true {
            if let address = addresses[String(prefix)] { return address }
            guard let cut = prefix.lastIndex(where: { $0 == "/" || $0 == "#" }) else { return addresses[""]! }
            prefix = prefix[..<cut]
        }
    }
}

/// The CloudFormation-shaped template of an account+region's functions and API stages: lint reads
/// functions and stages from templates, so every serverless rule applies to what is deployed.
package struct AuditTemplate {
    private var resources: [String: Any] = [:]
    private var arns: [String: AuditAddress] = [:]
    private var used = Set<String>()

    package init() {}

    package var isEmpty: Bool { resources.isEmpty }

    /// Adds a resource; its logical ID is made from its name (letters and digits, as CloudFormation
    /// requires), numbered when two names give the same ID.
    package mutating func add(type: String, name: String, properties: [String: Any], address: AuditAddress) {
        let base = String(name.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.map(Character.init))
        // The name alone where it has letters or digits: rules name resources by logical ID.
        let stem = base.isEmpty ? (type.split(separator: ":").last.map(String.init) ?? "Resource") : base
        var id = stem, number = 2
        while !used.insert(id).inserted {
            id = stem + String(number)
            number += 1
        }
        resources[id] = ["Type": type, "Properties": properties]
        arns[id] = address
    }

    package func document(path: String, whole: AuditAddress) -> AuditDocument? {
        guard !isEmpty else { return nil }
        let object: [String: Any] = ["AWSTemplateFormatVersion": "2010-09-09",
                                     "Description": "What xrayctl audit read from \(whole.arn)", "Resources": resources]
        return AuditDocument.make(path: path, object: object, whole: whole) { _ in
            arns.map { ("/Resources/" + LocatedNode.escape($0.key), $0.value) }
        }
    }
}
