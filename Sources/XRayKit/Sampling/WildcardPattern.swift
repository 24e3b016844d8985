/// The X-Ray SDKs' wildcard matching and the containment question behind shadowed rules.
public enum WildcardPattern {
    /// Matches exactly as the X-Ray Python SDK's `wildcard_match` does (facts §6.3): `*` any run,
    /// `?` one character, case-insensitive; an empty pattern matches only empty text; `*` alone
    /// matches anything. Ported step by step, including its greedy backtracking, so answers agree.
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        if pattern.isEmpty { return text.isEmpty }
        if pattern == "*" { return true }
        let pattern = Array(pattern), text = Array(text)
        var i = 0, p = 0, iStar = text.count, pStar = 0
        while i < text.count {
            if p < pattern.count && text[i] == pattern[p] {
                i += 1; p += 1
            } else if p < pattern.count && text[i].lowercased() == pattern[p].lowercased() {
                i += 1; p += 1
            } else if p < pattern.count && pattern[p] == "?" {
                i += 1; p += 1
            } else if p < pattern.count && pattern[p] == "*" {
                iStar = i; pStar = p; p += 1
            } else if iStar != text.count {
                iStar += 1; i = iStar; p = pStar + 1
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count && i == text.count
    }

    /// Whether every non-empty text `inner` matches is also matched by `outer` (case-insensitively),
    /// for texts without literal `*` or `?`. (An empty request field counts as absent and matches
    /// every rule, so the empty text never decides.) Exact: it explores `inner`'s automaton against the
    /// subset construction of `outer`'s over the characters both use plus one "any other" symbol.
    public static func contains(_ outer: String, _ inner: String) -> Bool {
        containment(outer, inner) ?? false
    }

    /// The most state pairs explored before giving up. Ordinary patterns need a few dozen; a
    /// pattern such as `*a*` with twenty `?` makes the subset construction exponential.
    public static let stateBudget = 20_000

    /// `contains`, or nil when deciding it would take more than `budget` state pairs.
    public static func containment(_ outer: String, _ inner: String, budget: Int = stateBudget) -> Bool? {
        if outer == "*" || outer.lowercased() == inner.lowercased() { return true }
        let a = Array(outer.lowercased()), b = Array(inner.lowercased())
        // The symbols that can make a difference: every literal in either pattern, and "other".
        let literals = Set((a + b).filter { $0 != "*" && $0 != "?" })
        let alphabet: [Character?] = literals.sorted().map { Optional($0) } + [nil]

        /// NFA states of a pattern are positions 0...count; `*` loops, closure skips stars.
        func closure(_ states: Set<Int>, _ p: [Character]) -> Set<Int> {
            var result = states
            var stack = Array(states)
            while let state = stack.popLast() {
                if state < p.count && p[state] == "*" && result.insert(state + 1).inserted { stack.append(state + 1) }
            }
            return result
        }
        func step(_ states: Set<Int>, _ symbol: Character?, _ p: [Character]) -> Set<Int> {
            var next = Set<Int>()
            for state in states where state < p.count {
                switch p[state] {
                case "*": next.insert(state)
                case "?": next.insert(state + 1)
                case let literal: if symbol == literal { next.insert(state + 1) }
                }
            }
            return closure(next, p)
        }

        struct Pair: Hashable { var b: Set<Int>; var a: Set<Int>; var nonEmpty: Bool }
        let start = Pair(b: closure([0], b), a: closure([0], a), nonEmpty: false)
        var seen: Set<Pair> = [start]
        var queue = [start]
        while let pair = queue.popLast() {
            // A non-empty text that `inner` accepts here but `outer` does not: not contained.
            if pair.nonEmpty && pair.b.contains(b.count) && !pair.a.contains(a.count) { return false }
            for symbol in alphabet {
                let nextB = step(pair.b, symbol, b)
                guard !nextB.isEmpty else { continue }
                let next = Pair(b: nextB, a: step(pair.a, symbol, a), nonEmpty: true)
                if seen.insert(next).inserted {
                    if seen.count > budget { return nil }
                    queue.append(next)
                }
            }
        }
        return true
    }
}
