import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` before each build of XRayCore (where `XRayKit.versionLine` lives) with the commit the package is built
/// from, read by git when the sources are a git checkout (nil otherwise), so `xrayctl --version`
/// can say which commit it is.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let file = output.appending(path: "BuildInfo.swift").path
        let package = context.package.directoryURL.path
        // The commit, or nil outside a checkout; written only when it changed, so builds stay incremental.
        let script = """
            commit=$(git -C '\(package)' rev-parse --short=12 HEAD 2>/dev/null || true)
            if [ -n "$commit" ]; then value="\\"$commit\\""; else value="nil"; fi
            text="/// Generated before each build by BuildInfoPlugin.
            enum BuildInfo { static let commit: String? = $value }"
            mkdir -p '\(output.path)'
            if [ "$(cat '\(file)' 2>/dev/null)" != "$text" ]; then printf '%s\\n' "$text" > '\(file)'; fi
            """
        return [.prebuildCommand(displayName: "Stamp the commit into BuildInfo.swift", executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script], outputFilesDirectory: output)]
    }
}
