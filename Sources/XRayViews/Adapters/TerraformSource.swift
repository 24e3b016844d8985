import Foundation
import HCL
import XRayCore
import XRaySampling

/// Terraform configuration (`.tf` files) read as the template it amounts to, through the same
/// mapping as a plan (`TerraformPlan.assemble`): a folder is one module, every `resource` block is
/// evaluated as far as the module's own text decides it (`HCLEvaluator`: locals, variables and
/// tfvars, `path.module`, `file`, `templatefile`), local module calls are followed with their
/// inputs, and `data "aws_iam_policy_document"` blocks become the policy JSON they produce.
/// What only Terraform knows when it runs (resource attributes, other data sources, `count` and
/// `for_each` keys, remote modules) is unknown: absent, or CloudFormation's "value from elsewhere",
/// so a rule that needs it says nothing. Every node keeps the `.tf` line it was written on.
package enum TerraformSource {
    /// A module: the documents of its files (the first holds the template), and the local module
    /// folders it calls (a folder walk lints those only through their callers).
    package struct Reading {
        package var documents: [SourceDocument]
        package var calledFolders: Set<String>
    }

    /// Local modules are followed this deep (a configuration that nests deeper is unusual).
    package static let maxModuleDepth = 8

    /// The module in `folder` (as the user wrote the path; "" for the current folder), reading its
    /// `.tf` files from disk; `files` instead gives their text (a file named on its own, examples).
    package static func read(folder: String, files given: [(path: String, data: Data)]? = nil) -> Reading {
        let files = given ?? tfFiles(in: folder).map { path in (path, BoundedRead.file(path) ?? Data()) }
        var reader = TerraformSourceReader(rootFolder: folder)
        let parsed = reader.parse(files)
        var module = HCLModule(files: parsed, folder: url(folder), root: repositoryRoot(of: folder))
        let tfvars = HCLModule.tfvars(folder: url(folder))
        module.assign(tfvars.values)
        reader.loadFindings += tfvars.failures.map(reader.finding)
        _ = reader.read(module, folder: folder, prefix: "", inputs: [:], callers: [])

        let mainPath = files.first?.path ?? join(folder, "main.tf")
        var main = SourceDocument(path: mainPath, text: String(decoding: files.first?.data ?? Data(), as: UTF8.self), root: nil,
                                  kind: .terraformSource, loadFindings: reader.loadFindings)
        let reading = TerraformPlan.assemble(reader.resources, references: reader.references, unknown: reader.unknown, file: mainPath,
                                             budget: main.nodeBudget, at: SourceLocation(file: mainPath, line: 1, column: 1))
        main.root = reading.template
        main.terraformAddresses = reading.addresses
        main.terraformUnknowns = reader.unknowns
        // The other files of the module and of the modules it calls: their text, for suppression
        // comments and the count of files read, and the addresses of findings made on them.
        var others: [SourceDocument] = []
        var seen: Set<String> = [mainPath]
        for (path, data) in files.dropFirst().map({ ($0.path, $0.data) }) + reader.childFiles where seen.insert(path).inserted {
            var document = SourceDocument(path: path, text: String(decoding: data, as: UTF8.self), root: nil, kind: .terraformSource, loadFindings: [])
            document.terraformAddresses = reading.addresses
            others.append(document)
        }
        let settings = reading.beanstalkSettings.map { main.sibling(root: $0, kind: .ebextensions) }
        return Reading(documents: [main] + others + settings, calledFolders: reader.calledFolders)
    }

    /// The `.tf` files of a folder, sorted by name (Terraform reads them all, in any order).
    package static func tfFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.filter { $0.hasSuffix(".tf") }.sorted().map { join(folder, $0) }
    }

    package static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    package static func url(_ folder: String) -> URL { URL(fileURLWithPath: folder.isEmpty ? "." : folder) }

    /// An absolute, normalised path, to tell whether two written paths are one folder.
    package static func canonical(_ folder: String) -> String { url(folder).standardizedFileURL.path }

    /// `file()` and `templatefile()` read below the repository the module is in (a module reading
    /// `../shared/x.json` is common), or below the module's folder outside a repository.
    package static func repositoryRoot(of folder: String) -> URL {
        var current = url(folder).standardizedFileURL
        for _ in 0..<64 {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) { return current }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { break }
            current = parent
        }
        return url(folder).standardizedFileURL
    }

    /// `a/b/../c` → `a/c`, keeping a path relative as written.
    package static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return path.hasPrefix("./") && !joined.hasPrefix("..") ? "./" + joined : joined
    }
}

/// Reads one module and the local modules it calls into `TerraformPlan.Resource`s and references.
package struct TerraformSourceReader {
    package let rootFolder: String
    package var resources: [TerraformPlan.Resource] = []
    package var references: [String: [String: [String]]] = [:]
    package var unknown: [String: Set<String>] = [:]
    /// What stayed unknown and why, for `lint -v`.
    package var unknowns: [String] = []
    package var loadFindings: [Finding] = []
    package var childFiles: [(String, Data)] = []
    package var calledFolders: Set<String> = []
    /// `data "aws_iam_policy_document"` blocks by absolute address, and the policies read from them
    /// (nil: unknown), so that a reference reads each once.
    package var policyBlocks: [String: (block: TFBlock, module: ModuleScope)] = [:]
    package var policies: [String: LocatedNode?] = [:]
    package var policiesInProgress: Set<String> = []

    /// One module being read: its evaluator, its address prefix (`module.a.`), what each of its
    /// input variables names in the caller (for references through inputs), the call that passed
    /// them (to follow an input to the caller's expression), and the local modules it has read by
    /// call name (to follow `module.NAME.OUTPUT` into them).
    package final class ModuleScope {
        package let module: HCLModule
        package let evaluator: HCLEvaluator
        package let prefix: String
        package let folder: String
        package let inputs: [String: [String]]
        /// The caller's scope and the arguments of its call; nil at the root.
        package let caller: (scope: ModuleScope, arguments: [String: HCLExpression])?
        /// `count` or `for_each` on the call: `module.NAME` is then a list or map of instances.
        package let isRepeated: Bool
        /// Each `output` block's `value`, by the output's name.
        package let outputs: [String: HCLExpression]
        package var children: [String: ModuleScope] = [:]

        package init(module: HCLModule, prefix: String, folder: String, inputs: [String: [String]],
             caller: (scope: ModuleScope, arguments: [String: HCLExpression])? = nil, isRepeated: Bool = false) {
            self.module = module
            self.evaluator = HCLEvaluator(module: module)
            self.prefix = prefix
            self.folder = folder
            self.inputs = inputs
            self.caller = caller
            self.isRepeated = isRepeated
            var outputs: [String: HCLExpression] = [:]
            for block in module.blocks("output") where block.labels.count == 1 && outputs[block.labels[0].value] == nil {
                if let value = block.attribute("value") { outputs[block.labels[0].value] = value.expression }
            }
            self.outputs = outputs
        }

        /// `module.NAME[KEY].OUTPUT` → the called module and the output's name.
        package func output(_ names: [String]) -> (scope: ModuleScope, expression: HCLExpression, name: String)? {
            guard names.count >= 3, names[0] == "module", let child = children[names[1]] else { return nil }
            let name = child.isRepeated ? (names.count >= 4 ? names[3] : nil) : names[2]
            guard let name, let expression = child.outputs[name] else { return nil }
            return (child, expression, name)
        }
    }

    package init(rootFolder: String) {
        self.rootFolder = rootFolder
    }

    package func finding(_ diagnostic: HCLDiagnostic) -> Finding {
        ParseError.finding(at: SourceLocation(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column), diagnostic.message)
    }

    /// The files that parse; each that does not is an XR001 at its first error.
    package mutating func parse(_ files: [(path: String, data: Data)]) -> [HCLFile] {
        files.compactMap { path, data in
            guard data.count <= HCLModule.maxFileSize else {
                loadFindings.append(ParseError.finding(at: SourceLocation(file: path, line: 1, column: 1),
                                                       "the file is over \(HCLModule.maxFileSize >> 20) MB; xrayctl reads .tf files up to that size"))
                return nil
            }
            switch HCLFile.parse(data: data, path: path) {
            case .success(let file): return file
            case .failure(let error):
                loadFindings.append(finding(error))
                return nil
            }
        }
    }

    // MARK: modules

    package mutating func read(_ module: HCLModule, folder: String, prefix: String, inputs: [String: [String]], callers: [String],
                       caller: (scope: ModuleScope, arguments: [String: HCLExpression])? = nil, isRepeated: Bool = false) -> ModuleScope {
        let scope = ModuleScope(module: module, prefix: prefix, folder: folder, inputs: inputs, caller: caller, isRepeated: isRepeated)
        let label = prefix.isEmpty ? "the root module (\(folder.isEmpty ? "." : folder))" : String(prefix.dropLast())
        var dataSources: [String] = []
        for block in module.blocks where block.type == "data" && block.labels.count == 2 {
            let address = prefix + "data." + block.labelValues.joined(separator: ".")
            if block.labels[0].value == "aws_iam_policy_document" {
                policyBlocks[address] = (block, scope)
            } else {
                dataSources.append("data." + block.labelValues.joined(separator: "."))
            }
        }
        if !dataSources.isEmpty {
            unknowns.append("\(label): data sources are read when Terraform runs, so what they give is unknown: \(dataSources.joined(separator: ", "))")
        }
        // The called modules first, each after those whose outputs its arguments use, so that a
        // resource (or another call) reading `module.NAME.OUTPUT` finds the module read; their
        // resources still come where the call is written.
        let calls = module.blocks.filter { $0.type == "module" && $0.labels.count == 1 }
        var called: [String: [TerraformPlan.Resource]] = [:]
        for call in Self.dependencyOrder(calls, scope) {
            let start = resources.count
            readModuleCall(call, scope, label: label, callers: callers + [TerraformSource.canonical(folder)])
            called[call.labels[0].value, default: []] += resources[start...]
            resources.removeSubrange(start...)
        }
        for block in module.blocks {
            switch block.type {
            case "resource" where block.labels.count == 2: readResource(block, scope)
            case "module" where block.labels.count == 1: resources += called.removeValue(forKey: block.labels[0].value) ?? []
            default: break
            }
        }
        return scope
    }

    /// Module calls in file order, except that a call comes after the calls whose outputs its
    /// arguments read (through locals too); calls in a cycle keep their file order.
    package static func dependencyOrder(_ calls: [TFBlock], _ scope: ModuleScope) -> [TFBlock] {
        let names = Set(calls.map { $0.labels[0].value })
        func used(_ expression: HCLExpression, _ locals: inout Set<String>, _ found: inout Set<String>) {
            if let path = expression.traversal, path.count >= 2 {
                if path[0] == "module", names.contains(path[1]) { found.insert(path[1]) }
                if path[0] == "local", locals.insert(path[1]).inserted, let local = scope.module.locals[path[1]] { used(local.expression, &locals, &found) }
                return
            }
            for child in expression.kind.children { used(child, &locals, &found) }
        }
        var needs: [String: Set<String>] = [:]
        for call in calls {
            var locals: Set<String> = [], found: Set<String> = []
            for attribute in call.body.attributes { used(attribute.expression, &locals, &found) }
            found.remove(call.labels[0].value)
            needs[call.labels[0].value] = found
        }
        var ordered: [TFBlock] = [], done: Set<String> = [], remaining = calls
        while !remaining.isEmpty {
            let index = remaining.firstIndex { needs[$0.labels[0].value, default: []].isSubset(of: done) } ?? 0
            let call = remaining.remove(at: index)
            done.insert(call.labels[0].value)
            ordered.append(call)
        }
        return ordered
    }

    package mutating func readModuleCall(_ block: TFBlock, _ scope: ModuleScope, label: String, callers: [String]) {
        let name = block.labels[0].value
        let address = scope.prefix + "module." + name
        guard let source = block.attribute("source")?.expression.literalString else {
            unknowns.append("\(address): its source is not a literal string; the module is not read")
            return
        }
        guard source.hasPrefix("./") || source.hasPrefix("../") else {
            unknowns.append("\(address): source \"\(source)\" is not a local folder (registry, git or archive); its resources are not read")
            return
        }
        if isSkipped(block, scope) { return }
        let folder = TerraformSource.normalised(TerraformSource.join(scope.folder, source))
        let canonical = TerraformSource.canonical(folder)
        guard !callers.contains(canonical), callers.count < TerraformSource.maxModuleDepth else {
            unknowns.append("\(address): \(folder) calls itself or nests modules more than \(TerraformSource.maxModuleDepth) deep; not read further")
            return
        }
        let paths = TerraformSource.tfFiles(in: folder)
        guard !paths.isEmpty else {
            unknowns.append("\(address): no .tf files in \(folder); the module is not read")
            return
        }
        calledFolders.insert(canonical)
        let files = paths.map { ($0, BoundedRead.file($0) ?? Data()) }
        childFiles += files
        var child = HCLModule(files: parse(files), folder: TerraformSource.url(folder), root: scope.module.root)
        // The call's arguments are the child's variables, evaluated in the caller (so their values
        // keep the caller's lines), and what each names in the caller is what the variable names.
        var values: [String: TFValue] = [:]
        var passed: [String: [String]] = [:]
        var arguments: [String: HCLExpression] = [:]
        let meta: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]
        for attribute in block.body.attributes where !meta.contains(attribute.name) {
            // A value computed in the call (`tomap({...})`) is located at the argument that passed it.
            var value = scope.evaluator.evaluate(attribute.expression)
            if value.range == nil { value.range = attribute.expression.range }
            values[attribute.name] = value
            arguments[attribute.name] = attribute.expression
            if let named = referencedAddresses(attribute.expression, scope) { passed[attribute.name] = named }
        }
        child.assign(values)
        let isRepeated = block.attribute("count") != nil || block.attribute("for_each") != nil
        let childScope = read(child, folder: folder, prefix: address + ".", inputs: passed, callers: callers,
                              caller: (scope, arguments), isRepeated: isRepeated)
        scope.children[name] = childScope
        // `module.NAME` is the object of its outputs; of a repeated call, a list or map of them,
        // whose keys are not followed here: it stays unknown.
        if !isRepeated {
            var outputs: [String: TFValue] = [:]
            for (output, expression) in childScope.outputs { outputs[output] = childScope.evaluator.evaluate(expression) }
            scope.evaluator.modules[name] = HCLValue(.object(outputs, .object), range: block.range)
        }
    }

    /// `count = 0` or an empty `for_each`: the block creates nothing.
    package func isSkipped(_ block: TFBlock, _ scope: ModuleScope) -> Bool {
        if let count = block.attribute("count").map({ scope.evaluator.evaluate($0.expression) }), count.number?.integer == 0 { return true }
        if let each = block.attribute("for_each").map({ scope.evaluator.evaluate($0.expression) }) {
            if each.elements?.isEmpty == true || each.attributes?.isEmpty == true { return true }
        }
        return false
    }

    // MARK: resources

    package mutating func readResource(_ block: TFBlock, _ scope: ModuleScope) {
        guard !isSkipped(block, scope) else { return }
        let type = block.labels[0].value
        let address = scope.prefix + type + "." + block.labels[1].value
        let pointer = "/" + LocatedNode.escape(address)
        var unknownAttributes: Set<String> = []
        let values = body(block.body, scope, pointer: pointer, at: block.range, unknown: &unknownAttributes)
        var attributeReferences: [String: [String]] = [:]
        for attribute in block.body.attributes {
            if let named = referencedAddresses(attribute.expression, scope) { attributeReferences[attribute.name] = named }
        }
        let entry = LocatedNode(.mapping([]), at: TerraformSourceValues.location(block.labels[0].range), pointer: pointer)
        resources.append(TerraformPlan.Resource(address: address, type: type, module: String(scope.prefix.dropLast()), values: values, entry: entry))
        references[address] = attributeReferences
        unknown[address] = unknownAttributes
    }

    /// A body as a plan's `values` hold it: attributes by name, nested blocks as lists of bodies.
    /// An attribute known only when Terraform runs is an unreadable value (and named in `unknown`);
    /// a `dynamic` block, whose blocks are not known statically, is named in `unknown`.
    package mutating func body(_ body: HCLBody, _ scope: ModuleScope, pointer: String, at range: SourceRange, unknown: inout Set<String>) -> LocatedNode {
        var pairs: [(key: LocatedNode, value: LocatedNode)] = []
        let meta: Set<String> = ["count", "for_each", "depends_on", "provider"]
        for attribute in body.attributes where !meta.contains(attribute.name) {
            let place = pointer + "/" + LocatedNode.escape(attribute.name)
            // Unknown, it is there but unreadable (as `Cpu: !Ref TaskCpu` in a template): absent, a
            // rule would take it for not set.
            let node = value(attribute.expression, scope, pointer: place) ?? {
                unknown.insert(attribute.name)
                return TerraformSourceValues.unknown(at: attribute.expression.range, pointer: place)
            }()
            pairs.append((TerraformSourceValues.key(attribute.name, at: attribute.nameRange), node))
        }
        var types: [String] = []
        for block in body.blocks where !types.contains(block.type) { types.append(block.type) }
        for type in types where !["lifecycle", "provisioner", "connection"].contains(type) {
            if type == "dynamic" {
                for block in body.blocks("dynamic") { if let name = block.labels.first?.value { unknown.insert(name) } }
                continue
            }
            let blocks = body.blocks(type)
            let listPointer = pointer + "/" + LocatedNode.escape(type)
            var items: [LocatedNode] = []
            for (index, block) in blocks.enumerated() {
                var ignored: Set<String> = []
                items.append(self.body(block.body, scope, pointer: listPointer + "/\(index)", at: block.range, unknown: &ignored))
            }
            pairs.append((TerraformSourceValues.key(type, at: blocks[0].typeRange),
                          LocatedNode(.sequence(items), at: TerraformSourceValues.location(blocks[0].range), pointer: listPointer)))
        }
        return LocatedNode(.mapping(pairs), at: TerraformSourceValues.location(range), pointer: pointer)
    }

    /// An attribute's value as nodes, or nil when it is unknown. `jsonencode(x)` is read as `x`
    /// (the JSON has its structure, and each part keeps the line that wrote it; a part unknown until
    /// apply stays unknown without hiding the rest), a local is followed to where it is written,
    /// `data.aws_iam_policy_document.x.json` is that document's policy, and `file()` of JSON or
    /// YAML is read as that file, located in it.
    package mutating func value(_ expression: HCLExpression, _ scope: ModuleScope, pointer: String, depth: Int = 0) -> LocatedNode? {
        guard depth < 32 else { return nil }
        switch expression.kind {
        case .parenthesized(let inner):
            return value(inner, scope, pointer: pointer, depth: depth + 1)
        case .call(name: "jsonencode", arguments: let arguments, expandsLast: false) where arguments.count == 1:
            return value(arguments[0], scope, pointer: pointer, depth: depth + 1)
        case .call(name: "file", arguments: let arguments, expandsLast: false) where arguments.count == 1:
            return readFile(arguments[0], call: expression, scope, pointer: pointer)
        default:
            break
        }
        if let names = expression.traversal {
            if names.count == 2, names[0] == "local", let local = scope.module.locals[names[1]] {
                return value(local.expression, scope, pointer: pointer, depth: depth + 1)
            }
            // `module.NAME.OUTPUT` is the output's expression read in the called module (a policy
            // document it builds, a role it defines).
            if let output = scope.output(names), names.count == (output.scope.isRepeated ? 4 : 3) {
                return value(output.expression, output.scope, pointer: pointer, depth: depth + 1)
            }
            // An input the module cannot know on its own is the caller's expression read in the
            // caller (a policy document passed as `data.aws_iam_policy_document.x.json`).
            if names.count == 2, names[0] == "var", let caller = scope.caller, let argument = caller.arguments[names[1]],
               !scope.evaluator.evaluate(expression).isWhollyKnown {
                return value(argument, caller.scope, pointer: pointer, depth: depth + 1)
            }
            // `data.aws_iam_policy_document.x[0].json` (a document with `count`) is the same document.
            let named = names.filter { Int($0) == nil }
            if named.count == 4, named[0] == "data", named[1] == "aws_iam_policy_document", ["json", "minified_json"].contains(named[3]) {
                // Under the attribute's pointer: two roles trusting one document are two trust policies.
                return policy(scope.prefix + "data.aws_iam_policy_document." + named[2]).map { TerraformSourceValues.repointed($0, under: pointer + "#") }
            }
        }
        let evaluated = scope.evaluator.evaluate(expression)
        guard evaluated.isKnown else { return nil }
        return TerraformSourceValues.node(evaluated, fallback: expression.range, pointer: pointer)
    }

    /// `file("x.json")`: JSON or YAML read from the file itself, so findings land in it; other
    /// text is a string at the call.
    package mutating func readFile(_ argument: HCLExpression, call: HCLExpression, _ scope: ModuleScope, pointer: String) -> LocatedNode? {
        guard let path = scope.evaluator.evaluate(argument).string else { return nil }
        let contents = scope.evaluator.evaluate(call)
        guard let text = contents.string else {
            unknowns.append("\(call.range): file(\"\(path)\") cannot be read (missing, outside the repository, or too large); its content is unknown")
            return nil
        }
        let modulePath = scope.module.folder.path
        let written = path.hasPrefix(modulePath + "/") ? String(path.dropFirst(modulePath.count + 1)) : path
        let display = path.hasPrefix("/") && !path.hasPrefix(modulePath + "/") ? path : TerraformSource.normalised(TerraformSource.join(scope.folder, written))
        let first = text.drop(while: \.isWhitespace).first
        if first == "[" || first == "{", let tree = try? YAMLLoader.load(text, file: display), tree.pairs != nil || tree.items != nil {
            return tree
        }
        return TerraformSourceValues.node(TFValue(.string(text), range: call.range), fallback: call.range, pointer: pointer)
    }

    // MARK: references

    /// The resource addresses an expression names (through locals, through input variables to
    /// what the caller passed, and through outputs of local modules to what they name there); `[]`
    /// when it names only what cannot be resolved (data sources, remote modules, `each`); nil when
    /// it names nothing at all.
    package func referencedAddresses(_ expression: HCLExpression, _ scope: ModuleScope) -> [String]? {
        var found: [String] = []
        var any = false
        var followed: Set<String> = []
        func visit(_ expression: HCLExpression, _ scope: ModuleScope) {
            if let names = expression.traversal, names.count >= 2 {
                any = true
                switch names[0] {
                case "var": found += scope.inputs[names[1]] ?? []
                case "local":
                    if followed.insert(scope.prefix + "local." + names[1]).inserted, let local = scope.module.locals[names[1]] { visit(local.expression, scope) }
                case "module":
                    if let output = scope.output(names), followed.insert(output.scope.prefix + "output." + output.name).inserted {
                        visit(output.expression, output.scope)
                    }
                case "data", "each", "count", "path", "self", "terraform": break
                default: found.append(scope.prefix + names[0] + "." + names[1])
                }
                return
            }
            for child in expression.kind.children { visit(child, scope) }
        }
        visit(expression, scope)
        return any ? found : nil
    }
}
