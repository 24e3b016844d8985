/// The keywords of X-Ray's filter expression language and the type of value each compares with,
/// from "Using filter expressions" in the X-Ray Developer Guide (docs/xray-facts.md, "Filter expressions").
package enum FilterKeywords {
    package enum ValueType: String, Sendable {
        case boolean, number, string
        /// An annotation holds a boolean, number or string: any comparison goes.
        case any
        /// `rootcause.json` / `json`: compared with `#[ ... ]`.
        case json
    }

    package static let types: [String: ValueType] = {
        var types: [String: ValueType] = [:]
        for keyword in ["ok", "error", "throttle", "fault", "partial", "inferred", "first", "last", "remote", "root"] { types[keyword] = .boolean }
        for keyword in ["responsetime", "duration", "http.status", "index", "coverage"] { types[keyword] = .number }
        for keyword in ["http.url", "http.method", "http.useragent", "http.clientip", "user", "name", "type", "message",
                        "availabilityzone", "instance.id", "resource.arn", "group.name", "group.arn"] { types[keyword] = .string }
        types["json"] = .json
        types["rootcause.json"] = .json
        return types
    }()

    /// `rootcause.CATEGORY.KIND { filter }`: the root causes X-Ray keeps per trace (GetTraceSummaries'
    /// FaultRootCauses, ErrorRootCauses, ResponseTimeRootCauses), each a list of services, entities or exceptions.
    package static let rootCauseCategories = ["fault", "error", "responsetime"]
    package static let rootCauseKinds = ["service", "entity", "exception"]

    /// Operators by the type they apply to; a keyword alone is "true" (boolean) or "is set" (the others).
    package static func operators(for type: ValueType) -> [String] {
        switch type {
        case .boolean: ["=", "!="]
        case .number: ["=", "!=", "<", "<=", ">", ">="]
        case .string: ["=", "!=", "CONTAINS", "BEGINSWITH", "ENDSWITH"]
        case .any: ["=", "!=", "<", "<=", ">", ">=", "CONTAINS", "BEGINSWITH", "ENDSWITH"]
        case .json: ["="]
        }
    }

    package static let wordOperators: Set<String> = ["CONTAINS", "BEGINSWITH", "ENDSWITH"]

    package static var all: [String] {
        types.keys.sorted() + ["annotation.KEY", "service()", "edge()", "id()"]
            + rootCauseCategories.flatMap { category in rootCauseKinds.map { "rootcause.\(category).\($0)" } }
    }
}
