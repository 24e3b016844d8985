import Foundation

/// A Terraform module: every `.tf` file of one folder, read together, and the values its input
/// variables get from defaults and tfvars files. `.tf.json` files are not read yet.
public struct HCLModule: Sendable {
    /// The module's folder; `path.module` evaluates to its path.
    public var folder: URL
    /// `file` and `templatefile` read only below this folder (the module folder or a parent).
    public var root: URL
    public var files: [HCLFile]
    /// Files that could not be read or parsed, each with its first error.
    public var failures: [HCLDiagnostic]
    /// Every `locals` attribute of every file, by name (the first definition wins).
    public var locals: [String: HCLAttribute]
    /// Every `variable` block, by its label.
    public var variables: [String: HCLBlock]
    /// What each variable evaluates to: its tfvars value or default, converted to its declared
    /// type where that is simple; a variable with neither is absent (evaluates to unknown).
    public var variableValues: [String: HCLValue]

    /// Files larger than this are not read: a linter must not load a huge file into memory.
    public static let maxFileSize = 8 << 20

    /// The top-level blocks of every file, in file order.
    public var blocks: [HCLBlock] { files.flatMap(\.body.blocks) }

    /// The top-level blocks of a type: `blocks("resource")`, `blocks("data")`.
    public func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }

    /// Reads the `.tf` files of `folder` (sorted by name) and its tfvars files. `root` bounds what
    /// `file` and `templatefile` may read; it defaults to the folder itself.
    public static func load(folder: URL, root: URL? = nil) -> HCLModule {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var files: [HCLFile] = []
        var failures: [HCLDiagnostic] = []
        for name in names where name.hasSuffix(".tf") {
            switch read(folder.appendingPathComponent(name)) {
            case .success(let file): files.append(file)
            case .failure(let error): failures.append(error)
            }
        }
        var module = HCLModule(files: files, folder: folder, root: root)
        module.failures += failures
        module.applyTfvars(Tfvars.load(folder: folder, failures: &module.failures))
        return module
    }

    /// A module from files already parsed (and tfvars values already read), for callers that
    /// hold text rather than a folder.
    public init(files: [HCLFile], folder: URL, root: URL? = nil, tfvars: [String: HCLValue] = [:]) {
        self.folder = folder
        self.root = root ?? folder
        self.files = files
        self.failures = []
        var locals: [String: HCLAttribute] = [:]
        var variables: [String: HCLBlock] = [:]
        for block in files.flatMap(\.body.blocks) {
            if block.type == "locals" {
                for attribute in block.body.attributes where locals[attribute.name] == nil { locals[attribute.name] = attribute }
            } else if block.type == "variable", let name = block.labels.first?.value, variables[name] == nil {
                variables[name] = block
            }
        }
        self.locals = locals
        self.variables = variables
        self.variableValues = [:]
        applyTfvars(tfvars)
    }

    /// The values `terraform.tfvars`, `terraform.tfvars.json` and `*.auto.tfvars(.json)` of a
    /// folder give (later files win), and the files that could not be read.
    public static func tfvars(folder: URL) -> (values: [String: HCLValue], failures: [HCLDiagnostic]) {
        var failures: [HCLDiagnostic] = []
        let values = Tfvars.load(folder: folder, failures: &failures)
        return (values, failures)
    }

    /// Gives the variables these values (a module call's arguments, or tfvars) over their
    /// defaults, each converted to its declared type; a variable neither gives is unknown.
    public mutating func assign(_ values: [String: HCLValue]) {
        applyTfvars(values)
    }

    /// Sets each variable's value: a tfvars value over the default, converted to the variable's type.
    mutating func applyTfvars(_ tfvars: [String: HCLValue]) {
        let evaluator = HCLEvaluator()
        var values: [String: HCLValue] = [:]
        for (name, block) in variables {
            let value = tfvars[name] ?? block.attribute("default").map { evaluator.evaluate($0.expression) }
            guard let value else { continue }
            let type = block.attribute("type").map { TypeConstraint($0.expression) } ?? .any
            values[name] = type.convert(value)
        }
        variableValues = values
    }

    /// A file's parse, or why it could not be read.
    static func read(_ url: URL) -> Result<HCLFile, HCLDiagnostic> {
        let start = SourcePosition.start
        let place = SourceRange(file: url.path, start: start, end: start)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maxFileSize else { return .failure(HCLDiagnostic("File too large to read (\(size) bytes)", at: place)) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(HCLDiagnostic("Cannot read the file", at: place))
        }
        return HCLFile.parse(data: data, path: url.path)
    }
}
