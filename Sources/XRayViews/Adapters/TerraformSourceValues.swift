import HCL
import XRayCore
import XRaySampling

/// Evaluated HCL values as located nodes: each value at the source range it was written at (a
/// literal in this module, a local, a variable's default, or the module call that passed it), or
/// at the expression that computed it.
package enum TerraformSourceValues {
    package static func location(_ range: SourceRange) -> SourceLocation {
        SourceLocation(file: range.file, line: range.start.line, column: range.start.column)
    }

    package static func key(_ name: String, at range: SourceRange) -> LocatedNode {
        LocatedNode(.scalar(.init(text: name, kind: .string, isQuoted: false)), at: location(range))
    }

    /// A value unknown until Terraform runs, inside a known one (a container's image from a
    /// resource attribute): CloudFormation's "value from elsewhere", which rules cannot read.
    package static func unknown(at range: SourceRange, pointer: String) -> LocatedNode {
        let text = LocatedNode(.scalar(.init(text: "(known when Terraform runs)", kind: .string, isQuoted: true)), at: location(range), pointer: pointer)
        return LocatedNode(.mapping([(key(Self.unknownKey, at: range), text)]), at: location(range), pointer: pointer)
    }

    package static let unknownKey = "Fn::ImportValue"

    /// The same tree, where it was written, with every pointer under `prefix`.
    package static func repointed(_ node: LocatedNode, under prefix: String) -> LocatedNode {
        var copy = node
        copy.pointer = prefix + node.pointer
        switch node.value {
        case .scalar: break
        case .sequence(let items): copy.value = .sequence(items.map { repointed($0, under: prefix) })
        case .mapping(let pairs): copy.value = .mapping(pairs.map { (repointed($0.key, under: prefix), repointed($0.value, under: prefix)) })
        }
        return copy
    }

    package static func node(_ value: TFValue, fallback: SourceRange, pointer: String) -> LocatedNode {
        let range = value.range ?? fallback
        let at = location(range)
        func scalar(_ text: String, _ kind: LocatedNode.Scalar.Kind) -> LocatedNode {
            LocatedNode(.scalar(.init(text: text, kind: kind, isQuoted: kind == .string)), at: at, pointer: pointer)
        }
        switch value.kind {
        case .unknown: return unknown(at: range, pointer: pointer)
        case .null: return scalar("null", .null)
        case .bool(let flag): return scalar(flag ? "true" : "false", .bool)
        case .number(let number): return scalar(number.description, number.isInteger ? .int : .float)
        case .string(let text): return scalar(text, .string)
        case .sequence(let elements, _):
            return LocatedNode(.sequence(elements.enumerated().map { node($0.element, fallback: range, pointer: pointer + "/\($0.offset)") }),
                               at: at, pointer: pointer)
        case .object(let attributes, _):
            let names = attributes.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return LocatedNode(.mapping(names.map { name in
                let element = attributes[name]!
                return (key(name, at: element.range ?? range), node(element, fallback: range, pointer: pointer + "/" + LocatedNode.escape(name)))
            }), at: at, pointer: pointer)
        }
    }
}

// XRayCore's HCL writer has types of these names; these are the reader's.
package typealias TFBlock = HCL.HCLBlock
package typealias TFValue = HCL.HCLValue
