import Foundation

extension HCLEvaluator {
    /// Template files read inside one another at most this deep.
    static let maxTemplateNesting = 8
    /// Files larger than this are not read by `file` or `templatefile`.
    static let maxReadSize = 4 << 20

    /// `file(path)`: the text of a file beside the module. A file that is missing, too large or
    /// outside the root the caller allowed is unknown: Terraform may see it where this reader cannot.
    func readFile(_ call: FunctionCall) throws(HCLDiagnostic) -> HCLValue {
        guard call.arguments.count == 1 else { throw HCLDiagnostic("Wrong number of arguments: file takes 1", at: call.range) }
        guard call.arguments[0].isWhollyKnown else { return .unknown }
        guard let text = try contents(call, path: try call.string(0)) else { return .unknown }
        return .string(text)
    }

    /// `templatefile(path, vars)`: the file read as a template that sees only `vars` (and functions).
    func templateFile(_ call: FunctionCall) throws(HCLDiagnostic) -> HCLValue {
        guard call.arguments.count == 2 else { throw HCLDiagnostic("Wrong number of arguments: templatefile takes 2", at: call.range) }
        guard call.arguments[0].isWhollyKnown, call.arguments[1].isKnown else { return .unknown }
        let (variables, _) = try call.object(1)
        let path = try call.string(0)
        guard let text = try contents(call, path: path) else { return .unknown }
        guard !templateFiles.contains(path), templateFiles.count < Self.maxTemplateNesting else {
            throw call.fail("the template \(path) includes itself or nests templates too deeply", argument: 0)
        }
        let template: HCLExpression
        switch HCLFile.parseTemplate(text: text, path: path) {
        case .success(let parsed): template = parsed
        case .failure(let error): throw error
        }
        templateFiles.append(path)
        defer { templateFiles.removeLast() }
        let value = try eval(template, Scope(variables: variables))
        guard value.isKnown else { return .unknown }
        guard let string = Conversion.toString(value) else {
            throw call.fail("the template must produce a string, not \(Conversion.typeName(value))", argument: 0)
        }
        return .string(string)
    }

    /// A file's text, or nil when it cannot be read; an error when it is not UTF-8 (as in Terraform).
    func contents(_ call: FunctionCall, path: String) throws(HCLDiagnostic) -> String? {
        guard let module else { return nil }
        let base = module.folder.standardizedFileURL
        let url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path))
            .standardizedFileURL.resolvingSymlinksInPath()
        let root = module.root.standardizedFileURL.resolvingSymlinksInPath().path
        guard url.path == root || url.path.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= Self.maxReadSize, let data = FileManager.default.contents(atPath: url.path) else { return nil }
        try spend(data.count / 16, at: call.range)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw call.fail("the contents of \(path) are not valid UTF-8; use filebase64 for binary files", argument: 0)
        }
        return text
    }
}
