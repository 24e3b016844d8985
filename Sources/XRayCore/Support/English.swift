/// Small pieces of English grammar for messages and generated prose whose nouns come from values.
public enum English {
    /// `a` or `an` before `phrase`, by how its first word is said: "an ADOT sidecar", "an 8192-byte
    /// segment", "an ECS task", "a UDP port", "a 1024 CPU units task".
    public static func article(for phrase: String) -> String {
        let word = phrase.prefix { !$0.isWhitespace && $0 != "-" && $0 != "/" }
        guard let first = word.first else { return "a" }
        if first.isNumber { return numberTakesAn(word.prefix(while: \.isNumber)) ? "an" : "a" }
        guard first.isLetter, first.isASCII else { return "a" }
        let letters = word.filter(\.isLetter)
        // An initialism is said letter by letter (ECS, IAM, UDP, ADOT, S3); F, H, L, M, N, R, S and X
        // are said with a vowel sound, U with a consonant one.
        if letters.allSatisfy(\.isUppercase) {
            return "AEFHILMNORSX".contains(first) ? "an" : "a"
        }
        let lower = word.lowercased()
        if ["one", "once", "uni", "use", "usu", "uti", "eu"].contains(where: { lower.hasPrefix($0) }) { return "a" }
        if ["hour", "honest", "honor", "honour", "heir", "xr"].contains(where: { lower.hasPrefix($0) }) {
            return "an"
        }
        return "aeiou".contains(lower.first!) ? "an" : "a"
    }

    /// `phrase` after its indefinite article.
    public static func a(_ phrase: String) -> String { "\(article(for: phrase)) \(phrase)" }

    /// Said aloud, a number starts with "eight" (8, 80, 800…), or "eleven"/"eighteen" when its
    /// leading group of thousands has two digits (11, 18, 11000, 18000…).
    package static func numberTakesAn(_ digits: Substring) -> Bool {
        guard let first = digits.first else { return false }
        if first == "8" { return true }
        let leadingGroup = digits.count % 3 == 0 ? 3 : digits.count % 3
        return leadingGroup == 2 && (digits.hasPrefix("11") || digits.hasPrefix("18"))
    }
}
