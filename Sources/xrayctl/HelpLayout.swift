enum HelpLayout {
    static let columns = 100

    /// argument-parser prints a command's usage on one line however long it is; wrap it between
    /// arguments, continuing under the first argument, so every help line fits `columns`.
    static func wrapUsage(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > columns, let prefix = ["USAGE: ", "Usage: "].first(where: { line.hasPrefix($0) }) else { return String(line) }
            let words = line.dropFirst(prefix.count).split(separator: " ")
            // The command path (`xrayctl generate model`) stays together on the first line.
            let pathLength = words.prefix { !$0.hasPrefix("[") && !$0.hasPrefix("<") && !$0.hasPrefix("-") }.count
            var lines = [prefix + words.prefix(pathLength).joined(separator: " ")]
            let indent = String(repeating: " ", count: lines[0].count + 1)
            // Group each bracketed argument (`[--format <format>]`) as one unit before wrapping.
            var units: [String] = [], depth = 0
            for word in words.dropFirst(pathLength) {
                if depth > 0 { units[units.count - 1] += " " + word } else { units.append(String(word)) }
                depth += word.filter { $0 == "[" || $0 == "<" }.count - word.filter { $0 == "]" || $0 == ">" }.count
            }
            for unit in units {
                if lines[lines.count - 1].count + 1 + unit.count <= columns {
                    lines[lines.count - 1] += " " + unit
                } else {
                    lines.append(indent + unit)
                }
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
