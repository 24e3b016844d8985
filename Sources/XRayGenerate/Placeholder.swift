import XRayCore
import XRaySampling

/// What the template and Terraform fill in where they are deployed: the partition and account in
/// the ARNs xrayctl builds, and the region of Transaction Search's resource policy.
///
/// Whether a string holds one is decided by who wrote it, never by its text: the generator writes
/// a token that model values cannot contain (two private-use scalars around a random number drawn
/// once per process), so a user's `ACCOUNT_ID`, `arn:aws:` or `${data.…}` stays literal text.
package enum Placeholder: Character, CaseIterable, Sendable {
    case partition = "P"
    case account = "A"
    case region = "R"

    /// Private-use scalars (Unicode 16.0, §23.5): no AWS name or generated text has them.
    package static let open: Unicode.Scalar = "\u{E000}"
    package static let close: Unicode.Scalar = "\u{E001}"
    /// Drawn once per process, so text written before this run (a model value) cannot hold a token.
    package static let nonce = String(UInt64.random(in: .min ... .max), radix: 16)

    /// The token the generator writes in place of the value.
    package var token: String { "\(Self.open)\(Self.nonce)\(rawValue)\(Self.close)" }

    /// A piece of generated text: literal text, written with the emitter's escapes, or a placeholder.
    package enum Part: Equatable {
        case literal(String)
        case placeholder(Placeholder)

        package var isPlaceholder: Bool {
            if case .placeholder = self { return true }
            return false
        }
    }

    /// The text cut at its tokens, scalar by scalar (a token next to a combining mark is still found).
    package static func parts(_ text: String) -> [Part] {
        // Most text holds no token: no copy of it then (every string of a template passes here).
        guard text.unicodeScalars.contains(open) else { return text.isEmpty ? [] : [.literal(text)] }
        let scalars = Array(text.unicodeScalars)
        let nonce = Array(Self.nonce.unicodeScalars)
        var parts: [Part] = []
        var literal = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let end = index + nonce.count + 3
            if scalars[index] == open, end <= scalars.count, scalars[end - 1] == close,
               Array(scalars[(index + 1)..<(index + 1 + nonce.count)]) == nonce,
               let kind = Placeholder(rawValue: Character(scalars[end - 2])) {
                if !literal.isEmpty { parts.append(.literal(String(literal))) }
                literal = String.UnicodeScalarView()
                parts.append(.placeholder(kind))
                index = end
            } else {
                literal.append(scalars[index])
                index += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(String(literal))) }
        return parts
    }

    /// Whether any part of a token is left in the text (also a cut one): a written file must have none.
    /// Compared as UTF-8 bytes, which find the same scalars (a scalar's bytes never start inside
    /// another's) at a fraction of the cost: every written file, 30 MB for 1,000 services, passes here.
    package static func remains(in text: String) -> Bool {
        let marker = Array(String(open).utf8) + Array(Self.nonce.utf8)
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index + marker.count <= bytes.count {
                guard let found = bytes[index...].firstIndex(of: marker[0]) else { return false }
                if found + marker.count <= bytes.count, marker.indices.allSatisfy({ bytes[found + $0] == marker[$0] }) {
                    return true
                }
                index = found + 1
            }
            return false
        }
    }
}

extension String {
    /// The text with every `${` (scalar by scalar: `$` then `{`, whatever follows) written as `escape`.
    package func escapingInterpolations(as escape: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "$" && scalars.first == "{" {
                result.append(contentsOf: escape.unicodeScalars)
                scalars.removeFirst()
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
