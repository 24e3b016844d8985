
public enum XRayKit {
    public static let version = "0.1.0"

    /// Where the project is published (`https://github.com/NAME/xrayctl`); rule pages
    /// (`docs/rules/XRnnn.md`) are linked below it from SARIF's `helpUri`, `help.markdown` and
    /// `xrayctl rules`. nil until it is published: those links are then left out rather than
    /// pointing at a placeholder.
    public static let repositoryURL: String? = nil

    /// `--version`: the version, the commit it was built from (`BuildInfo`, written by
    /// BuildInfoPlugin; nil outside a git checkout), the Swift compiler and the platform.
    public static var versionLine: String {
        "xrayctl \(version)\(BuildInfo.commit.map { " (\($0))" } ?? "") built with Swift \(swiftVersion) for \(platform)"
    }

    package static var swiftVersion: String {
        #if compiler(>=6.4)
        return "6.4 or later"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    package static var platform: String {
        #if os(Linux)
        let system = "Linux"
        #elseif os(macOS)
        let system = "macOS"
        #else
        let system = "another system"
        #endif
        #if arch(x86_64)
        return system + " x86_64"
        #elseif arch(arm64)
        return system + " arm64"
        #else
        return system
        #endif
    }
}
