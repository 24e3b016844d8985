import XRayCore

/// The X-Ray SDKs' wildcard matching and the containment question behind shadowed rules.
public enum WildcardPattern {
    /// Matches exactly as the X-Ray Python SDK's `wildcard_match` does (docs/xray-facts.md §6.3): `*` any run,
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
        var explored = 0
        return containment(outer, inner, budget: budget, explored: &explored)
    }

    /// The same, adding the state pairs it explored to `explored`.
    package static func containment(_ outer: String, _ inner: String, budget: Int, explored: inout Int) -> Bool? {
        if outer == "*" || outer.lowercased() == inner.lowercased() { return true }
        let a = Array(outer.lowercased()), b = Array(inner.lowercased())
        // The symbols that can make a difference: every literal in either pattern, and "other".
        let literals = Set((a + b).filter { $0 != "*" && $0 != "?" })
        let alphabet: [Character?] = literals.sorted().map { Optional($0) } + [nil]

        let outerNFA = PatternNFA(a, alphabet), innerNFA = PatternNFA(b, alphabet)
        struct Pair: Hashable { var b: [UInt64]; var a: [UInt64]; var nonEmpty: Bool }
        let start = Pair(b: innerNFA.start, a: outerNFA.start, nonEmpty: false)
        var seen: Set<Pair> = [start]
        defer { explored += seen.count }
        var queue = [start]
        while let pair = queue.popLast() {
            // A non-empty text that `inner` accepts here but `outer` does not: not contained.
            if pair.nonEmpty && innerNFA.accepts(pair.b) && !outerNFA.accepts(pair.a) { return false }
            for symbol in alphabet.indices {
                let nextB = innerNFA.step(pair.b, symbol)
                guard nextB.contains(where: { $0 != 0 }) else { continue }
                let next = Pair(b: nextB, a: outerNFA.step(pair.a, symbol), nonEmpty: true)
                if seen.insert(next).inserted {
                    if seen.count > budget { return nil }
                    queue.append(next)
                }
            }
        }
        return true
    }
}

/// A wildcard pattern's automaton for `WildcardPattern.containment`: states are positions
/// 0...count (`*` loops, and is skipped by the closure), sets of states are bit sets, and where each
/// state goes on each symbol of the comparison's alphabet is worked out once, so a step is a few
/// word operations rather than set insertions (a comparison explores up to thousands of steps).
private struct PatternNFA {
    let count: Int
    let words: Int
    let symbols: Int
    /// `moves[(state * symbols + symbol) * words ..< +words]`: the closure of the state's successors.
    let moves: [UInt64]
    let start: [UInt64]

    init(_ pattern: [Character], _ alphabet: [Character?]) {
        count = pattern.count
        words = (pattern.count + 1 + 63) / 64
        symbols = alphabet.count
        let words = self.words
        func closure(_ state: Int) -> [Int] {
            var states = [state]
            var current = state
            while current < pattern.count && pattern[current] == "*" {
                current += 1
                states.append(current)
            }
            return states
        }
        func set(_ states: [Int]) -> [UInt64] {
            var bits = [UInt64](repeating: 0, count: words)
            for state in states { bits[state / 64] |= 1 << UInt64(state % 64) }
            return bits
        }
        var moves = [UInt64](repeating: 0, count: (pattern.count + 1) * alphabet.count * words)
        for state in 0..<pattern.count {
            for (index, symbol) in alphabet.enumerated() {
                let successor: Int?
                switch pattern[state] {
                case "*": successor = state
                case "?": successor = state + 1
                case let literal: successor = symbol == literal ? state + 1 : nil
                }
                guard let successor else { continue }
                let offset = (state * alphabet.count + index) * words
                for (word, bits) in set(closure(successor)).enumerated() { moves[offset + word] |= bits }
            }
        }
        self.moves = moves
        start = set(closure(0))
    }

    func accepts(_ states: [UInt64]) -> Bool {
        states[count / 64] & (1 << UInt64(count % 64)) != 0
    }

    func step(_ states: [UInt64], _ symbol: Int) -> [UInt64] {
        var next = [UInt64](repeating: 0, count: words)
        for word in 0..<words {
            var bits = states[word]
            while bits != 0 {
                let state = word * 64 + bits.trailingZeroBitCount
                bits &= bits - 1
                guard state < count else { continue }
                let offset = (state * symbols + symbol) * words
                for target in 0..<words { next[target] |= moves[offset + target] }
            }
        }
        return next
    }
}

