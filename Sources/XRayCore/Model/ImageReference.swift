/// A container image reference: `[registry/]repository[:tag][@digest]`.
public struct ImageReference: Hashable, Sendable, CustomStringConvertible {
    public var registry: String?
    public var repository: String
    public var tag: String?
    public var digest: String?

    /// Parses a reference with Docker's grammar, simplified: lowercase path components,
    /// a tag of at most 128 word characters, a `sha256:` digest of 64 hex digits.
    public init?(_ text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            let digest = rest[rest.index(after: at)...]
            guard digest.hasPrefix("sha256:"), digest.dropFirst(7).count == 64,
                  digest.dropFirst(7).allSatisfy(\.isHexDigit) else { return nil }
            self.digest = String(digest)
            rest = rest[..<at]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !components.isEmpty else { return nil }
        if let colon = components[components.count - 1].lastIndex(of: ":") {
            let last = components[components.count - 1]
            let tag = String(last[last.index(after: colon)...])
            guard ImageReference.isValidTag(tag) else { return nil }
            self.tag = tag
            components[components.count - 1] = String(last[..<colon])
        }
        // The first component is a registry when it looks like a host (has a dot or port, or is localhost).
        if components.count > 1, let first = components.first,
           first.containsBytes(".") || first.containsBytes(":") || first == "localhost" {
            registry = first
            components.removeFirst()
        }
        guard !components.isEmpty, components.allSatisfy(ImageReference.isValidPathComponent) else { return nil }
        repository = components.joined(separator: "/")
    }

    public var description: String {
        var text = registry.map { "\($0)/" } ?? ""
        text += repository
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    /// True when the reference pins nothing: no tag (so `latest`) or `latest` itself, and no digest.
    /// The tag's leading version numbers (`v0.49.0` → [0, 49, 0], `3.6.6` → [3, 6, 6]); nil for
    /// tags such as `latest` or a commit hash that name no version.
    public var semanticVersion: SemanticVersion? { tag.flatMap(SemanticVersion.init) }

    public var floats: Bool { digest == nil && (tag == nil || tag == "latest") }

    private static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.first, tag.count <= 128, first.isLetter || first.isNumber || first == "_" else { return false }
        return tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    private static func isValidPathComponent(_ component: String) -> Bool {
        guard let first = component.first, let last = component.last,
              first.isLowercase || first.isNumber, last.isLowercase || last.isNumber else { return false }
        return component.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }
    }
}

/// The numeric part of a version tag, compared number by number (missing parts are 0).
public struct SemanticVersion: Comparable, Sendable, ExpressibleByArrayLiteral {
    public var parts: [Int]

    public init(arrayLiteral parts: Int...) { self.parts = parts }

    public init?(_ tag: String) {
        let text = tag.hasPrefix("v") ? tag.dropFirst() : Substring(tag)
        let numbers = text.prefix { $0.isNumber || $0 == "." }.split(separator: ".", omittingEmptySubsequences: false)
        // At least MAJOR.MINOR: a bare number (or a commit hash's leading digits) names no version.
        guard numbers.count >= 2, !numbers[0].isEmpty, !numbers[1].isEmpty else { return nil }
        var parts: [Int] = []
        for number in numbers {
            guard let value = Int(number) else { break }
            parts.append(value)
        }
        self.parts = parts
    }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        for index in 0..<max(a.parts.count, b.parts.count) {
            let x = index < a.parts.count ? a.parts[index] : 0
            let y = index < b.parts.count ? b.parts[index] : 0
            if x != y { return x < y }
        }
        return false
    }

    public static func == (a: SemanticVersion, b: SemanticVersion) -> Bool { !(a < b) && !(b < a) }
}
