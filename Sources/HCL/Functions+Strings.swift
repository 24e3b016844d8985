extension HCLFunction {
    static let stringFunctions: [String: HCLFunction] = [
        "format": HCLFunction(arity: 1...Int.max) { call throws(HCLDiagnostic) in try Format.format(call) },
        "join": HCLFunction(arity: 2...Int.max) { call throws(HCLDiagnostic) in
            let separator = try call.string(0)
            var pieces: [String] = []
            for position in 1..<call.arguments.count {
                for element in try call.sequence(position).0 {
                    guard !element.isNull, let text = Conversion.toString(element) else {
                        throw call.fail("element of argument \(position + 1) must be a string, not \(Conversion.typeName(element))", argument: position)
                    }
                    pieces.append(text)
                }
            }
            return .string(pieces.joined(separator: separator))
        },
        "split": HCLFunction(arity: 2...2) { call throws(HCLDiagnostic) in
            let separator = try call.string(0)
            let text = try call.string(1)
            // Like Go's strings.Split: an empty separator splits between characters (Unicode scalars).
            let pieces = separator.isEmpty ? text.unicodeScalars.map { String($0) } : splitScalars(text, on: separator)
            return .list(pieces.map { .string($0) })
        },
        "lower": HCLFunction(arity: 1...1) { call throws(HCLDiagnostic) in .string(simpleCaseMapping(try call.string(0), upper: false)) },
        "upper": HCLFunction(arity: 1...1) { call throws(HCLDiagnostic) in .string(simpleCaseMapping(try call.string(0), upper: true)) },
        "trimspace": HCLFunction(arity: 1...1) { call throws(HCLDiagnostic) in
            .string(try call.string(0).droppingLeadingSpace.droppingTrailingSpace)
        },
        "replace": HCLFunction(arity: 3...3) { call throws(HCLDiagnostic) in
            let text = try call.string(0)
            let search = try call.string(1)
            let replacement = try call.string(2)
            // "/…/" is a regular expression in RE2 syntax; ICU's differs in places, so its result is
            // left to Terraform rather than guessed.
            if search.count >= 2, search.hasPrefix("/"), search.hasSuffix("/") { return .unknown }
            // An empty search string inserts the replacement around every character, as Go does.
            guard !search.isEmpty else {
                return .string(replacement + text.unicodeScalars.map { String($0) + replacement }.joined())
            }
            return .string(splitScalars(text, on: search).joined(separator: replacement))
        },
    ]

    /// `text` cut at each occurrence of `separator`, comparing Unicode scalars (not Characters,
    /// which would let a separator match half of an accented letter or miss one).
    static func splitScalars(_ text: String, on separator: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(separator.unicodeScalars)
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if index + needle.count <= scalars.count, Array(scalars[index..<(index + needle.count)]) == needle {
                pieces.append(String(current))
                current = String.UnicodeScalarView()
                index += needle.count
            } else {
                current.append(scalars[index])
                index += 1
            }
        }
        pieces.append(String(current))
        return pieces
    }

    /// Upper or lower case one Unicode scalar at a time, as Go's strings.ToUpper/ToLower do:
    /// a scalar whose full mapping is longer (ß → SS) stays as it is.
    static func simpleCaseMapping(_ text: String, upper: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let mapped = upper ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping
            let scalars = mapped.unicodeScalars
            if scalars.count == 1, let single = scalars.first { result.append(single) } else { result.append(scalar) }
        }
        return String(result)
    }
}
