import Foundation

extension HCLFunction {
    static let encodingFunctions: [String: HCLFunction] = [
        "jsonencode": HCLFunction(arity: 1...1) { call throws(HCLDiagnostic) in
            guard let text = JSONText.encode(call.arguments[0]) else { return .unknown }
            return .string(text)
        },
        "jsondecode": HCLFunction(arity: 1...1) { call throws(HCLDiagnostic) in
            let text = try call.string(0)
            switch JSONValue.decode(text) {
            case .success(let value): return value
            case .failure(let failure): throw call.fail(failure.message, argument: 0)
            }
        },
        "tostring": HCLFunction(arity: 1...1) { call throws(HCLDiagnostic) in
            let value = call.arguments[0]
            if value.isNull { return value }
            guard let text = Conversion.toString(value) else { throw call.fail("cannot convert \(Conversion.typeName(value)) to string", argument: 0) }
            return .string(text)
        },
        "tonumber": HCLFunction(arity: 1...1) { call throws(HCLDiagnostic) in
            let value = call.arguments[0]
            if value.isNull { return value }
            guard let number = Conversion.toNumber(value) else { throw call.fail("cannot convert \(value.description) to number", argument: 0) }
            return .number(number)
        },
        "tobool": HCLFunction(arity: 1...1) { call throws(HCLDiagnostic) in
            let value = call.arguments[0]
            if value.isNull { return value }
            guard let bool = Conversion.toBool(value) else { throw call.fail("cannot convert \(value.description) to bool", argument: 0) }
            return .bool(bool)
        },
    ]
}

/// JSON text (from `jsondecode` or a `.tfvars.json` file) as values: objects become objects,
/// arrays tuples, as Terraform decodes them. Foundation parses; this only maps its result.
enum JSONValue {
    struct Failure: Error { var message: String }

    static func decode(_ text: String) -> Result<HCLValue, Failure> {
        guard maximumDepth(text) <= HCLFile.maxNestingDepth else {
            return .failure(Failure(message: "the JSON nests more than \(HCLFile.maxNestingDepth) levels deep"))
        }
        do {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            return .success(value(object))
        } catch {
            return .failure(Failure(message: "invalid JSON: \(error.localizedDescription)"))
        }
    }

    /// How deeply brackets nest outside strings, checked before Foundation (which recurses) reads it.
    static func maximumDepth(_ text: String) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    static func value(_ object: Any) -> HCLValue {
        switch object {
        case let dictionary as [String: Any]: return .object(dictionary.mapValues(value))
        case let array as [Any]: return .tuple(array.map(value))
        case let string as String: return .string(string)
        case let number as NSNumber: return self.number(number)
        default: return .null
        }
    }

    /// NSNumber does not say which JSON literal it came from: booleans are told apart by their
    /// type, and doubles are read back from their shortest text so 0.05 stays 0.05.
    static func number(_ number: NSNumber) -> HCLValue {
        if String(describing: type(of: number)).contains("Boolean") {
            return .bool(number.boolValue)
        }
        if let decimal = number as? NSDecimalNumber { return .number(HCLNumber(decimal.decimalValue)) }
        switch String(cString: number.objCType) {
        case "d", "f":
            return HCLNumber(parsing: "\(number.doubleValue)").map { .number($0) } ?? .unknown
        case "Q":
            return .number(HCLNumber(Decimal(number.uint64Value)))
        default:
            return .number(HCLNumber(Decimal(number.int64Value)))
        }
    }
}
