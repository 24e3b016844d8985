/// How generated resources are named from the project and service names.
public enum Naming {
    /// `project-name`, unless the name already starts with the project (so `scorekeep-api` in
    /// project `scorekeep` stays `scorekeep-api` rather than `scorekeep-scorekeep-api`).
    public static func prefixed(_ project: String, _ name: String) -> String {
        name == project || name.hasPrefix("\(project)-") ? name : "\(project)-\(name)"
    }

    /// Letters, digits and hyphens, starting with a letter or digit: valid in task families,
    /// role names, sampling rule names and file names alike.
    public static func isSimpleName(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// Role names are the prefixed service name plus one of these suffixes.
    public static let taskRoleSuffix = "-task-role"
    public static let executionRoleSuffix = "-execution-role"
    public static let longestRoleSuffix = executionRoleSuffix

    /// IAM role names may be at most 64 characters.
    public static let maxRoleName = 64
    /// Sampling rule names may be at most 32 characters.
    public static let maxRuleName = 32
}
