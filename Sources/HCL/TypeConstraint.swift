/// A variable's `type`, read far enough to convert values the way Terraform does before the
/// module sees them (`type = string` turns a tfvars `5` into `"5"`, `set(string)` sorts).
indirect enum TypeConstraint {
    case any, string, number, bool
    case list(TypeConstraint), set(TypeConstraint), map(TypeConstraint)
    case object([String: TypeConstraint])

    init(_ expression: HCLExpression) {
        switch expression.kind {
        case .variable("string"): self = .string
        case .variable("number"): self = .number
        case .variable("bool"): self = .bool
        case .call(let name, let arguments, _) where arguments.count >= 1:
            let element = TypeConstraint(arguments[0])
            switch name {
            case "list": self = .list(element)
            case "set": self = .set(element)
            case "map": self = .map(element)
            case "optional": self = element
            case "object":
                guard case .object(let items) = arguments[0].kind else { self = .any; return }
                var attributes: [String: TypeConstraint] = [:]
                for item in items {
                    if case .name(let name) = item.key { attributes[name] = TypeConstraint(item.value) }
                }
                self = .object(attributes)
            default: self = .any
            }
        default: self = .any
        }
    }

    /// The value converted; a value that does not convert is left as it is (Terraform would
    /// refuse the configuration, which is not this reader's finding to make).
    func convert(_ value: HCLValue) -> HCLValue {
        guard value.isKnown, !value.isNull else { return value }
        var result: HCLValue
        switch self {
        case .any: return value
        case .string: result = Conversion.toString(value).map { .string($0) } ?? value
        case .number: result = Conversion.toNumber(value).map { .number($0) } ?? value
        case .bool: result = Conversion.toBool(value).map { .bool($0) } ?? value
        case .list(let element):
            guard let elements = value.elements else { return value }
            result = .list(elements.map(element.convert))
        case .set(let element):
            guard let elements = value.elements, elements.allSatisfy(\.isWhollyKnown) else { return value }
            result = .set(elements.map(element.convert))
        case .map(let element):
            guard let attributes = value.attributes else { return value }
            result = .map(attributes.mapValues(element.convert))
        case .object(let types):
            guard var attributes = value.attributes else { return value }
            for (name, type) in types {
                attributes[name] = attributes[name].map(type.convert) ?? .null
            }
            result = .object(attributes)
        }
        result.range = value.range
        return result
    }
}
