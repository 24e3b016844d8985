/// A policy statement reduced to what evaluation needs. Built from a located policy document or
/// from the table of AWS managed policies.
public struct PolicyStatement: Sendable {
    public enum Effect: Sendable { case allow, deny }

    /// A list of patterns (`Action`, `Resource`) or its negation (`NotAction`, `NotResource`).
    public struct Patterns: Sendable {
        public var values: [String]
        public var negated = false
        /// Some entries are not literal (CloudFormation intrinsics): matching them is unknown.
        public var hasUnknown = false

        public init(_ values: [String], negated: Bool = false, hasUnknown: Bool = false) {
            self.values = values
            self.negated = negated
            self.hasUnknown = hasUnknown
        }

        /// true, false, or nil when an unreadable entry might decide it.
        package func matches(_ value: String, using match: (String, String) -> Bool) -> Bool? {
            let any = values.contains { match($0, value) }
            if any { return !negated }
            if hasUnknown { return nil }
            return negated
        }
    }

    public var effect: Effect
    public var actions: Patterns
    /// nil for a trust policy statement, which has no Resource.
    public var resources: Patterns?
    public var hasCondition: Bool
    /// Where the statement is written, for findings; nil for managed policies.
    public var node: LocatedNode?
    public var policyName: String?

    public init(effect: Effect, actions: Patterns, resources: Patterns?, hasCondition: Bool = false,
                node: LocatedNode? = nil, policyName: String? = nil) {
        self.effect = effect
        self.actions = actions
        self.resources = resources
        self.hasCondition = hasCondition
        self.node = node
        self.policyName = policyName
    }
}

/// IAM's wildcard matching: `*` any run of characters, `?` one character, case-insensitive for actions.
public enum Wildcard {
    public static func matches(_ pattern: String, _ text: String, caseInsensitive: Bool = true) -> Bool {
        if let answer = asciiMatches(pattern, text, caseInsensitive: caseInsensitive) { return answer }
        let p = Array(caseInsensitive ? pattern.lowercased() : pattern)
        let t = Array(caseInsensitive ? text.lowercased() : text)
        var pi = 0, ti = 0, starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                starP = pi; starT = ti; pi += 1
            } else if starP >= 0 {
                pi = starP + 1; starT += 1; ti = starT
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// The same match over bytes, for ASCII text (actions and ARNs nearly always are), where a
    /// byte is a character; nil otherwise. Splitting text into characters cost more than the
    /// policy evaluation around it. A carriage return is left to the general match: with the line
    /// feed after it, it is one character.
    static func asciiMatches(_ pattern: String, _ text: String, caseInsensitive: Bool) -> Bool? {
        func bytes(_ string: String) -> [UInt8]? {
            var bytes = Array(string.utf8)
            for index in bytes.indices {
                let byte = bytes[index]
                if byte >= 0x80 || byte == UInt8(ascii: "\r") { return nil }
                if caseInsensitive, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { bytes[index] = byte + 32 }
            }
            return bytes
        }
        guard let p = bytes(pattern), let t = bytes(text) else { return nil }
        let question = UInt8(ascii: "?"), star = UInt8(ascii: "*")
        var pi = 0, ti = 0, starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == question || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == star {
                starP = pi; starT = ti; pi += 1
            } else if starP >= 0 {
                pi = starP + 1; starT += 1; ti = starT
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == star { pi += 1 }
        return pi == p.count
    }
}
