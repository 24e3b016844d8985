import Foundation
import XRayCore
import XRaySampling
import XRayViews
import XRayGenerate
import XRayRules

/// The project layer of `xrayctl doctor`: lints every infrastructure file below a folder and
/// checks each application found there for an X-Ray SDK or OpenTelemetry, and for the SDK being
/// wired in.
public enum ProjectScan {
    /// An application found by its dependency manifest.
    public struct Application: Sendable, Equatable {
        public var language: String
        public var folder: String
        public var manifest: String
    }

    public static let skippedFolders = FileCollector.skippedFolders.union(["vendor", "target", "dist", "build", "venv", ".venv", "__pycache__", "bin", "obj"])
    /// Dependencies that mark a project as infrastructure code (CDK apps, Serverless Framework).
    package static let infrastructureTools = ["aws-cdk-lib", "\"aws-cdk\"", "software.amazon.awscdk", "github.com/aws/aws-cdk-go",
                                      "Amazon.CDK", "\"serverless\":", "constructs"]

    /// Source files larger than this are not read for wiring.
    package static let maxSourceSize = 2_000_000

    public static func scan(_ root: String, today: Date = Date(), options: LintOptions = LintOptions()) -> (findings: [Finding], files: Int) {
        var findings: [Finding] = []
        var files = 0
        if let documents = try? FileCollector.collect([root]) {
            files += documents.count
            findings += Linter.lint(documents, options: LintOptions(disabled: options.disabled, enabledOnly: options.enabledOnly, today: today))
        }
        let found = applications(under: root)
        let model = projectModel(root)
        let lambdaFolders = Self.lambdaFolders(root, model: model)
        for application in found {
            files += 1
            let standardized = URL(fileURLWithPath: application.folder).standardizedFileURL.path
            findings += check(application, today: today, isLambda: lambdaFolders.contains { standardized.hasPrefix($0) })
        }
        findings += modelSources(root, model: model, applications: found)
        return (findings.filter { options.isEnabled($0.rule) }.sorted(by: Finding.ordered), files)
    }

    /// The project's `xray.yaml`, when there is one that decodes; read once per scan.
    package static func projectModel(_ root: String) -> XRayModel? {
        let modelPath = root == "." ? "xray.yaml" : root + "/xray.yaml"
        guard let data = FileManager.default.contents(atPath: modelPath) else { return nil }
        return try? ModelDecoder.decode(String(decoding: data, as: UTF8.self), file: modelPath).model
    }

    /// The source folders of the Lambda services `xray.yaml` declares: Lambda traces each
    /// invocation itself (active tracing), so code there needs no SDK to send traces.
    package static func lambdaFolders(_ root: String, model: XRayModel?) -> [String] {
        guard let model else { return [] }
        return model.services.filter { $0.platform == .lambda }.compactMap(\.source).map { source in
            URL(fileURLWithPath: root == "." ? source : root + "/" + source).standardizedFileURL.path
        }
    }

    /// The services `xray.yaml` says are traced (`source:`) must have code xrayctl can find there.
    package static func modelSources(_ root: String, model: XRayModel?, applications: [Application]) -> [Finding] {
        guard let model else { return [] }
        return model.services.compactMap { service in
            guard let source = service.source else { return nil }
            let folder = (root == "." ? source : root + "/" + source).replacingOccurrences(of: "/./", with: "/")
            let normalized = URL(fileURLWithPath: folder).standardizedFileURL.path
            let covered = applications.contains { URL(fileURLWithPath: $0.folder).standardizedFileURL.path.hasPrefix(normalized) }
            guard !covered else { return nil }
            let exists = FileManager.default.fileExists(atPath: folder)
            // Lambda traces each invocation itself: code without an SDK still sends traces.
            if exists && service.platform == .lambda { return nil }
            return MissingInstrumentation.finding(
                at: service.location,
                exists ? "service '\(service.name)' is traced, but \(source) has no dependency manifest xrayctl knows, so no X-Ray SDK or OpenTelemetry dependency is in sight"
                       : "service '\(service.name)' names source \(source), which does not exist",
                fix: exists ? "Add the X-Ray SDK or OpenTelemetry for \(service.language ?? "the service's language") to \(source)" : "Fix the service's source path")
        }
    }

    /// Every application below `root`: a folder with a known dependency manifest.
    public static func applications(under root: String) -> [Application] {
        var found: [Application] = []
        // One application per language and folder, even with several manifests (requirements.txt and pyproject.toml).
        var seen = Set<String>()
        FolderWalk.visit(root, enter: enters) { folder, entry, path in
            let (folder, path) = (relative(folder, root), relative(path, root))
            for signature in LanguageSignature.all where signature.isManifest(entry) && seen.insert(folder + "\u{0}" + signature.language).inserted {
                found.append(Application(language: signature.language, folder: folder, manifest: path))
            }
            return true
        }
        return found.sorted { ($0.manifest) < ($1.manifest) }
    }

    /// Folders the scan enters: not the skipped ones, not hidden ones.
    package static func enters(_ name: String) -> Bool { !skippedFolders.contains(name) && !name.hasPrefix(".") }

    /// Paths below "." are written without the "./".
    package static func relative(_ path: String, _ root: String) -> String {
        guard root == "." else { return path }
        return path == "." ? path : path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }

    package static func check(_ application: Application, today: Date, isLambda: Bool = false) -> [Finding] {
        guard let signature = LanguageSignature.all.first(where: { $0.language == application.language }) else { return [] }
        // Every manifest of that language in the folder counts (requirements.txt and pyproject.toml, say).
        let manifests = ((try? FileManager.default.contentsOfDirectory(atPath: application.folder)) ?? [])
            .filter(signature.isManifest).sorted()
            .map { application.folder == "." ? $0 : application.folder + "/" + $0 }
        var sdk: SourceLocation?, openTelemetry = false, infrastructure = false
        for manifest in manifests {
            guard let text = FileManager.default.contents(atPath: manifest).map({ String(decoding: $0, as: UTF8.self) }) else { continue }
            if infrastructureTools.contains(where: { text.contains($0) }) { infrastructure = true }
            if sdk == nil, let location = locate(signature.xraySDK, in: text, file: manifest) { sdk = location }
            if signature.openTelemetry.contains(where: { text.contains($0) }) { openTelemetry = true }
        }
        let anchor = SourceLocation(file: application.manifest, line: 1, column: 1)
        guard let sdk else {
            // A CDK or Serverless Framework project describes infrastructure; it is not a traced service.
            guard !openTelemetry, !infrastructure else { return [] }
            if isLambda {
                return [MissingInstrumentation.finding(
                    at: anchor,
                    "the \(application.language) function in \(application.folder) has no X-Ray SDK or OpenTelemetry: Lambda's active tracing records each invocation, but calls the function makes appear only as the function's own time",
                    fix: "For subsegments of the calls it makes (AWS SDK, HTTP, SQL), add OpenTelemetry (the ADOT Lambda layer) or the X-Ray SDK",
                    severity: .info)]
            }
            return [MissingInstrumentation.finding(
                at: anchor, "the \(application.language) application in \(application.folder) depends on neither the X-Ray SDK nor OpenTelemetry, so it sends no traces",
                fix: "Add OpenTelemetry (ADOT) instrumentation, the recommended path, or the X-Ray SDK for \(application.language)")]
        }
        var findings = [XRayEndOfSupport.sdkFinding(at: sdk, language: application.language, today: today)]
        if !isWired(signature, under: application.folder) {
            findings.append(SDKNotWiredIn.finding(
                at: sdk, "the X-Ray SDK is a dependency of the \(application.language) application in \(application.folder), but no code creates segments or installs it (\(signature.wiring.prefix(3).joined(separator: ", ")), …)",
                fix: wiringFix(application.language)))
        }
        return findings
    }

    package static func wiringFix(_ language: String) -> String {
        switch language {
        case "java": return "Register AWSXRayServletFilter (or call AWSXRay.beginSegment) for each request"
        case "python": return "Add XRayMiddleware (Flask) or the aws_xray_sdk.ext.django middleware, and call patch_all()"
        case "node": return "Wrap the routes in app.use(AWSXRay.express.openSegment(name)) … app.use(AWSXRay.express.closeSegment())"
        case "go": return "Wrap the handler in xray.Handler(xray.NewFixedSegmentNamer(name), handler)"
        case "dotnet": return "Call app.UseXRay(name) and AWSSDKHandler.RegisterXRayForAllServices()"
        default: return "Add XRay::Rack::Middleware to the Rack stack"
        }
    }

    /// Where the first of `needles` appears, as a location.
    package static func locate(_ needles: [String], in text: String, file: String) -> SourceLocation? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for needle in needles {
                if let range = line.range(of: needle) {
                    let column = line[..<range.lowerBound].unicodeScalars.count + 1
                    return SourceLocation(file: file, line: index + 1, column: column)
                }
            }
        }
        return nil
    }

    /// Whether a source file of the application mentions a wiring call.
    package static func isWired(_ signature: LanguageSignature, under folder: String) -> Bool {
        var read = 0, wired = false
        FolderWalk.visit(folder, enter: enters) { _, entry, path in
            guard signature.sourceExtensions.contains((entry as NSString).pathExtension),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  (attributes[.size] as? Int ?? 0) <= maxSourceSize,
                  let data = FileManager.default.contents(atPath: path) else { return true }
            read += 1
            let text = String(decoding: data, as: UTF8.self)
            wired = signature.wiring.contains { text.contains($0) }
            return !wired && read <= 20_000
        }
        return wired
    }
}
